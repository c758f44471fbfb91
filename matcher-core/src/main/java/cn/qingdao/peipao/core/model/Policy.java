package cn.qingdao.peipao.core.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A government policy with its audience, benefit, scope (districts, regions, sectors, stages; empty
 * means any) and machine-readable eligibility rules. {@code regions} names the province or city the
 * policy is for ({@link Codes#REGIONS}): outside it a founder is ineligible, with no known place
 * the verdict is partial.
 */
public record Policy(
    String id,
    String name,
    String description,
    List<String> tags,
    String issuer,
    String docNumber,
    LocalDate publishedAt,
    LocalDate validFrom,
    LocalDate validUntil,
    String category,
    String audience,
    Benefit benefit,
    List<String> districts,
    List<String> regions,
    List<String> sectors,
    List<String> stages,
    Rule eligibility,
    String source,
    long version,
    Instant updatedAt)
    implements Entity {

  /** What the policy gives; {@code maxAmount} in yuan when it is money. */
  public record Benefit(String type, Long maxAmount, String text) {}

  /** Open on {@code day}: started and not expired. */
  public boolean isOpenOn(LocalDate day) {
    return (validFrom == null || !day.isBefore(validFrom))
        && (validUntil == null || !day.isAfter(validUntil));
  }

  @Override
  public EntityType type() {
    return EntityType.POLICIES;
  }

  @Override
  public Policy withServerFields(String id, long version, Instant updatedAt) {
    return new Policy(
        id,
        name,
        description,
        tags,
        issuer,
        docNumber,
        publishedAt,
        validFrom,
        validUntil,
        category,
        audience,
        benefit,
        districts,
        regions,
        sectors,
        stages,
        eligibility,
        source,
        version,
        updatedAt);
  }
}
