package cn.qingdao.peipao.benchmarks;

import cn.qingdao.peipao.benchmarks.data.BenchData;
import cn.qingdao.peipao.core.eligibility.Assessment;
import cn.qingdao.peipao.core.eligibility.Eligibility;
import cn.qingdao.peipao.core.eligibility.PolicyRules;
import cn.qingdao.peipao.core.eligibility.Verdict;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.recommend.PolicyMatcher;
import cn.qingdao.peipao.index.recommend.Recommender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
 * The policy calculator over the shipped policies plus {@code policies} synthetic ones, and policy
 * → people over {@code projects} synthetic projects, each beside its baseline in the same run:
 *
 * <ul>
 *   <li>{@code calculatorFast}: the service path (rules compiled once per segment, read from the
 *       index); {@code calculatorExhaustive}: every policy compiled and judged per request;
 *   <li>{@code peopleFast}: the service path (encoded profiles cached per segment, verdict-only
 *       pass, explanations for the first page of 10 only); {@code peopleExhaustive}: every project
 *       judged with its full explanation, then sorted — what an officer's script would do.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EligibilityBenchmark {
  @Param({"1000"})
  public int policies;

  @Param({"100000"})
  public int projects;

  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final Set<Verdict> LISTED = EnumSet.of(Verdict.ELIGIBLE, Verdict.PARTIAL);

  private Path dir;
  private Catalog catalog;
  private PolicyMatcher matcher;
  private Eligibility eligibility;
  private List<Policy> allPolicies;
  private final List<Project> profiles = new ArrayList<>();
  private final List<Project> allProjects = new ArrayList<>();
  private final List<Policy> subjects = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Taxonomy taxonomy = QingdaoDataset.taxonomy();
    EntityReader reader = new EntityReader(taxonomy);
    dir = Files.createTempDirectory("eligibility-bench");
    catalog = Catalog.open(dir, taxonomy);
    SyntheticEcosystem gen = new SyntheticEcosystem(taxonomy, 7);
    List<ObjectNode> projectJson = gen.projects(projects);
    BenchData.load(catalog, EntityType.PROJECTS, projectJson);
    List<ObjectNode> policyJson = new ArrayList<>(QingdaoDataset.real(EntityType.POLICIES));
    policyJson.addAll(gen.policies(policies));
    BenchData.load(catalog, EntityType.POLICIES, policyJson);
    Recommender recommender =
        new Recommender(
            catalog.index(), catalog.reader(), ScoringProfiles.defaults(), Clock.systemUTC());
    matcher = new PolicyMatcher(recommender);
    eligibility = new Eligibility(taxonomy);
    allPolicies =
        policyJson.stream().map(j -> (Policy) reader.read(EntityType.POLICIES, j)).toList();
    for (ObjectNode p : projectJson) {
      Project project = (Project) reader.read(EntityType.PROJECTS, p);
      if (project.status().equals("active")) allProjects.add(project);
    }
    for (int i = 0; i < 64; i++) profiles.add(allProjects.get(i * 97 % allProjects.size()));
    for (Policy p : allPolicies)
      if (p.audience().equals("founder") && subjects.size() < 64 && p.isOpenOn(DAY))
        subjects.add(p);
    // build the segment caches before measuring
    matcher.calculate(profiles.get(0), DAY);
    matcher.audience(subjects.get(0), DAY, LISTED, List.of(), List.of(), 0, 10);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    BenchData.close(catalog, dir);
  }

  private <T> T nextOf(List<T> list) {
    next = (next + 1) % list.size();
    return list.get(next);
  }

  @Benchmark
  public List<Assessment> calculatorFast() {
    return matcher.calculate(nextOf(profiles), DAY);
  }

  @Benchmark
  public List<Assessment> calculatorExhaustive() {
    List<PolicyRules> compiled = new ArrayList<>(allPolicies.size());
    for (Policy p : allPolicies) compiled.add(eligibility.compile(p));
    return eligibility.calculate(compiled, nextOf(profiles), DAY);
  }

  @Benchmark
  public PolicyMatcher.Audience peopleFast() {
    return matcher.audience(nextOf(subjects), DAY, LISTED, List.of(), List.of(), 0, 10);
  }

  @Benchmark
  public List<Assessment> peopleExhaustive() {
    Policy policy = nextOf(subjects);
    List<Assessment> listed = new ArrayList<>();
    for (Project p : allProjects) {
      Assessment a = eligibility.assess(policy, p, DAY);
      if (a.verdict() != Verdict.INELIGIBLE) listed.add(a);
    }
    listed.sort(Comparator.comparing(Assessment::verdict).thenComparingInt(Assessment::missing));
    return listed.subList(0, Math.min(10, listed.size()));
  }
}
