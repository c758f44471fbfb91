package cn.qingdao.peipao.index.growth;

import cn.qingdao.peipao.core.growth.RiskAssessment;
import cn.qingdao.peipao.core.growth.RiskSignal;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A risk alert as it is stored and shown (OpenAPI schema Alert): the project, the date it was
 * judged on, the worst severity, the teams called (most severe first) and every signal; in answers
 * also the project's {@code name} and the {@code mentors} of those teams to call.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(
    String projectId,
    LocalDate asOf,
    String severity,
    List<String> teams,
    List<Signal> signals,
    String name,
    List<MentorToCall> mentors) {
  /** One signal: what, how severe, the phrase to show, the teams and the numbers behind it. */
  public record Signal(
      String kind,
      String severity,
      String label,
      List<String> teams,
      Map<String, Object> evidence) {}

  /** A mentor of a called team, ranked for the project, with the reasons. */
  public record MentorToCall(String id, String name, double score, List<String> reasons) {}

  /** The stored form of an assessment (no name, no mentors: those are read when shown). */
  static AlertView of(RiskAssessment a) {
    return new AlertView(
        a.projectId(),
        a.asOf(),
        a.severity().code(),
        a.teams(),
        a.signals().stream().map(AlertView::signal).toList(),
        null,
        null);
  }

  private static Signal signal(RiskSignal s) {
    return new Signal(s.kind(), s.severity().code(), s.label(), s.teams(), s.evidence());
  }

  /** This alert as shown: with the project's name and the mentors to call. */
  AlertView shown(String projectName, List<MentorToCall> toCall) {
    return new AlertView(projectId, asOf, severity, teams, signals, projectName, toCall);
  }
}
