package cn.qingdao.peipao.index.allocate;

import cn.qingdao.peipao.core.allocation.AllocationMode;
import cn.qingdao.peipao.core.model.EntityType;
import java.util.List;

/**
 * What to allocate: the cohort's project ids (already resolved from ids or a filter), the
 * counterpart type, the mode, the project-side scoring profile (null = default) and the lowest
 * reciprocal score a pair may have to be acceptable.
 */
public record AllocationRequest(
    List<String> projectIds,
    EntityType counterpart,
    AllocationMode mode,
    String profile,
    double minScore) {
  /** Largest cohort one allocation takes. */
  public static final int MAX_PROJECTS = 10_000;

  /** Default {@code minScore}: below it a pair shares too little to be worth an assignment. */
  public static final double DEFAULT_MIN_SCORE = 0.3;

  public AllocationRequest {
    projectIds = List.copyOf(projectIds);
    if (projectIds.size() > MAX_PROJECTS)
      throw new IllegalArgumentException(
          "a cohort has at most " + MAX_PROJECTS + " projects; split it into several allocations");
    if (counterpart != EntityType.MENTORS && counterpart != EntityType.PARKS)
      throw new IllegalArgumentException("counterpart must be mentors or parks");
    if (!(minScore >= 0 && minScore <= 1))
      throw new IllegalArgumentException("minScore must be in [0,1]");
  }
}
