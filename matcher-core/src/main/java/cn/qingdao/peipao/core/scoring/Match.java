package cn.qingdao.peipao.core.scoring;

import cn.qingdao.peipao.core.model.Entity;
import java.util.List;
import java.util.Map;

/**
 * One scored candidate: the score, the components of the subject's view (plus {@code reciprocal},
 * the counterpart's view, for two-sided directions) and the reasons.
 */
public record Match(
    Entity entity, double score, Map<String, Double> components, List<String> reasons) {
  public String id() {
    return entity.id();
  }
}
