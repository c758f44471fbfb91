package cn.qingdao.peipao.index.store;

import cn.qingdao.peipao.core.model.EntityType;
import java.time.Instant;

/**
 * A project accompanied by a mentor or hosted by a park; active while {@code endedAt} is null.
 * {@code allocationId} names the allocation that made it, if any.
 */
public record Assignment(
    String id,
    String projectId,
    EntityType counterpartType,
    String counterpartId,
    String allocationId,
    Double score,
    Instant startedAt,
    String startedBy,
    Instant endedAt,
    String endedBy) {
  public boolean active() {
    return endedAt == null;
  }
}
