package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.CandidateColumns;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.FeatureExtractor;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.PruningBounds;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The columnar floor of issue 7 for project → mentors: every mentor's hot fields in primitive
 * arrays (no index, no objects), each request a brute-force scan applying the hard constraints (an
 * active project or the second-incubation channel, free capacity, service districts) and the sector
 * and district filters, and computing the exact score without text ({@link
 * PruningBounds#columnScore}, the sector value from a per-request mask table) into a top-k heap. It
 * is the physical reference of what scoring every document costs; it ignores text, so its top k is
 * not the service's.
 */
public final class ColumnarFloor {
  private final FeatureExtractor fx;
  private final PairScorer scorer;
  private final ScoringProfiles profiles = ScoringProfiles.defaults();
  private final long[] sectors;
  private final long[] keywordSectors;
  private final int[] mainSector;
  private final int[] stages;
  private final int[] services;
  private final int[] capacity;
  private final int[] scope;
  private final boolean[] secondIncubation;
  private final int[] district;
  private final double[] lat;
  private final double[] lon;

  /** The floor over {@code mentors} in their order (generation order, which is id order). */
  public ColumnarFloor(Taxonomy taxonomy, EntityReader reader, List<ObjectNode> mentors) {
    this(taxonomy, rows(new FeatureExtractor(taxonomy), reader, mentors));
  }

  private static List<MentorRow> rows(
      FeatureExtractor fx, EntityReader reader, List<ObjectNode> mentors) {
    return mentors.stream()
        .map(m -> reader.read(EntityType.MENTORS, m))
        .map(e -> MentorRow.of(e.id(), fx.of(e), new String[0]))
        .toList();
  }

  ColumnarFloor(Taxonomy taxonomy, List<MentorRow> rows) {
    fx = new FeatureExtractor(taxonomy);
    scorer = new PairScorer(fx);
    int n = rows.size();
    sectors = new long[n];
    keywordSectors = new long[n];
    mainSector = new int[n];
    stages = new int[n];
    services = new int[n];
    capacity = new int[n];
    scope = new int[n];
    secondIncubation = new boolean[n];
    district = new int[n];
    lat = new double[n];
    lon = new double[n];
    for (int i = 0; i < n; i++) {
      MentorRow m = rows.get(i);
      sectors[i] = m.sectors();
      keywordSectors[i] = m.keywordSectors();
      mainSector[i] = m.mainSector();
      stages[i] = m.stages();
      services[i] = m.services();
      capacity[i] = m.capacity();
      scope[i] = m.scope();
      secondIncubation[i] = m.secondIncubation();
      district[i] = m.district();
      lat[i] = m.lat();
      lon[i] = m.lon();
    }
  }

  /** Indexes of the best {@code k} for {@code project} under the default profiles, best first. */
  public int[] top(Entity project, int k) {
    PairScorer.Context ctx =
        scorer.context(
            Direction.PROJECT_MENTORS,
            fx.of(project),
            profiles.defaultFor(Direction.PROJECT_MENTORS),
            profiles.defaultFor(Direction.MENTOR_PROJECTS),
            LocalDate.of(2026, 11, 21),
            RequestFilters.NONE);
    return top(ctx, 0, -1, null, k);
  }

  /**
   * Indexes of the best {@code k} of the request {@code ctx} (project → mentors), restricted to
   * mentors sharing a bit of {@code sectorFilter} (0: any) in district {@code districtFilter} (-1:
   * any) that {@code admit} admits (null: all; asked last, after the column filters), best first;
   * ties go to the smaller index. O(mentors).
   */
  int[] top(
      PairScorer.Context ctx, long sectorFilter, int districtFilter, IntPredicate admit, int k) {
    Features subject = ctx.subject();
    PruningBounds bounds = ctx.bounds();
    // a project that is not active only meets mentors of the second-incubation channel, if failed
    if (!subject.active && !subject.failed) return new int[0];
    boolean secondChanceOnly = !subject.active;
    int subjectDistrict = subject.district;
    double[] heapScore = new double[k];
    int[] heapDoc = new int[k];
    int size = 0;
    for (int i = 0; i < sectors.length; i++) {
      if (capacity[i] <= 0 || (secondChanceOnly && !secondIncubation[i])) continue;
      if (scope[i] != 0 && (subjectDistrict < 0 || (scope[i] & (1 << subjectDistrict)) == 0))
        continue;
      if (sectorFilter != 0 && (sectors[i] & sectorFilter) == 0) continue;
      if (districtFilter >= 0 && district[i] != districtFilter) continue;
      if (admit != null && !admit.test(i)) continue;
      double s = bounds.columnScore(columns, i);
      if (size < k) {
        heapScore[size] = s;
        heapDoc[size] = i;
        Heap.up(heapScore, heapDoc, size++);
      } else if (s > heapScore[0]) {
        heapScore[0] = s;
        heapDoc[0] = i;
        Heap.down(heapScore, heapDoc, size);
      }
    }
    return Heap.drain(heapScore, heapDoc, size);
  }

  /** The floor's primitive columns as the bounds read them. */
  private final CandidateColumns columns =
      new CandidateColumns() {
        @Override
        public long sectors(int i) {
          return sectors[i];
        }

        @Override
        public int mainSector(int i) {
          return mainSector[i];
        }

        @Override
        public long keywordSectors(int i) {
          return keywordSectors[i];
        }

        @Override
        public int stages(int i) {
          return stages[i];
        }

        @Override
        public int services(int i) {
          return services[i];
        }

        @Override
        public int capacity(int i) {
          return capacity[i];
        }

        @Override
        public int district(int i) {
          return district[i];
        }

        @Override
        public double lat(int i) {
          return lat[i];
        }

        @Override
        public double lon(int i) {
          return lon[i];
        }
      };
}
