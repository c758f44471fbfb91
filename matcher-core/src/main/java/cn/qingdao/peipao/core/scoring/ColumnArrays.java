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
    int[] district) {}
