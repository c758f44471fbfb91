package cn.qingdao.peipao.core.scoring;

import java.util.Map;

/**
 * How one direction weighs its components: {@code score = Σ wᵢ·cᵢ / Σ wᵢ} for this side's view;
 * two-sided directions then take the harmonic mean with the counterpart's view. Profiles are
 * configuration (validated by {@link ScoringProfiles}); name and version are echoed in answers.
 */
public record ScoringProfile(
    String name,
    int version,
    Direction direction,
    Map<String, Double> weights,
    ScoringParams params) {
  public ScoringProfile {
    weights = Map.copyOf(weights);
  }

  /** Sum of the weights; positive for a valid profile. */
  public double totalWeight() {
    double t = 0;
    for (double w : weights.values()) t += w;
    return t;
  }
}
