package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.eligibility.Assessment;
import cn.qingdao.peipao.core.eligibility.ConditionResult;
import cn.qingdao.peipao.core.model.Policy;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The answers of the calculator, policy → people and project → policies, as records serialised by
 * Jackson; the OpenAPI schemas PolicyVerdict and the policy → people answer describe them.
 */
final class PolicyAnswers {
  private PolicyAnswers() {}

  /**
   * A policy as a calculator item shows it: benefit, dates, issuer, document, how it is granted
   * ({@code selection}), how to apply ({@code application}) and source.
   */
  record PolicySummary(
      String id,
      String name,
      String category,
      Policy.Benefit benefit,
      String issuer,
      String docNumber,
      LocalDate validFrom,
      @JsonInclude(JsonInclude.Include.ALWAYS) LocalDate validUntil,
      String selection,
      Policy.Application application,
      String source) {
    static PolicySummary of(Policy p) {
      return new PolicySummary(
          p.id(),
          p.name(),
          p.category(),
          p.benefit(),
          p.issuer(),
          p.docNumber(),
          p.validFrom(),
          p.validUntil(),
          p.selection(),
          p.application(),
          p.source());
    }
  }

  /** The verdict, the fewest conditions still to turn met, and what is unmet and unknown. */
  record VerdictSummary(String verdict, int missing, List<String> unmet, List<String> unknown) {
    static VerdictSummary of(Assessment a) {
      return new VerdictSummary(a.verdict().code(), a.missing(), a.unmet(), a.unknown());
    }
  }

  /**
   * One condition: label, field, op, what the policy requires, result, the profile's value (null
   * when not stated), the gap of unmet numbers and dates, and the source sentence.
   */
  record ConditionAnswer(
      String label,
      String field,
      String op,
      JsonNode required,
      String result,
      @JsonInclude(JsonInclude.Include.ALWAYS) Object value,
      String gap,
      String quote) {
    static ConditionAnswer of(ConditionResult c) {
      return new ConditionAnswer(
          c.label(),
          c.field(),
          c.op(),
          c.required(),
          c.result().code(),
          c.value(),
          c.gap(),
          c.quote());
    }
  }

  /** A policy judged for a profile: the policy, its verdict and every condition. */
  record Judged(
      @JsonUnwrapped PolicySummary policy,
      @JsonUnwrapped VerdictSummary verdict,
      List<ConditionAnswer> conditions) {
    static Judged of(Assessment a) {
      return new Judged(
          PolicySummary.of(a.policy()),
          VerdictSummary.of(a),
          a.conditions().stream().map(ConditionAnswer::of).toList());
    }
  }

  /** {@code POST /policies/match}: counts by verdict and the judged policies. */
  record Calculator(LocalDate date, Map<String, Long> counts, List<Judged> items, double tookMs) {}

  /** One project of policy → people, with its verdict. */
  record Person(
      String type,
      String id,
      String name,
      @JsonInclude(JsonInclude.Include.ALWAYS) String district,
      @JsonInclude(JsonInclude.Include.ALWAYS) String city,
      String stage,
      @JsonUnwrapped VerdictSummary verdict) {}

  /** {@code GET /policies/{id}/recommendations}. */
  record People(
      PolicySummary policy,
      boolean open,
      LocalDate date,
      long eligible,
      long partial,
      long total,
      int offset,
      int limit,
      List<Person> items,
      double tookMs) {}
}
