package cn.qingdao.peipao.api.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * A recommendation answer (OpenAPI schema Recommendations): the subject, the scoring profile, the
 * ranked items and {@code total}, the candidates that passed the hard constraints.
 */
record RecommendationAnswer(
    String target,
    Subject subject,
    ProfileRef profile,
    List<Item> items,
    long total,
    double tookMs) {
  record Subject(String type, String id) {}

  record ProfileRef(String name, int version, String direction) {}

  /**
   * A candidate: its score, an existing {@code relation} of the pair, for policies the verdict, and
   * (when explained) the components and reasons.
   */
  record Item(
      String type,
      String id,
      String name,
      double score,
      String relation,
      @JsonUnwrapped PolicyAnswers.VerdictSummary verdict,
      Map<String, Double> components,
      List<String> reasons) {}
}
