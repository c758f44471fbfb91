package cn.qingdao.peipao.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.index.search.SearchIndex;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every combination of what start-up finds — index behind, level with or ahead of the store;
 * following no store, this one or another; having seen no mark, the store's or another; files
 * usable or not — under both policies, against the rules stated as plainly as possible.
 */
class IndexStartupTest {
  private static final String STORE = "store-a";

  @Test
  void everyCombinationFollowsTheRules() {
    int cases = 0;
    for (long indexSeq : new long[] {0, 5, 10, 12})
      for (String followed : new String[] {null, STORE, "store-b"})
        for (String mark : new String[] {null, "m10", "other"})
          for (boolean rebuildNeeded : new boolean[] {false, true})
            for (Catalog.IndexAhead ahead : Catalog.IndexAhead.values())
              for (boolean shared : new boolean[] {false, true}) {
                cases++;
                check(indexSeq, followed, mark, rebuildNeeded, ahead, shared);
              }
    assertEquals(4 * 3 * 3 * 2 * 2 * 2, cases);
  }

  private static void check(
      long indexSeq,
      String followed,
      String mark,
      boolean rebuildNeeded,
      Catalog.IndexAhead ahead,
      boolean shared) {
    long storeSeq = 10;
    String what =
        indexSeq + "/" + followed + "/" + mark + "/" + rebuildNeeded + "/" + ahead + "/" + shared;
    AtomicInteger idAsked = new AtomicInteger();
    // the store's mark of each of its changes: "m" + seq
    SearchIndex.Committed committed = new SearchIndex.Committed(indexSeq, followed, mark);
    boolean isAhead = indexSeq > storeSeq;
    boolean otherStore = followed != null && !followed.equals(STORE);
    boolean otherHistory =
        !otherStore
            && mark != null
            && indexSeq > 0
            && indexSeq <= storeSeq
            && !mark.equals("m" + indexSeq);
    boolean refused = ahead == Catalog.IndexAhead.REFUSE && (isAhead || otherStore || otherHistory);
    Supplier<IndexStartup> plan =
        () ->
            IndexStartup.plan(
                storeSeq,
                committed,
                rebuildNeeded,
                "files lost",
                ahead,
                () -> {
                  idAsked.incrementAndGet();
                  return STORE;
                },
                shared,
                seq -> Optional.of("m" + seq));
    if (refused) {
      DataDirectoryException e = assertThrows(DataDirectoryException.class, plan::get, what);
      // an index ahead is refused before the store is given an id (which writes it)
      assertEquals(isAhead ? 0 : 1, idAsked.get(), what);
      assertTrue(e.getMessage().contains("matcher reindex"), what + ": says what to do");
      if (isAhead)
        assertTrue(
            e.getMessage().contains(shared ? "PostgreSQL" : "store.db"),
            what + ": names the store");
      return;
    }
    IndexStartup got = plan.get();
    assertEquals(1, idAsked.get(), what);
    assertEquals(STORE, got.storeId(), what);
    IndexStartup.Action want =
        rebuildNeeded || isAhead || otherStore || otherHistory
            ? IndexStartup.Action.REBUILD
            : indexSeq < storeSeq ? IndexStartup.Action.CATCH_UP : IndexStartup.Action.UP_TO_DATE;
    assertEquals(want, got.action(), what);
    if (want == IndexStartup.Action.REBUILD)
      assertEquals(
          rebuildNeeded
              ? "files lost"
              : otherStore
                  ? "built from another store"
                  : otherHistory ? "store restored and written since" : "index ahead of store",
          got.why(),
          what);
  }
}
