package cn.qingdao.peipao.core.allocation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The input of an allocation: projects, counterparts with their free slots, and every acceptable
 * (project, counterpart) pair with its reciprocal score and each side's own view of it. Scores are
 * kept in millionths (1e-6), so that sums and comparisons are exact. A pair that was never {@link
 * Builder#accept accepted} is not acceptable (its hard constraints failed). Memory is 12 bytes per
 * (project, counterpart) pair.
 */
public final class AllocationProblem {
  /** One score unit: scores are stored as {@code round(score / UNIT)}. */
  public static final double UNIT = 1e-6;

  static final int MAX_SCORE = 1_000_000;
  static final int NONE = -1;

  /** Counterparts are ranked by id in 21 bits of a sort key. */
  static final int MAX_SIDE = 1 << 21;

  private final List<String> projects;
  private final List<String> counterparts;
  private final int[] slots;
  private final int n;
  private final int m;
  final int[] score;
  final int[] projectView;
  final int[] counterpartView;

  /** Rank of each project / counterpart in id order (ties are broken by id). */
  final int[] projectRank;

  final int[] counterpartRank;

  private AllocationProblem(Builder b) {
    this.projects = b.projects;
    this.counterparts = b.counterparts;
    this.slots = b.slots.clone();
    this.n = projects.size();
    this.m = counterparts.size();
    this.score = b.score;
    this.projectView = b.projectView;
    this.counterpartView = b.counterpartView;
    this.projectRank = ranks(projects);
    this.counterpartRank = ranks(counterparts);
  }

  private static int[] ranks(List<String> ids) {
    Integer[] order = IntStream.range(0, ids.size()).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparing(ids::get));
    int[] rank = new int[ids.size()];
    for (int r = 0; r < order.length; r++) rank[order[r]] = r;
    return rank;
  }

  /**
   * A builder for {@code projects} × {@code counterparts} with the counterparts' free slots.
   *
   * @throws IllegalArgumentException on duplicate ids, a negative slot count or too many entities
   */
  public static Builder builder(List<String> projects, List<String> counterparts, int[] slots) {
    return new Builder(projects, counterparts, slots);
  }

  public int projects() {
    return n;
  }

  public int counterparts() {
    return m;
  }

  public String projectId(int p) {
    return projects.get(p);
  }

  public String counterpartId(int j) {
    return counterparts.get(j);
  }

  /** Free slots of counterpart {@code j}. */
  public int slots(int j) {
    return slots[j];
  }

  public boolean acceptable(int p, int j) {
    return score[p * m + j] != NONE;
  }

  /** The reciprocal score of an acceptable pair, in [0,1] (to 1e-6). */
  public double score(int p, int j) {
    return check(p, j) * UNIT;
  }

  /** The project's own view of counterpart {@code j}. */
  public double projectView(int p, int j) {
    check(p, j);
    return projectView[p * m + j] * UNIT;
  }

  /** The counterpart's own view of project {@code p}. */
  public double counterpartView(int p, int j) {
    check(p, j);
    return counterpartView[p * m + j] * UNIT;
  }

  private int check(int p, int j) {
    int s = score[p * m + j];
    if (s == NONE)
      throw new IllegalArgumentException(
          "(" + projectId(p) + ", " + counterpartId(j) + ") is not an acceptable pair");
    return s;
  }

  /**
   * Whether project {@code p} prefers counterpart {@code a} to {@code b}: higher own view, then
   * higher reciprocal score, then smaller id. A strict order over the acceptable counterparts.
   */
  public boolean projectPrefers(int p, int a, int b) {
    return projectKey(p, a) < projectKey(p, b);
  }

  /** Whether counterpart {@code j} prefers project {@code a} to {@code b} (as above, its view). */
  public boolean counterpartPrefers(int j, int a, int b) {
    return counterpartKey(a, j) < counterpartKey(b, j);
  }

  /** Sort key of {@code j} in {@code p}'s preferences: smaller is better. */
  long projectKey(int p, int j) {
    int i = p * m + j;
    return ((long) (MAX_SCORE - projectView[i]) << 42)
        | ((long) (MAX_SCORE - score[i]) << 21)
        | counterpartRank[j];
  }

  /** Sort key of {@code p} in {@code j}'s preferences: smaller is better. */
  long counterpartKey(int p, int j) {
    int i = p * m + j;
    return ((long) (MAX_SCORE - counterpartView[i]) << 42)
        | ((long) (MAX_SCORE - score[i]) << 21)
        | projectRank[p];
  }

  /** Collects the acceptable pairs. */
  public static final class Builder {
    private final List<String> projects;
    private final List<String> counterparts;
    private final int[] slots;
    private final int m;
    private final int[] score;
    private final int[] projectView;
    private final int[] counterpartView;
    private boolean built;

    private Builder(List<String> projects, List<String> counterparts, int[] slots) {
      this.projects = List.copyOf(projects);
      this.counterparts = List.copyOf(counterparts);
      if (slots.length != counterparts.size())
        throw new IllegalArgumentException(
            "slots has " + slots.length + " entries for " + counterparts.size() + " counterparts");
      for (int j = 0; j < slots.length; j++) {
        if (slots[j] < 0)
          throw new IllegalArgumentException(
              "counterpart " + counterparts.get(j) + " has " + slots[j] + " slots; use 0 for none");
      }
      this.slots = slots.clone();
      unique(this.projects, "project");
      unique(this.counterparts, "counterpart");
      if (projects.size() >= MAX_SIDE || counterparts.size() >= MAX_SIDE)
        throw new IllegalArgumentException("at most " + (MAX_SIDE - 1) + " entities per side");
      long cells = (long) projects.size() * counterparts.size();
      if (cells > Integer.MAX_VALUE)
        throw new IllegalArgumentException(
            projects.size()
                + " × "
                + counterparts.size()
                + " pairs is too many for one allocation; split the cohort");
      this.m = counterparts.size();
      this.score = new int[(int) cells];
      this.projectView = new int[(int) cells];
      this.counterpartView = new int[(int) cells];
      Arrays.fill(score, NONE);
    }

    private static void unique(List<String> ids, String what) {
      if (ids.stream().distinct().count() != ids.size())
        throw new IllegalArgumentException("duplicate " + what + " ids");
    }

    /**
     * Marks (p, j) acceptable with its reciprocal score and both views, each in [0,1].
     *
     * @throws IllegalArgumentException when a score is outside [0,1] or NaN
     */
    public Builder accept(int p, int j, double score, double projectView, double counterpartView) {
      int i = p * m + j;
      this.score[i] = units(score, "score");
      this.projectView[i] = units(projectView, "projectView");
      this.counterpartView[i] = units(counterpartView, "counterpartView");
      return this;
    }

    private static int units(double v, String what) {
      if (!(v >= 0 && v <= 1))
        throw new IllegalArgumentException(what + " must be in [0,1], got " + v);
      return (int) Math.round(v / UNIT);
    }

    public AllocationProblem build() {
      if (built) throw new IllegalStateException("build() was already called");
      built = true;
      return new AllocationProblem(this);
    }
  }
}
