package cn.qingdao.peipao.core.scoring;

/**
 * What {@link PruningBounds#blockUpper} needs of a block of candidates: the OR of their main-sector
 * bits, of their other sector bits, of their non-empty keyword, stage and service masks, their
 * largest capacity, their districts as bits ({@link #NO_DISTRICT} for none), and flags for
 * candidates with an empty mask. Built once per block of a segment.
 */
public record BlockSummary(
    long mainSectors,
    long otherSectors,
    long keywordSectors,
    int stages,
    int services,
    int maxCapacity,
    long districts,
    int flags) {
  /** Flag: some candidate of the block states no sector. */
  public static final int NO_SECTOR = 1;

  /** Flag: some candidate of the block has an empty stage mask. */
  public static final int NO_STAGE = 2;

  /** Flag: some candidate of the block has an empty service mask. */
  public static final int NO_SERVICE = 4;

  /** Bit of the district mask for candidates without a district. */
  public static final int NO_DISTRICT = 63;

  /**
   * The summary of the one candidate at position {@code i} of {@code columns}; a block's is the
   * {@link #union} of its candidates'. Districts beyond the mask's bits count as unknown. O(1).
   */
  public static BlockSummary of(CandidateColumns columns, int i) {
    long sectors = columns.sectors(i);
    int mainSector = columns.mainSector(i);
    long main = mainSector < 0 ? 0 : sectors & (1L << mainSector);
    int d = columns.district(i);
    int stages = columns.stages(i);
    int services = columns.services(i);
    int flags =
        (sectors == 0 ? NO_SECTOR : 0)
            | (stages == 0 ? NO_STAGE : 0)
            | (services == 0 ? NO_SERVICE : 0);
    return new BlockSummary(
        main,
        sectors & ~main,
        columns.keywordSectors(i),
        stages,
        services,
        columns.capacity(i),
        1L << (d < 0 || d > NO_DISTRICT ? NO_DISTRICT : d),
        flags);
  }

  /**
   * The summary of this block's candidates and {@code other}'s together: masks and flags ORed, the
   * larger capacity. Every bound of {@link PruningBounds#blockUpper} is monotone in these fields,
   * so the union's bound is at least either part's: a run of blocks is bounded by one summary.
   * O(1).
   */
  public BlockSummary union(BlockSummary other) {
    return new BlockSummary(
        mainSectors | other.mainSectors,
        otherSectors | other.otherSectors,
        keywordSectors | other.keywordSectors,
        stages | other.stages,
        services | other.services,
        Math.max(maxCapacity, other.maxCapacity),
        districts | other.districts,
        flags | other.flags);
  }
}
