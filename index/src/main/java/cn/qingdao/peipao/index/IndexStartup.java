package cn.qingdao.peipao.index;

import cn.qingdao.peipao.index.search.SearchIndex;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * What start-up does with the index found beside a store: refuse (the index is ahead of the store,
 * follows another store or another history), rebuild it, catch it up or keep it. Decides only;
 * {@code IndexSync.reconcile} acts. O(1) but for one look-up of the store's mark.
 *
 * @param action what to do
 * @param why for a rebuild, why (for the start-up note)
 * @param storeId the store's id, for the index's next commits
 */
record IndexStartup(Action action, String why, String storeId) {
  enum Action {
    REBUILD,
    CATCH_UP,
    UP_TO_DATE
  }

  /**
   * The plan for an index {@code committed} (its files unusable when {@code rebuildNeeded}, why in
   * {@code openNote}) beside a store at {@code storeSeq}; {@code markAt} gives the store's mark of
   * a sequence number. The store gets its id ({@code storeIdOnce}) only after the refusals that
   * write nothing.
   *
   * @throws DataDirectoryException when the index is ahead of the store, or follows another store
   *     or history, and {@code ahead} is {@link Catalog.IndexAhead#REFUSE}
   */
  static IndexStartup plan(
      long storeSeq,
      SearchIndex.Committed committed,
      boolean rebuildNeeded,
      String openNote,
      Catalog.IndexAhead ahead,
      Supplier<String> storeIdOnce,
      boolean shared,
      LongFunction<Optional<String>> markAt) {
    long indexSeq = committed.seq();
    boolean refuse = ahead == Catalog.IndexAhead.REFUSE;
    if (indexSeq > storeSeq && refuse)
      throw new DataDirectoryException(ahead(indexSeq, storeSeq, shared));
    // only now, the refusal above having written nothing, may the store get its id
    String storeId = storeIdOnce.get();
    String followed = committed.storeId();
    boolean otherStore = followed != null && !followed.equals(storeId);
    if (otherStore && refuse)
      throw new DataDirectoryException(
          "the search index was built from another store (store id "
              + followed
              + "; this store is "
              + storeId
              + "): the node was pointed at another database, or the store was replaced by one"
              + " that is not a backup of it. Refusing to start, because catching up by sequence"
              + " numbers would mix the two. Point --store back, or rebuild the index from this"
              + " store with 'matcher reindex' (or start on an empty index directory).");
    // same store, but not the same history: restored from a backup older than the index and
    // written since, past the index's sequence again — the change there is not the one it saw
    String seen = committed.mark();
    boolean otherHistory =
        !otherStore
            && seen != null
            && indexSeq > 0
            && indexSeq <= storeSeq
            && !seen.equals(markAt.apply(indexSeq).orElse(null));
    if (otherHistory && refuse)
      throw new DataDirectoryException(
          "the store's history is not the one this index followed: its change "
              + indexSeq
              + " is not the one the index saw ("
              + seen
              + "). The store was restored from an older backup and written since. Refusing to"
              + " start, because catching up from there would keep entities the store no longer"
              + " has. Rebuild this node's index from the store with 'matcher reindex' (after a"
              + " restore, every node's, before any node starts).");
    if (rebuildNeeded || indexSeq > storeSeq || otherStore || otherHistory)
      return new IndexStartup(
          Action.REBUILD,
          rebuildNeeded
              ? openNote
              : otherStore
                  ? "built from another store"
                  : otherHistory ? "store restored and written since" : "index ahead of store",
          storeId);
    return new IndexStartup(
        indexSeq < storeSeq ? Action.CATCH_UP : Action.UP_TO_DATE, null, storeId);
  }

  /** Why an index ahead of its store is refused, and what to do. */
  private static String ahead(long indexSeq, long storeSeq, boolean shared) {
    return shared
        ? "the search index reflects the store up to change "
            + indexSeq
            + " but the PostgreSQL store only holds "
            + storeSeq
            + (storeSeq == 0 ? " (it is empty)" : "")
            + ": the database was restored from an older backup, or this is another"
            + " database. Refusing to start. If the restore was on purpose, rebuild every"
            + " node's index from it with 'matcher reindex --store …' (or empty the index"
            + " directories) before any node starts; otherwise point --store at the right"
            + " database."
        : "the search index reflects the store up to change "
            + indexSeq
            + " but store.db only holds "
            + storeSeq
            + (storeSeq == 0 ? " (it is empty)" : "")
            + ": store.db was truncated or replaced by an older copy. Refusing to start,"
            + " because rebuilding the index from it would drop what only the index still"
            + " holds. Restore the newest store.db from a backup; or rebuild the store from"
            + " the index with 'matcher recover'; or, if you restored an older backup on"
            + " purpose, run 'matcher reindex' to rebuild the index from it.";
  }
}
