package cn.qingdao.peipao.core.scoring;

/**
 * The tunables of the component functions, each with a default.
 *
 * @param distanceScaleKm location decays as exp(-distance / scale); default 15 km
 * @param sectorAgnostic value of {@code sector} for a counterpart without sectors; default 0.5
 * @param secondarySector weight of a project's secondary sectors against its main one; default 0.8
 * @param keywordMatch value of {@code sector} when only sector keywords overlap; default 0.6
 * @param adjacentStage value of {@code stage} for a stage one step away; default 0.5
 * @param neutral value of a component whose inputs are unknown (e.g. no location); default 0.5
 * @param capacitySlots free slots at which {@code capacity} reaches 1 − 1/e; default 3
 * @param portfolioReference portfolio size at which {@code track} (log-scaled) reaches 1; default
 *     50
 */
public record ScoringParams(
    double distanceScaleKm,
    double sectorAgnostic,
    double secondarySector,
    double keywordMatch,
    double adjacentStage,
    double neutral,
    double capacitySlots,
    double portfolioReference) {
  public static final ScoringParams DEFAULTS =
      new ScoringParams(15, 0.5, 0.8, 0.6, 0.5, 0.5, 3, 50);
}
