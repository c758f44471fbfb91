package cn.qingdao.peipao.benchmarks;

import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.FeatureExtractor;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;

/**
 * The columnar floor of issue 7 for project → mentors: every mentor's hot fields in primitive
 * arrays (no index, no objects), each request a brute-force scan applying the hard constraints (an
 * active project or the second-incubation channel, free capacity, service districts) and computing
 * the exact score without text ({@link PairScorer.Context#columnScore}), with a top-k kept by a
 * small heap. It is the physical reference of what scoring every document costs; it ignores text,
 * so its top 10 is not the service's.
 */
final class ColumnarFloor {
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
  private final double[] lat;
  private final double[] lon;

  ColumnarFloor(Taxonomy taxonomy, EntityReader reader, List<ObjectNode> mentors) {
    fx = new FeatureExtractor(taxonomy);
    scorer = new PairScorer(fx);
    int n = mentors.size();
    sectors = new long[n];
    keywordSectors = new long[n];
    mainSector = new int[n];
    stages = new int[n];
    services = new int[n];
    capacity = new int[n];
    scope = new int[n];
    secondIncubation = new boolean[n];
    lat = new double[n];
    lon = new double[n];
    for (int i = 0; i < n; i++) {
      Features f = fx.of(reader.read(EntityType.MENTORS, mentors.get(i)));
      sectors[i] = f.sectors;
      keywordSectors[i] = f.keywordSectors;
      mainSector[i] = f.mainSector;
      stages[i] = f.stages;
      services[i] = f.services;
      capacity[i] = f.capacity;
      scope[i] = f.scope;
      secondIncubation[i] = f.secondIncubation;
      lat[i] = f.lat;
      lon[i] = f.lon;
    }
  }

  /** Indexes (generation order, which is id order) of the best {@code k}, best first. */
  int[] top(Entity project, int k) {
    Features subject = fx.of(project);
    PairScorer.Context ctx =
        scorer.context(
            Direction.PROJECT_MENTORS,
            subject,
            profiles.defaultFor(Direction.PROJECT_MENTORS),
            profiles.defaultFor(Direction.MENTOR_PROJECTS),
            LocalDate.of(2026, 11, 21),
            RequestFilters.NONE);
    double[] heapScore = new double[k];
    int[] heapDoc = new int[k];
    int size = 0;
    int district = subject.district;
    // a project that is not active only meets mentors of the second-incubation channel, if failed
    if (!subject.active && !subject.failed) return new int[0];
    boolean secondChanceOnly = !subject.active;
    for (int i = 0; i < sectors.length; i++) {
      if (capacity[i] <= 0 || (secondChanceOnly && !secondIncubation[i])) continue;
      if (scope[i] != 0 && (district < 0 || (scope[i] & (1 << district)) == 0)) continue;
      double s =
          ctx.columnScore(
              sectors[i],
              mainSector[i],
              keywordSectors[i],
              stages[i],
              services[i],
              capacity[i],
              lat[i],
              lon[i]);
      // min-heap on (score, then larger index worse): ties go to the smaller id
      if (size < k) {
        heapScore[size] = s;
        heapDoc[size] = i;
        siftUp(heapScore, heapDoc, size++);
      } else if (s > heapScore[0]) {
        heapScore[0] = s;
        heapDoc[0] = i;
        siftDown(heapScore, heapDoc, size);
      }
    }
    int[] out = new int[size];
    for (int j = size - 1; j >= 0; j--) {
      out[j] = heapDoc[0];
      heapScore[0] = heapScore[j];
      heapDoc[0] = heapDoc[j];
      siftDown(heapScore, heapDoc, j);
    }
    return out;
  }

  private static boolean worse(double[] s, int[] d, int a, int b) {
    return s[a] < s[b] || (s[a] == s[b] && d[a] > d[b]);
  }

  private static void siftUp(double[] s, int[] d, int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!worse(s, d, i, parent)) return;
      swap(s, d, i, parent);
      i = parent;
    }
  }

  private static void siftDown(double[] s, int[] d, int size) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int m = i;
      if (l < size && worse(s, d, l, m)) m = l;
      if (r < size && worse(s, d, r, m)) m = r;
      if (m == i) return;
      swap(s, d, i, m);
      i = m;
    }
  }

  private static void swap(double[] s, int[] d, int a, int b) {
    double ts = s[a];
    s[a] = s[b];
    s[b] = ts;
    int td = d[a];
    d[a] = d[b];
    d[b] = td;
  }
}
