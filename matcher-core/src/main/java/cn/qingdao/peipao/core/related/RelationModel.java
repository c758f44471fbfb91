package cn.qingdao.peipao.core.related;

import cn.qingdao.peipao.core.scoring.Features;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What people did, as a model of one counterpart type: which projects went to which counterparts
 * (an edge per pair), asked per request for how strongly projects like the subject went to each
 * counterpart. Two parts, each at most 1, added and scaled again so that the best has 1:
 *
 * <ul>
 *   <li><b>like you</b> (content to collaborative; works for a subject with no relation of its
 *       own): for each group of projects like the subject ({@link LikeBy}: of its main sector, of
 *       its district, of its funding band, of its sector and district …) that the subject belongs
 *       to, how many of the group's related projects went to the counterpart, {@code n(k,c)}, each
 *       counting its relation's {@link Edge#weight} (recent ones in full), scaled so that the most
 *       chosen has 1 and weighed by {@code n(k) / (n(k) + shrinkage)} (n(k) counts projects),
 *       averaged over the kinds of group ({@link Params#likeBy}; a group the subject is not in, or
 *       too small, adds 0), so the part is at most 1; the subject's own edges never count;
 *   <li><b>with whom</b> (item-item co-occurrence): over the counterparts the subject already went
 *       to, the cosine of their project sets with the counterpart's, summed; the subject's own
 *       counterparts get none of it.
 * </ul>
 *
 * Immutable and thread-safe; build O(edges · log edges), each request O(what it touches: the
 * counterparts of the subject's groups and co-occurrences).
 */
public final class RelationModel {
  /**
   * A project that went to a counterpart; {@code project} features null when it is unknown; {@code
   * weight} in (0, 1] how much it still says (1 when it is recent, see {@link Params#weight}).
   */
  public record Edge(String projectId, Features project, String counterpartId, double weight) {
    public Edge {
      if (!(weight > 0 && weight <= 1))
        throw new IllegalArgumentException("weight must be in (0, 1], got " + weight);
    }

    /** A relation that counts in full. */
    public Edge(String projectId, Features project, String counterpartId) {
      this(projectId, project, counterpartId, 1);
    }
  }

  /**
   * @param shrinkage pseudo-count added to a group's size, so that a sector with two related
   *     projects does not count as much as one with two hundred
   * @param withWhom weight of the co-occurrence part against the "like you" part (both at most 1)
   * @param minGroup fewest related projects (the subject aside) a group needs to say anything: a
   *     founder who moves its own project into a cell of one project must not learn where that one
   *     went
   * @param minShared fewest other projects two counterparts must share before one suggests the
   *     other, for the same reason
   * @param halfLifeDays after how many days a relation counts half in "like you" (what projects
   *     chose lately says more about today); 0 for no decay. 365 by default, chosen on the
   *     Crunchbase validation year (recall@10 with metadata: no decay 0.1500, 730 days 0.1525, 365
   *     days 0.1543)
   * @param bandsPerDecade funding bands per factor of ten of a project's funding need (the {@link
   *     LikeBy#BAND} groups); 0 for none. 6 by default (a band spans a factor of 1.47), chosen on
   *     the Crunchbase validation year (companies stating only an amount, NDCG@10: none 0.0785, 1 →
   *     0.0827, 2 → 0.0875, 4 → 0.0989, 6 → 0.1006, 8 → 0.1008)
   * @param likeBy the groups a subject is compared with ({@link #DEFAULT_LIKE_BY}); a subject that
   *     does not state what a group goes by is not in it. Iterated in declaration order.
   */
  public record Params(
      double shrinkage,
      double withWhom,
      int minGroup,
      int minShared,
      double halfLifeDays,
      int bandsPerDecade,
      Set<LikeBy> likeBy) {
    public static final double DEFAULT_HALF_LIFE_DAYS = 365;
    public static final int DEFAULT_BANDS_PER_DECADE = 6;

    /**
     * Every single attribute but the stage (which says little alone), and sector with each other
     * one and district with stage: chosen on the Crunchbase validation year (companies stating
     * category, state, stage and amount, recall@10: sector, sector+district, sector+stage 0.1536;
     * with band 0.1573; with district and band 0.1674; and sector+band, district+stage 0.1719;
     * adding stage 0.1659 (of 0.1674), district+band 0.1711, stage+band 0.1704 left out).
     */
    public static final Set<LikeBy> DEFAULT_LIKE_BY =
        Collections.unmodifiableSet(
            EnumSet.of(
                LikeBy.SECTOR,
                LikeBy.DISTRICT,
                LikeBy.BAND,
                LikeBy.SECTOR_DISTRICT,
                LikeBy.SECTOR_STAGE,
                LikeBy.SECTOR_BAND,
                LikeBy.DISTRICT_STAGE));

    public static final Params DEFAULTS = new Params(2, 1, 3, 2, DEFAULT_HALF_LIFE_DAYS);

    /** The weight below which an old relation is held, so that it still links projects. */
    static final double MIN_WEIGHT = 1e-6;

    /** With the default privacy thresholds and half-life. */
    public Params(double shrinkage, double withWhom) {
      this(shrinkage, withWhom, 3, 2, DEFAULT_HALF_LIFE_DAYS);
    }

    /** With the default half-life and funding bands. */
    public Params(double shrinkage, double withWhom, int minGroup, int minShared) {
      this(shrinkage, withWhom, minGroup, minShared, DEFAULT_HALF_LIFE_DAYS);
    }

    /** With the default funding bands. */
    public Params(
        double shrinkage, double withWhom, int minGroup, int minShared, double halfLifeDays) {
      this(shrinkage, withWhom, minGroup, minShared, halfLifeDays, DEFAULT_BANDS_PER_DECADE);
    }

    /** With the default groups. */
    public Params(
        double shrinkage,
        double withWhom,
        int minGroup,
        int minShared,
        double halfLifeDays,
        int bandsPerDecade) {
      this(shrinkage, withWhom, minGroup, minShared, halfLifeDays, bandsPerDecade, DEFAULT_LIKE_BY);
    }

    /** The {@link Edge#weight} of a relation {@code ageDays} old (≤ 0: today). */
    public double weight(double ageDays) {
      if (halfLifeDays == 0 || ageDays <= 0) return 1;
      return Math.max(MIN_WEIGHT, Math.pow(0.5, ageDays / halfLifeDays));
    }

    public Params {
      if (minGroup < 1) throw new IllegalArgumentException("minGroup must be ≥ 1, got " + minGroup);
      if (minShared < 1)
        throw new IllegalArgumentException("minShared must be ≥ 1, got " + minShared);
      if (!(shrinkage >= 0 && Double.isFinite(shrinkage)))
        throw new IllegalArgumentException("shrinkage must be ≥ 0, got " + shrinkage);
      if (!(withWhom >= 0 && Double.isFinite(withWhom)))
        throw new IllegalArgumentException("withWhom must be ≥ 0, got " + withWhom);
      if (!(halfLifeDays >= 0 && Double.isFinite(halfLifeDays)))
        throw new IllegalArgumentException(
            "halfLifeDays must be ≥ 0 (0: no decay), got " + halfLifeDays);
      if (bandsPerDecade < 0 || bandsPerDecade > 100)
        throw new IllegalArgumentException(
            "bandsPerDecade must be 0 (none) to 100, got " + bandsPerDecade);
      if (likeBy == null) throw new IllegalArgumentException("likeBy must not be null");
      // an EnumSet iterates in declaration order: the shares add up in one order, run after run
      likeBy =
          Collections.unmodifiableSet(
              likeBy.isEmpty() ? EnumSet.noneOf(LikeBy.class) : EnumSet.copyOf(likeBy));
    }
  }

  public static final RelationModel EMPTY = build(List.of(), Params.DEFAULTS);

  private final Params params;
  private final Map<String, Integer> counterpartIndex = new HashMap<>();
  private final Map<String, Integer> projectIndex = new HashMap<>();
  private int[][] projectsOf; // counterpart → sorted distinct projects
  private int[][] counterpartsOf; // project → sorted distinct counterparts
  private double[][] weightsOf; // project → the weight of each of its counterparts (the largest)
  private int[] sectorOf; // project → main sector or -1
  private int[] districtOf; // project → district or -1
  private int[] stageOf; // project → stage or -1
  private int[] bandOf; // project → funding band or -1
  private final Map<Key, Counts> groups = new HashMap<>();
  private final int edges;

  /**
   * Counterparts that can be recommended (live, an event not over): values are scaled among them
   * and only they get one; the others still link projects (a past event its attendees).
   */
  private final boolean[] candidate;

  /** A group of projects like the subject: those that share with it what the group goes by. */
  public enum LikeBy {
    SECTOR(true, false, false, false),
    DISTRICT(false, true, false, false),
    STAGE(false, false, true, false),
    BAND(false, false, false, true),
    SECTOR_DISTRICT(true, true, false, false),
    SECTOR_STAGE(true, false, true, false),
    SECTOR_BAND(true, false, false, true),
    DISTRICT_STAGE(false, true, true, false),
    DISTRICT_BAND(false, true, false, true),
    STAGE_BAND(false, false, true, true);

    final boolean sector;
    final boolean district;
    final boolean stage;
    final boolean band;

    LikeBy(boolean sector, boolean district, boolean stage, boolean band) {
      this.sector = sector;
      this.district = district;
      this.stage = stage;
      this.band = band;
    }
  }

  /** The projects of a group: each of sector, district, stage, band equal to it or −1 (any). */
  private record Key(int sector, int district, int stage, int band) {
    /** Group {@code by} of a project with these values (−1: not stated); null if it lacks one. */
    static Key of(LikeBy by, int s, int d, int g, int b) {
      if (by.sector && s < 0 || by.district && d < 0 || by.stage && g < 0 || by.band && b < 0)
        return null;
      return new Key(by.sector ? s : -1, by.district ? d : -1, by.stage ? g : -1, by.band ? b : -1);
    }
  }

  /** The funding band of {@code amount} ({@link Params#bandsPerDecade}), -1 for none. */
  private int band(long amount) {
    int perDecade = params.bandsPerDecade();
    return amount <= 0 || perDecade == 0 ? -1 : (int) Math.floor(perDecade * Math.log10(amount));
  }

  /**
   * How many projects a key holds and how many of them went to each of its counterparts, each
   * counting its relation's weight.
   */
  private record Counts(int projects, int[] counterparts, double[] counts) {}

  private RelationModel(Collection<Edge> edges, Params params, Predicate<String> candidates) {
    this.params = params;
    List<int[]> pairs = new ArrayList<>();
    Map<Long, Double> weight = new HashMap<>(); // (project, counterpart) → largest weight
    List<Features> features = new ArrayList<>();
    for (Edge e : edges) {
      int c = counterpartIndex.computeIfAbsent(e.counterpartId(), k -> counterpartIndex.size());
      Integer p = projectIndex.get(e.projectId());
      if (p == null) {
        p = projectIndex.size();
        projectIndex.put(e.projectId(), p);
        features.add(e.project());
      } else if (features.get(p) == null) {
        features.set(p, e.project());
      }
      pairs.add(new int[] {p, c});
      weight.merge(((long) p << 32) | c, e.weight(), Math::max);
    }
    int nProjects = projectIndex.size();
    sectorOf = new int[nProjects];
    districtOf = new int[nProjects];
    stageOf = new int[nProjects];
    bandOf = new int[nProjects];
    for (int p = 0; p < nProjects; p++) {
      Features f = features.get(p);
      bandOf[p] = f == null ? -1 : band(f.fundingNeed);
      sectorOf[p] = f == null ? -1 : f.mainSector;
      districtOf[p] = f == null ? -1 : f.district;
      stageOf[p] = f == null ? -1 : f.stage;
    }
    counterpartsOf = adjacency(pairs, nProjects, 0);
    projectsOf = adjacency(pairs, counterpartIndex.size(), 1);
    weightsOf = new double[nProjects][];
    for (int p = 0; p < nProjects; p++) {
      weightsOf[p] = new double[counterpartsOf[p].length];
      for (int x = 0; x < counterpartsOf[p].length; x++)
        weightsOf[p][x] = weight.get(((long) p << 32) | counterpartsOf[p][x]);
    }
    int n = 0;
    Map<Key, Map<Integer, Double>> building = new HashMap<>(); // counts per counterpart
    Map<Key, Integer> sizes = new HashMap<>(); // projects per group
    for (int p = 0; p < nProjects; p++) {
      n += counterpartsOf[p].length;
      for (LikeBy by : params.likeBy()) {
        Key key = Key.of(by, sectorOf[p], districtOf[p], stageOf[p], bandOf[p]);
        if (key != null) addToGroup(building, sizes, key, p);
      }
    }
    this.edges = n;
    // each group's counts as arrays, counterparts ascending: a request walks them without boxing
    building.forEach(
        (key, counts) -> {
          int[] cs = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
          double[] ns = new double[cs.length];
          for (int x = 0; x < cs.length; x++) ns[x] = counts.get(cs[x]);
          groups.put(key, new Counts(sizes.get(key), cs, ns));
        });
    candidate = new boolean[counterpartIndex.size()];
    counterpartIndex.forEach((id, c) -> candidate[c] = candidates.test(id));
  }

  /** The model of {@code edges} (repeated pairs count once). O(edges · log edges). */
  public static RelationModel build(Collection<Edge> edges, Params params) {
    return new RelationModel(edges, params, id -> true);
  }

  /**
   * As above, where only the counterparts {@code candidates} accepts can be recommended: the others
   * link projects but get no value and set no scale. O(edges · log edges).
   */
  public static RelationModel build(
      Collection<Edge> edges, Params params, Predicate<String> candidates) {
    return new RelationModel(edges, params, candidates);
  }

  /** Distinct project–counterpart pairs. */
  public int edges() {
    return edges;
  }

  /**
   * The related value of every counterpart for {@code subject} (a project; {@code subjectId} null
   * or unknown for a draft). O(the counterparts of its groups and co-occurrences).
   */
  public Related of(String subjectId, Features subject) {
    return of(subjectId, subject, true);
  }

  /**
   * As above; without {@code withWhom} the subject's own counterparts are not used (its own pairs
   * still never count as a project like it): for learning from its own feedback, whose labels those
   * pairs are.
   */
  public Related of(String subjectId, Features subject, boolean withWhom) {
    int nc = counterpartIndex.size();
    if (nc == 0) return Related.NONE;
    Integer self = subjectId == null ? null : projectIndex.get(subjectId);
    Scratch w = scratch(nc);
    try {
      if (subject != null) {
        int band = band(subject.fundingNeed);
        for (LikeBy by : params.likeBy()) {
          Key key = Key.of(by, subject.mainSector, subject.district, subject.stage, band);
          if (key != null) share(by, key, self, w);
        }
      }
      if (self != null && withWhom) coOccurrence(self, w);
      // scaled so that the best candidate has 1 (only candidates were ever added)
      double max = 0;
      for (int x = 0; x < w.touched; x++) max = Math.max(max, w.total[w.order[x]]);
      int[] ids = Arrays.copyOf(w.order, w.touched);
      Arrays.sort(ids);
      double[] values = new double[ids.length];
      for (int x = 0; x < ids.length; x++)
        values[x] = max <= 0 ? 0 : Math.min(1.0, w.total[ids[x]] / max);
      return new Related(counterpartIndex, ids, values);
    } finally {
      w.clear();
    }
  }

  /**
   * Per-thread work arrays over the counterparts, so a request costs what it touches, not the
   * number of counterparts: totals with the order they were first touched, co-occurrence counts.
   */
  private static final class Scratch {
    double[] total = new double[0];
    int[] order = new int[0];
    int touched;
    double[] co = new double[0];
    int[] coOrder = new int[0];
    int coTouched;
    int[] shared = new int[0];
    int[] sharedOrder = new int[0];

    void ensure(int n) {
      if (total.length >= n) return;
      total = new double[n];
      order = new int[n];
      co = new double[n];
      coOrder = new int[n];
      shared = new int[n];
      sharedOrder = new int[n];
    }

    /** Adds {@code v} > 0 to counterpart c's total (a total of 0 is one never touched). */
    void add(int c, double v) {
      if (!(v > 0)) return;
      if (total[c] == 0) order[touched++] = c;
      total[c] += v;
    }

    void clear() {
      for (int x = 0; x < touched; x++) total[order[x]] = 0;
      touched = 0;
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static Scratch scratch(int n) {
    Scratch w = SCRATCH.get();
    w.ensure(n);
    w.clear();
    return w;
  }

  /**
   * Adds to the totals group {@code key}'s part (of kind {@code by}), divided by the number of
   * kinds of group: {@code n(k,c)}, the group's projects that went to c ({@code self} left out),
   * scaled so that the most chosen counterpart has 1, times the group's weight {@code n(k) / (n(k)
   * + shrinkage)}, so a group of two projects says less than one of two hundred. Only candidates
   * count. O(counterparts of the group).
   */
  private void share(LikeBy by, Key key, Integer self, Scratch w) {
    Counts g = groups.get(key);
    if (g == null) return;
    // in the group as the model was built (the subject may ask with a profile edited since): the
    // same Key.of that built the groups decides
    boolean selfIn =
        self != null
            && key.equals(
                Key.of(by, sectorOf[self], districtOf[self], stageOf[self], bandOf[self]));
    int n = g.projects() - (selfIn ? 1 : 0);
    if (n < params.minGroup()) return;
    int own = selfIn ? self : -1;
    double max = 0;
    for (int x = 0; x < g.counterparts().length; x++) {
      int c = g.counterparts()[x];
      if (candidate[c]) max = Math.max(max, count(g, x, own));
    }
    if (max <= 0) return;
    double weight = n / (n + params.shrinkage()) / params.likeBy().size();
    for (int x = 0; x < g.counterparts().length; x++) {
      int c = g.counterparts()[x];
      double v = candidate[c] ? count(g, x, own) : 0;
      if (v > 0) w.add(c, weight * Math.min(1.0, v / max));
    }
  }

  /** The group's count of its x-th counterpart, less the pair of project {@code own} (-1: none). */
  private double count(Counts g, int x, int own) {
    double v = g.counts()[x];
    if (own < 0) return v;
    int at = Arrays.binarySearch(counterpartsOf[own], g.counterparts()[x]);
    if (at < 0) return v;
    double rest = v - weightsOf[own][at];
    return rest > 1e-9 ? rest : 0; // only the subject went there: nothing, not a rounding residue
  }

  /**
   * Adds to the totals {@code withWhom} times the sum, over the subject's counterparts i, of
   * cos(projects of i, projects of c), c not among them, scaled so that the best candidate has 1.
   * O(the projects of its counterparts and their counterparts).
   */
  private void coOccurrence(int self, Scratch w) {
    int[] own = counterpartsOf[self];
    w.coTouched = 0;
    for (int i : own) {
      int t = 0;
      for (int p : projectsOf[i]) {
        if (p == self) continue; // the subject's own pairs are what it asks about
        for (int c : counterpartsOf[p]) if (w.shared[c]++ == 0) w.sharedOrder[t++] = c;
      }
      int ni = projectsOf[i].length - 1; // without the subject
      for (int x = 0; x < t; x++) {
        int c = w.sharedOrder[x];
        if (candidate[c]
            && w.shared[c] >= params.minShared()
            && Arrays.binarySearch(own, c) < 0
            && ni > 0) {
          if (w.co[c] == 0) w.coOrder[w.coTouched++] = c;
          w.co[c] += w.shared[c] / Math.sqrt((double) ni * projectsOf[c].length);
        }
        w.shared[c] = 0;
      }
    }
    double max = 0;
    for (int x = 0; x < w.coTouched; x++) max = Math.max(max, w.co[w.coOrder[x]]);
    for (int x = 0; x < w.coTouched; x++) {
      int c = w.coOrder[x];
      if (max > 0) w.add(c, params.withWhom() * Math.min(1.0, w.co[c] / max));
      w.co[c] = 0;
    }
  }

  private void addToGroup(
      Map<Key, Map<Integer, Double>> building, Map<Key, Integer> sizes, Key key, int p) {
    Map<Integer, Double> counts = building.computeIfAbsent(key, k -> new HashMap<>());
    for (int x = 0; x < counterpartsOf[p].length; x++)
      counts.merge(counterpartsOf[p][x], weightsOf[p][x], Double::sum);
    sizes.merge(key, 1, Integer::sum);
  }

  /** Sorted distinct neighbours of each node of side {@code from} (0 project, 1 counterpart). */
  private static int[][] adjacency(List<int[]> pairs, int n, int from) {
    int[] degree = new int[n];
    for (int[] e : pairs) degree[e[from]]++;
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) out[i] = new int[degree[i]];
    int[] fill = new int[n];
    for (int[] e : pairs) out[e[from]][fill[e[from]]++] = e[1 - from];
    for (int i = 0; i < n; i++) out[i] = Arrays.stream(out[i]).sorted().distinct().toArray();
    return out;
  }
}
