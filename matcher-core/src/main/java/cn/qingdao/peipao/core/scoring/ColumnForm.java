package cn.qingdao.peipao.core.scoring;

/**
 * One request's score as plain numbers over a candidate's column fields, for a project subject
 * whose direction weighs only sector, stage, needs, capacity, location and text (project →
 * mentors): what another engine (a script, SQL) needs to compute the service's exact score. {@link
 * #score} is the reference; it equals {@link PairScorer.Context#score} for the same text value.
 *
 * @param sectorOfBit the subject-weighted value of a candidate sector, by sector bit
 * @param subjectSectors the subject's sector bits (0: unknown, every stated sector {@code neutral})
 * @param subjectKeywords sectors the subject's words name
 * @param stageA this side's weighted {@code stage} by the candidate's accepted-stage mask
 * @param needsA this side's weighted {@code needs} by the candidate's service mask
 * @param locationA this side's weight of {@code location} (0 when unused); likewise the others
 * @param lat the subject's latitude, NaN without a point
 * @param reciprocal whether the score is the harmonic mean of both views (else view A)
 */
public record ColumnForm(
    double[] sectorOfBit,
    long subjectSectors,
    long subjectKeywords,
    double sectorAgnostic,
    double keywordMatch,
    double neutral,
    double sectorA,
    double sectorB,
    double[] stageA,
    double[] stageB,
    double[] needsA,
    double[] needsB,
    double capacityA,
    double capacityB,
    double capacitySlots,
    double locationA,
    double locationB,
    double lat,
    double lon,
    double cosReference,
    double distanceScaleKm,
    double textA,
    double textB,
    boolean reciprocal) {

  /** The {@code sector} value of a candidate with these sector and keyword bits. O(sectors). */
  public double sector(long sectors, long keywordSectors) {
    if (sectors == 0) return sectorAgnostic;
    double v;
    if (subjectSectors == 0) {
      v = neutral;
    } else {
      v = 0;
      for (long bits = sectors; bits != 0; bits &= bits - 1)
        v = Math.max(v, sectorOfBit[Long.numberOfTrailingZeros(bits)]);
    }
    if (((keywordSectors & subjectSectors) | (subjectKeywords & sectors)) != 0)
      v = Math.max(v, keywordMatch);
    return v;
  }

  /** The {@code capacity} value of {@code slots} free slots. */
  public double capacity(int slots) {
    return slots <= 0 ? 0 : 1 - Math.exp(-slots / capacitySlots);
  }

  /** The {@code location} value of a candidate at ({@code lat}, {@code lon}), NaN for no point. */
  public double location(double candidateLat, double candidateLon) {
    if (Double.isNaN(lat) || Double.isNaN(candidateLat)) return neutral;
    return Math.exp(
        -Geo.kmAt(cosReference, lat, lon, candidateLat, candidateLon) / distanceScaleKm);
  }

  /** The exact score of a candidate with these columns and text relevance {@code text} ∈ [0,1]. */
  public double score(
      long sectors,
      long keywordSectors,
      int stages,
      int services,
      int slots,
      double candidateLat,
      double candidateLon,
      double text) {
    double sector = sector(sectors, keywordSectors);
    double cap = capacity(slots);
    double loc = location(candidateLat, candidateLon);
    double a =
        sectorA * sector
            + stageA[stages]
            + needsA[services]
            + capacityA * cap
            + locationA * loc
            + textA * text;
    if (!reciprocal) return a;
    double b =
        sectorB * sector
            + stageB[stages]
            + needsB[services]
            + capacityB * cap
            + locationB * loc
            + textB * text;
    return a + b == 0 ? 0 : 2 * a * b / (a + b);
  }
}
