package cn.qingdao.peipao.core.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A government policy with its audience, benefit, scope (districts, regions, sectors, stages; empty
 * means any) and machine-readable eligibility rules. {@code regions} names the places (province,
 * city or county adcodes) the policy is for: outside them a founder is ineligible, with no known
 * place the verdict is partial.
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
    String selection,
    Application application,
    String source,
    long version,
    Instant updatedAt)
    implements Entity {

  /**
   * What the policy gives; {@code maxAmount} in yuan when it is money, {@code interestSubsidyRate}
   * the share of interest the state pays (0–1), {@code termYears} the longest term, {@code
   * guaranteeFree} true when no (counter-)guarantee is asked.
   */
  public record Benefit(
      String type,
      Long maxAmount,
      String text,
      Double interestSubsidyRate,
      Double termYears,
      Boolean guaranteeFree) {}

  /** How to apply (申报指南): where, with what, whom to ask; any part may be unknown (null). */
  public record Application(String channel, List<String> materials, String contact, String url) {}

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
        selection,
        application,
        source,
        version,
        updatedAt);
  }
}
