package cn.qingdao.peipao.index.allocate;

import cn.qingdao.peipao.core.allocation.AllocationProblem;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.related.Related;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.HardConstraint;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfile;
import java.time.LocalDate;
import java.util.List;

/**
 * The scored pairs of a cohort: for every (project p, counterpart j) the reciprocal score, both
 * views, the text relevance and the first hard constraint it fails; counterparts in id order with
 * their free slots. Memory: 17 bytes per pair.
 */
public final class CohortScores {
  private final PairScorer scorer;
  private final Direction direction;
  private final ScoringProfile profile;
  private final ScoringProfile counterpartProfile;
  private final LocalDate today;
  private final List<Project> projects;
  private final Features[] projectFeatures;
  private final List<Entity> counterparts;
  private final Features[] counterpartFeatures;
  private final int[] slots;
  private final float[] score;
  private final float[] projectView;
  private final float[] counterpartView;
  private final float[] text;

  /** Each project's related values (sparse), as its recommendations use them. */
  private final Related[] related;

  private final byte[] obstacle;

  CohortScores(
      PairScorer scorer,
      Direction direction,
      ScoringProfile profile,
      ScoringProfile counterpartProfile,
      LocalDate today,
      List<Project> projects,
      Features[] projectFeatures,
      List<Entity> counterparts,
      Features[] counterpartFeatures,
      int[] slots,
      float[] score,
      float[] projectView,
      float[] counterpartView,
      float[] text,
      Related[] related,
      byte[] obstacle) {
    this.scorer = scorer;
    this.direction = direction;
    this.profile = profile;
    this.counterpartProfile = counterpartProfile;
    this.today = today;
    this.projects = projects;
    this.projectFeatures = projectFeatures;
    this.counterparts = counterparts;
    this.counterpartFeatures = counterpartFeatures;
    this.slots = slots;
    this.score = score;
    this.projectView = projectView;
    this.counterpartView = counterpartView;
    this.text = text;
    this.related = related;
    this.obstacle = obstacle;
  }

  public ScoringProfile profile() {
    return profile;
  }

  public List<Project> projects() {
    return projects;
  }

  public List<Entity> counterparts() {
    return counterparts;
  }

  /** Free slots of counterpart {@code j} (capped at the cohort size). */
  public int slots(int j) {
    return slots[j];
  }

  public double score(int p, int j) {
    return score[p * counterparts.size() + j];
  }

  /** The first hard constraint (p, j) fails, or null; {@code FULL} is left to the slots. */
  public HardConstraint obstacle(int p, int j) {
    int o = obstacle[p * counterparts.size() + j];
    return o == 0 ? null : HardConstraint.values()[o - 1];
  }

  /**
   * The allocation problem: a pair is acceptable when it passes every hard constraint but fullness
   * (slots decide that) and scores at least {@code minScore}.
   */
  public AllocationProblem problem(double minScore) {
    int n = projects.size();
    int m = counterparts.size();
    var b =
        AllocationProblem.builder(
            projects.stream().map(Project::id).toList(),
            counterparts.stream().map(Entity::id).toList(),
            slots);
    for (int p = 0; p < n; p++) {
      for (int j = 0; j < m; j++) {
        int i = p * m + j;
        HardConstraint o = obstacle(p, j);
        if ((o != null && o != HardConstraint.FULL) || score[i] < minScore) continue;
        b.accept(p, j, unit(score[i]), unit(projectView[i]), unit(counterpartView[i]));
      }
    }
    return b.build();
  }

  private static double unit(float v) {
    return Math.max(0, Math.min(1, v));
  }

  /** The pair's components and reasons, exactly as its recommendation shows them. */
  public Match match(int p, int j) {
    PairScorer.Context ctx =
        scorer.context(
            direction, projectFeatures[p], profile, counterpartProfile, today, RequestFilters.NONE);
    return ctx.match(
        counterpartFeatures[j],
        counterparts.get(j),
        text[p * counterparts.size() + j],
        related[p].of(counterparts.get(j).id()));
  }
}
