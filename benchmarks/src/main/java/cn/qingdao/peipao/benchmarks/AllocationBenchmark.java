package cn.qingdao.peipao.benchmarks;

import cn.qingdao.peipao.benchmarks.data.BenchData;
import cn.qingdao.peipao.core.allocation.Allocation;
import cn.qingdao.peipao.core.allocation.AllocationProblem;
import cn.qingdao.peipao.core.allocation.BlockingPairs;
import cn.qingdao.peipao.core.allocation.CoverageAllocator;
import cn.qingdao.peipao.core.allocation.ShortestPathAllocator;
import cn.qingdao.peipao.core.allocation.StableAllocator;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.allocate.AllocationRequest;
import cn.qingdao.peipao.index.allocate.CohortScorer;
import cn.qingdao.peipao.index.allocate.CohortScores;
import cn.qingdao.peipao.index.recommend.Recommender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A cohort of {@code projects} synthetic projects allocated to {@code mentors} synthetic mentors
 * with capacities 1–10 (seed 7), every pair scored by the service's scorer and kept when its
 * reciprocal score reaches the default floor:
 *
 * <ul>
 *   <li>{@code score}: scoring the cohort against every mentor (the service's first step);
 *   <li>{@code stable}, {@code coverage}: the two allocators on the scored problem;
 *   <li>{@code shortestPaths}: coverage's earlier algorithm (successive shortest paths), and {@code
 *       orToolsMinCostFlow}: Google OR-Tools on the same problem, both for comparison;
 *   <li>{@code greedyBaseline}: what one-by-one top-1 recommendations do — each project in id order
 *       takes its best mentor that still has a slot. The set-up prints how many projects each
 *       method serves and their total score, so quality is compared beside time.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AllocationBenchmark {
  @Param({"10000"})
  public int projects;

  @Param({"1000"})
  public int mentors;

  private Path dir;
  private Catalog catalog;
  private CohortScorer scorer;
  private List<Project> cohort;
  private AllocationProblem problem;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Taxonomy taxonomy = QingdaoDataset.taxonomy();
    dir = Files.createTempDirectory("allocation-bench");
    catalog = Catalog.open(dir, taxonomy);
    SyntheticEcosystem gen = new SyntheticEcosystem(taxonomy, 7);
    List<ObjectNode> projectJson = gen.projects(projects);
    List<ObjectNode> mentorJson = gen.mentors(mentors);
    Random capacities = new Random(7);
    for (ObjectNode m : mentorJson) m.put("capacity", 1 + capacities.nextInt(10));
    BenchData.load(catalog, EntityType.PROJECTS, projectJson);
    BenchData.load(catalog, EntityType.MENTORS, mentorJson);
    Recommender recommender =
        new Recommender(
            catalog.index(), catalog.reader(), ScoringProfiles.defaults(), Clock.systemUTC());
    scorer = new CohortScorer(recommender);
    cohort = new ArrayList<>();
    for (ObjectNode p : projectJson)
      cohort.add((Project) catalog.entity(EntityType.PROJECTS, p.get("id").asText()).orElseThrow());
    cohort.sort(Comparator.comparing(Project::id));
    problem = score().problem(AllocationRequest.DEFAULT_MIN_SCORE);
    long acceptable = 0;
    for (int p = 0; p < problem.projects(); p++)
      for (int j = 0; j < problem.counterparts(); j++) if (problem.acceptable(p, j)) acceptable++;
    System.out.printf(
        "%n%,d projects × %,d mentors, %,d acceptable pairs, %,d slots%n",
        problem.projects(), problem.counterparts(), acceptable, slots());
    report("stable", new StableAllocator().allocate(problem));
    Allocation ours = new CoverageAllocator().allocate(problem);
    report("coverage", ours);
    report("greedy top-1", greedy(problem));
    long oursUnits = ours.totalUnits();
    Allocation paths = new ShortestPathAllocator().allocate(problem);
    System.out.printf(
        "%-13s assigned %,6d  total score %,10.2f  (same size as coverage: %s; same total score"
            + " to the unit of 1e-6: %s)%n",
        "short. paths",
        paths.assigned(),
        paths.totalScore(),
        paths.assigned() == ours.assigned() ? "yes" : "NO",
        paths.totalUnits() == oursUnits ? "yes" : "NO (" + (paths.totalUnits() - oursUnits) + ")");
    orTools(
        problem); // a first run loads the native library and warms the calls; the next is printed
    OrToolsResult or = orTools(problem);
    System.out.printf(
        "%-13s assigned %,6d  total score %,10.2f  (same size as coverage: %s; same total score"
            + " to the unit of 1e-6: %s)%n",
        "OR-Tools MCF",
        or.assigned(),
        or.totalUnits() * AllocationProblem.UNIT,
        or.assigned() == ours.assigned() ? "yes" : "NO",
        or.totalUnits() == oursUnits ? "yes" : "NO (" + (or.totalUnits() - oursUnits) + ")");
    System.out.printf(
        "OR-Tools, one run: graph built in %,d ms, solved in %,d ms%n",
        or.buildNanos() / 1_000_000, or.solveNanos() / 1_000_000);
  }

  /**
   * OR-Tools' answer: the projects placed, their total score in units of 1e-6, and how long
   * building the graph and solving took.
   */
  record OrToolsResult(long assigned, long totalUnits, long buildNanos, long solveNanos) {}

  /**
   * The same problem as Google OR-Tools' min-cost max-flow: source → project (capacity 1) →
   * acceptable mentor (capacity 1, cost −score in units of 1e-6) → sink (capacity: the mentor's
   * slots). {@code solveMaxFlowWithMinCost} gives the largest allocation with the highest total
   * score, what {@code CoverageAllocator} promises. The graph is built inside the timed call, as a
   * user of OR-Tools would have to.
   */
  static OrToolsResult orTools(AllocationProblem problem) {
    com.google.ortools.Loader.loadNativeLibraries();
    long t0 = System.nanoTime();
    int n = problem.projects();
    int m = problem.counterparts();
    int source = 0;
    int sink = n + m + 1;
    var flow = new com.google.ortools.graph.MinCostFlow();
    for (int p = 0; p < n; p++) {
      flow.addArcWithCapacityAndUnitCost(source, 1 + p, 1, 0);
      for (int j = 0; j < m; j++)
        if (problem.acceptable(p, j))
          flow.addArcWithCapacityAndUnitCost(
              1 + p, 1 + n + j, 1, -Math.round(problem.score(p, j) / AllocationProblem.UNIT));
    }
    for (int j = 0; j < m; j++)
      flow.addArcWithCapacityAndUnitCost(1 + n + j, sink, problem.slots(j), 0);
    // the max flow runs from the nodes with supply to those with demand: as much as every project
    flow.setNodeSupply(source, n);
    flow.setNodeSupply(sink, -n);
    long t1 = System.nanoTime();
    var status = flow.solveMaxFlowWithMinCost();
    long t2 = System.nanoTime();
    if (status != com.google.ortools.graph.MinCostFlowBase.Status.OPTIMAL)
      throw new IllegalStateException("OR-Tools: " + status);
    return new OrToolsResult(flow.getMaximumFlow(), -flow.getOptimalCost(), t1 - t0, t2 - t1);
  }

  private long slots() {
    long s = 0;
    for (int j = 0; j < problem.counterparts(); j++) s += problem.slots(j);
    return s;
  }

  private static void report(String name, Allocation a) {
    System.out.printf(
        "%-13s assigned %,6d  total score %,10.2f  mean %.4f  blocking pairs %,d%n",
        name,
        a.assigned(),
        a.totalScore(),
        a.assigned() == 0 ? 0 : a.totalScore() / a.assigned(),
        BlockingPairs.count(a));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    BenchData.close(catalog, dir);
  }

  @Benchmark
  public CohortScores score() {
    return scorer.score(cohort, EntityType.MENTORS, null);
  }

  @Benchmark
  public Allocation stable() {
    return new StableAllocator().allocate(problem);
  }

  @Benchmark
  public Allocation coverage() {
    return new CoverageAllocator().allocate(problem);
  }

  @Benchmark
  public Allocation shortestPaths() {
    return new ShortestPathAllocator().allocate(problem);
  }

  @Benchmark
  public OrToolsResult orToolsMinCostFlow() {
    return orTools(problem);
  }

  @Benchmark
  public Allocation greedyBaseline() {
    return greedy(problem);
  }

  /** Each project in id order takes its best acceptable mentor with a free slot. */
  static Allocation greedy(AllocationProblem problem) {
    int[] load = new int[problem.counterparts()];
    int[] choice = new int[problem.projects()];
    for (int p = 0; p < problem.projects(); p++) {
      int best = -1;
      for (int j = 0; j < problem.counterparts(); j++) {
        if (!problem.acceptable(p, j) || load[j] >= problem.slots(j)) continue;
        if (best < 0 || problem.score(p, j) > problem.score(p, best)) best = j;
      }
      choice[p] = best;
      if (best >= 0) load[best]++;
    }
    return Allocation.of(problem, choice);
  }
}
