package cn.qingdao.peipao.index.allocate;

import cn.qingdao.peipao.core.allocation.Slots;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.related.Related;
import cn.qingdao.peipao.core.related.RelationModel;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.HardConstraint;
import cn.qingdao.peipao.core.scoring.HardConstraints;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfile;
import cn.qingdao.peipao.index.recommend.Ranking;
import cn.qingdao.peipao.index.recommend.Recommender;
import java.time.LocalDate;
import java.util.List;

/**
 * Scores every (project, counterpart) pair of a cohort against every mentor or park, with the same
 * scorer, profiles and text relevance as {@link Recommender}, so that an allocation's scores equal
 * the project's recommendation scores. O(projects × counterparts), one searcher for all pairs.
 */
public final class CohortScorer {
  private final Ranking ranking;

  /** Scores cohorts on the shared ranking context (so they equal the recommendations). */
  public CohortScorer(Ranking ranking) {
    this.ranking = ranking;
  }

  /** Scores cohorts on {@code recommender}'s context. */
  public CohortScorer(Recommender recommender) {
    this(recommender.ranking());
  }

  /**
   * The scores of {@code projects} (stored ones) against every entity of {@code target} ({@code
   * mentors} or {@code parks}) under the named project-side profile (null for the default).
   *
   * @throws IllegalArgumentException for another target or an unknown profile
   */
  public CohortScores score(List<Project> projects, EntityType target, String profile) {
    if (target != EntityType.MENTORS && target != EntityType.PARKS)
      throw new IllegalArgumentException(
          "projects are allocated to mentors or parks, not " + target.path());
    Direction direction = Direction.of(EntityType.PROJECTS, target).orElseThrow();
    ScoringProfile mine = ranking.profile(direction, profile);
    ScoringProfile theirs = ranking.counterpartProfile(direction);
    LocalDate today = ranking.today();
    return ranking.withPool(
        target,
        pool -> {
          int m = pool.size();
          int n = projects.size();
          Entity[] counterparts = new Entity[m];
          Features[] features = new Features[m];
          int[] slots = new int[m];
          for (int j = 0; j < m; j++) {
            counterparts[j] = pool.entity(j);
            features[j] = pool.features(j);
            slots[j] = Math.min(n, slotsOf(counterparts[j], features[j]));
          }
          Features[] projectFeatures = new Features[n];
          float[] score = new float[n * m];
          float[] projectView = new float[n * m];
          float[] counterpartView = new float[n * m];
          float[] text = new float[n * m];
          Related[] related = new Related[n];
          // one model for the whole cohort, however the relations move meanwhile
          RelationModel model = ranking.relationModel(target);
          byte[] obstacle = new byte[n * m];
          for (int p = 0; p < n; p++) {
            Project project = projects.get(p);
            Features pf = ranking.extractor().of(project);
            projectFeatures[p] = pf;
            PairScorer.Context ctx =
                ranking.scorer().context(direction, pf, mine, theirs, today, RequestFilters.NONE);
            double[] relevance = ctx.usesText() ? pool.text(project) : null;
            related[p] = ctx.usesRelated() ? ranking.related(model, project, pf) : Related.NONE;
            boolean consents = HardConstraint.consents(pf, target);
            for (int j = 0; j < m; j++) {
              int i = p * m + j;
              HardConstraint o = ctx.obstacle(features[j]);
              // fullness is for the slots to decide: it must not hide a missing consent
              if ((o == null || o == HardConstraint.FULL) && !consents)
                o = HardConstraint.NO_CONSENT;
              obstacle[i] = (byte) (o == null ? 0 : o.ordinal() + 1);
              double t = relevance == null ? 0 : relevance[j];
              text[i] = (float) t;
              score[i] = (float) ctx.score(features[j], t, related[p].of(counterparts[j].id()));
              projectView[i] = (float) ctx.lastSubjectView();
              counterpartView[i] = (float) ctx.lastCounterpartView();
            }
          }
          return new CohortScores(
              ranking.scorer(),
              direction,
              mine,
              theirs,
              today,
              List.copyOf(projects),
              projectFeatures,
              List.of(counterparts),
              features,
              slots,
              score,
              projectView,
              counterpartView,
              text,
              related,
              obstacle);
        });
  }

  /**
   * The hard constraint between a project and a counterpart as stored now, fullness aside (slots
   * are checked apart); null when they pass. O(1): for re-checking a draft's pairs at publish.
   */
  public HardConstraint obstacleNow(Project project, Entity counterpart) {
    HardConstraint o =
        HardConstraints.obstacle(
            ranking.extractor().of(project),
            ranking.extractor().of(counterpart),
            true,
            ranking.today().toEpochDay());
    return o == HardConstraint.FULL ? null : o;
  }

  /** Free slots: the index document already counts the current assignments in the features. */
  private static int slotsOf(Entity counterpart, Features f) {
    return switch (counterpart.type()) {
      case MENTORS -> Math.max(0, f.capacity);
      case PARKS -> {
        if (!HardConstraints.hasRoom(f)) yield 0;
        if (f.capacity < 0) yield Slots.UNLIMITED;
        yield Math.max(0, f.capacity - Math.max(0, f.tenants));
      }
      default -> 0;
    };
  }
}
