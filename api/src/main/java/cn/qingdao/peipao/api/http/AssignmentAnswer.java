package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.index.store.Assignment;
import java.time.Instant;
import java.util.List;

/**
 * An assignment as answers show it (OpenAPI schema Assignment); ended ones say when and by whom.
 */
record AssignmentAnswer(
    String id,
    String projectId,
    String counterpartType,
    String counterpartId,
    String allocationId,
    Double score,
    String status,
    Instant startedAt,
    String startedBy,
    Instant endedAt,
    String endedBy) {
  static AssignmentAnswer of(Assignment a) {
    return new AssignmentAnswer(
        a.id(),
        a.projectId(),
        a.counterpartType().path(),
        a.counterpartId(),
        a.allocationId(),
        a.score(),
        a.active() ? "active" : "ended",
        a.startedAt(),
        a.startedBy(),
        a.endedAt(),
        a.endedBy());
  }

  /** The assignments of one entity. */
  record OfEntity(String type, String id, int total, List<AssignmentAnswer> items) {}
}
