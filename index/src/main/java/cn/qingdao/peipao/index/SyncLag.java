package cn.qingdao.peipao.index;

/**
 * How far a node's search index is behind the store.
 *
 * @param appliedSeq the last audit-log sequence the index reflects
 * @param storeSeq the newest sequence seen in the store at the last look
 * @param lagMillis how long the index has been behind (0 when it has caught up with what it saw)
 * @param lastLookMillisAgo when the node last read the store's newest sequence
 */
public record SyncLag(long appliedSeq, long storeSeq, long lagMillis, long lastLookMillisAgo) {
  /** Changes committed to the store but not yet in this node's index. */
  public long behind() {
    return Math.max(0, storeSeq - appliedSeq);
  }
}
