package cn.qingdao.peipao.index.allocate;

import cn.qingdao.peipao.core.allocation.Allocation;
import cn.qingdao.peipao.core.allocation.AllocationMode;
import cn.qingdao.peipao.core.allocation.AllocationProblem;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Park;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.HardConstraint;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.core.taxonomy.Service;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Says, in short Chinese phrases, why a project was left out of an allocation, and which
 * counterparts came closest and what kept each pair apart. The phrases follow from the same hard
 * constraints, scores and slots the allocator saw.
 */
final class Explainer {
  /** Near misses shown per project left out. */
  static final int NEAR_MISSES = 3;

  private final Taxonomy taxonomy;

  Explainer(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  AllocationResult.Unplaced unplaced(
      CohortScores scores,
      AllocationProblem problem,
      Allocation allocation,
      int p,
      AllocationRequest request) {
    Project project = scores.projects().get(p);
    int m = scores.counterparts().size();
    boolean mentors = request.counterpart() == EntityType.MENTORS;
    String unit = mentors ? "导师" : "园区";
    String count = mentors ? " 位" : " 个";
    int[] acceptable = IntStream.range(0, m).filter(j -> problem.acceptable(p, j)).toArray();
    List<AllocationResult.NearMiss> near = nearMisses(scores, problem, allocation, p, request);
    List<String> reasons = new ArrayList<>();
    if (m == 0) {
      reasons.add("无匹配" + unit + "：尚无" + unit);
    } else if (acceptable.length == 0) {
      reasons.add("无匹配" + unit + "：" + dominantObstacle(scores, problem, allocation, p, request));
    } else if (IntStream.of(acceptable).allMatch(j -> problem.slots(j) == 0)) {
      reasons.add("无可用" + unit + "：可匹配的 " + acceptable.length + count + unit + "名额已满");
    } else {
      reasons.add(
          "无可用"
              + unit
              + "：可匹配的 "
              + acceptable.length
              + count
              + unit
              + "已满"
              + (request.mode() == AllocationMode.STABLE ? "（均已选定更契合的项目）" : "（名额用于服务更多项目）"));
      for (String need : project.needs()) {
        int[] offering =
            IntStream.of(acceptable)
                .filter(j -> services(scores.counterparts().get(j)).contains(need))
                .toArray();
        if (offering.length > 0
            && IntStream.of(offering).allMatch(j -> allocation.load(j) >= problem.slots(j))) {
          String name = taxonomy.service(need).map(Service::name).orElse(need);
          reasons.add("所有提供" + name + "的可匹配" + unit + "已满");
        }
      }
    }
    return new AllocationResult.Unplaced(project.id(), project.name(), reasons, near);
  }

  /**
   * Why no counterpart is acceptable: when every one fails a hard constraint, the one most of them
   * fail; otherwise what keeps the best-scoring one that passes them below the score floor.
   */
  private String dominantObstacle(
      CohortScores scores,
      AllocationProblem problem,
      Allocation allocation,
      int p,
      AllocationRequest request) {
    Map<HardConstraint, Integer> counts = new EnumMap<>(HardConstraint.class);
    int best = -1;
    for (int j = 0; j < scores.counterparts().size(); j++) {
      HardConstraint o = scores.obstacle(p, j);
      if (o != null && o != HardConstraint.FULL) counts.merge(o, 1, Integer::sum);
      else if (best < 0 || scores.score(p, j) > scores.score(p, best)) best = j;
    }
    if (best >= 0) return why(scores, problem, allocation, p, best, request);
    // the project's own obstacle (inactive, no consent) shuts out every counterpart, even those
    // found to fail another constraint first: it is what the officer has to act on
    for (HardConstraint own : counts.keySet()) if (own.aboutProject()) return own.label();
    return counts.entrySet().stream()
        .max(Map.Entry.<HardConstraint, Integer>comparingByValue())
        .map(e -> e.getKey().label())
        .orElseThrow();
  }

  private List<AllocationResult.NearMiss> nearMisses(
      CohortScores scores,
      AllocationProblem problem,
      Allocation allocation,
      int p,
      AllocationRequest request) {
    int m = scores.counterparts().size();
    List<Integer> order = new ArrayList<>(IntStream.range(0, m).boxed().toList());
    order.sort(
        Comparator.comparingDouble((Integer j) -> -scores.score(p, j))
            .thenComparing(j -> scores.counterparts().get(j).id()));
    List<AllocationResult.NearMiss> out = new ArrayList<>();
    for (int j : order.subList(0, Math.min(NEAR_MISSES, m))) {
      Entity c = scores.counterparts().get(j);
      out.add(
          new AllocationResult.NearMiss(
              c.id(),
              c.name(),
              Allocations.round(scores.score(p, j)),
              why(scores, problem, allocation, p, j, request)));
    }
    return out;
  }

  private String why(
      CohortScores scores,
      AllocationProblem problem,
      Allocation allocation,
      int p,
      int j,
      AllocationRequest request) {
    HardConstraint o = scores.obstacle(p, j);
    if (o != null && o != HardConstraint.FULL) return o.label();
    if (!problem.acceptable(p, j)) {
      Match match = scores.match(p, j);
      Double sector = match.components().get("sector");
      Double stage = match.components().get("stage");
      if (sector != null && sector == 0) return "行业不符";
      if (stage != null && stage == 0) return "阶段不符";
      return "匹配度 " + Allocations.round(scores.score(p, j)) + " 低于下限 " + request.minScore();
    }
    if (problem.slots(j) == 0) return "名额已满";
    return "名额已分配给其他项目（" + allocation.load(j) + "/" + problem.slots(j) + "）";
  }

  private static List<String> services(Entity e) {
    return switch (e) {
      case Mentor m -> m.services();
      case Park k -> k.services();
      default -> List.of();
    };
  }
}
