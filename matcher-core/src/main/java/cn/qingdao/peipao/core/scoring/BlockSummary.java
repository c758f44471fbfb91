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
}
