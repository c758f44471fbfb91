package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.feedback.FeedbackEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The answers of the feedback routes (OpenAPI schema Feedback and the lists around it). */
final class FeedbackAnswers {
  private FeedbackAnswers() {}

  /**
   * A recorded event; {@code actor} in lists, {@code assignmentId} and {@code note} when recording
   * an accept made (or could not make) an assignment.
   */
  record Event(
      long id,
      Instant at,
      String subjectType,
      String subjectId,
      String targetType,
      String targetId,
      String action,
      String profile,
      Integer rank,
      String actor,
      String assignmentId,
      String note) {
    static Event of(
        long id, Instant at, FeedbackEvent e, String actor, String assignmentId, String note) {
      return new Event(
          id,
          at,
          e.subjectType().path(),
          e.subjectId(),
          e.targetType().path(),
          e.targetId(),
          e.action().code(),
          e.profile(),
          e.rank(),
          actor,
          assignmentId,
          note);
    }
  }

  record Page(long total, int offset, int limit, List<Event> items) {}

  /** A scoring profile with its weights and the feedback recorded under it. */
  record ProfileStats(
      String direction,
      String name,
      int version,
      Map<String, Double> weights,
      Map<String, Number> feedback) {}

  record Profiles(List<ProfileStats> items) {}
}
