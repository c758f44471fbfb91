package cn.qingdao.peipao.core.scoring;

/**
 * The hot fields of {@link CandidateColumns} as one array per field, by position, for bounding a
 * block of candidates in SIMD lanes ({@link ColumnLanes}): what a lane loads in one instruction.
 */
public record ColumnArrays(
    long[] sectors,
    long[] keywordSectors,
    int[] stages,
    int[] services,
    int[] capacity,
    int[] district) {

  /** Positions 0 to {@code n} of {@code columns}, copied into one array per field. O(n). */
  public static ColumnArrays of(CandidateColumns columns, int n) {
    ColumnArrays out =
        new ColumnArrays(new long[n], new long[n], new int[n], new int[n], new int[n], new int[n]);
    for (int i = 0; i < n; i++) {
      out.sectors[i] = columns.sectors(i);
      out.keywordSectors[i] = columns.keywordSectors(i);
      out.stages[i] = columns.stages(i);
      out.services[i] = columns.services(i);
      out.capacity[i] = columns.capacity(i);
      out.district[i] = columns.district(i);
    }
    return out;
  }
}
