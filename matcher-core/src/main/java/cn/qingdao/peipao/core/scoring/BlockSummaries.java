package cn.qingdao.peipao.core.scoring;

/**
 * The {@link BlockSummary} of every block of a segment packed in one array, six longs a block, for
 * {@link PruningBounds#blockUpper(BlockSummaries, int)}: a request bounds every block of its target
 * type in order, and a flat array streams through the cache where an object per block costs a miss
 * per block. O(1) per read.
 */
public final class BlockSummaries {
  private static final int STRIDE = 6;

  private final long[] data;

  /** Room for {@code blocks} summaries, all empty until {@link #set}. */
  public BlockSummaries(int blocks) {
    data = new long[blocks * STRIDE];
  }

  /** Stores block {@code b}'s summary. */
  public void set(int b, BlockSummary s) {
    int at = b * STRIDE;
    data[at] = s.mainSectors();
    data[at + 1] = s.otherSectors();
    data[at + 2] = s.keywordSectors();
    data[at + 3] = s.districts();
    data[at + 4] = (long) s.stages() << 32 | s.services() & 0xFFFFFFFFL;
    data[at + 5] = (long) s.maxCapacity() << 32 | s.flags() & 0xFFFFFFFFL;
  }

  /** Block {@code b}'s summary as a record (tests, diagnostics; the bounds read the array). */
  public BlockSummary get(int b) {
    int at = b * STRIDE;
    return new BlockSummary(
        mainSectors(b),
        otherSectors(b),
        keywordSectors(b),
        stages(b),
        services(b),
        maxCapacity(b),
        districts(b),
        flags(b));
  }

  /** How many blocks there are. */
  public int size() {
    return data.length / STRIDE;
  }

  long mainSectors(int b) {
    return data[b * STRIDE];
  }

  long otherSectors(int b) {
    return data[b * STRIDE + 1];
  }

  long keywordSectors(int b) {
    return data[b * STRIDE + 2];
  }

  long districts(int b) {
    return data[b * STRIDE + 3];
  }

  int stages(int b) {
    return (int) (data[b * STRIDE + 4] >>> 32);
  }

  int services(int b) {
    return (int) data[b * STRIDE + 4];
  }

  int maxCapacity(int b) {
    return (int) (data[b * STRIDE + 5] >> 32);
  }

  int flags(int b) {
    return (int) data[b * STRIDE + 5];
  }
}
