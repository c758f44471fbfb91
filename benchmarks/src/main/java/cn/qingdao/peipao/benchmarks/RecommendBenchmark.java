package cn.qingdao.peipao.benchmarks;

import cn.qingdao.peipao.benchmarks.data.BenchData;
import cn.qingdao.peipao.benchmarks.peers.ColumnarFloor;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.recommend.Recommendation;
import cn.qingdao.peipao.index.recommend.Recommender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * Project → mentors and park → projects over N synthetic entities of the target type: the two-phase
 * fast path ({@code *Fast}) against exhaustive exact scoring of every entity ({@code *Exhaustive})
 * in the same run, and for project → mentors the columnar floor ({@link ColumnarFloor}). Subjects
 * rotate over a fixed seeded list, so every invocation answers a different request. {@link Ratios}
 * prints exhaustive / fast from JMH's JSON output.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RecommendBenchmark {
  @Param({"10000", "100000"})
  public int entities;

  private Path dir;
  private Catalog catalog;
  private Recommender recommender;
  private ColumnarFloor floor;
  private final List<Entity> projects = new ArrayList<>();
  private final List<Entity> parks = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Taxonomy taxonomy = QingdaoDataset.taxonomy();
    dir = Files.createTempDirectory("recommend-bench");
    catalog = Catalog.open(dir, taxonomy);
    SyntheticEcosystem gen = new SyntheticEcosystem(taxonomy, 7);
    List<ObjectNode> mentors = gen.mentors(entities);
    BenchData.load(catalog, EntityType.MENTORS, mentors);
    floor = new ColumnarFloor(taxonomy, catalog.reader(), mentors);
    BenchData.load(catalog, EntityType.PROJECTS, gen.projects(entities));
    BenchData.load(catalog, EntityType.PARKS, gen.parks(200));
    recommender =
        new Recommender(
            catalog.index(), catalog.reader(), ScoringProfiles.defaults(), Clock.systemUTC());
    for (int i = 1; i <= 64; i++) {
      projects.add(
          catalog.entity(EntityType.PROJECTS, String.format("syn-p-%05d", i * 37)).orElseThrow());
      parks.add(catalog.entity(EntityType.PARKS, String.format("syn-k-%05d", i * 3)).orElseThrow());
    }
    // build the per-segment feature caches before measuring
    recommender.recommend(request(projects.get(0), EntityType.MENTORS));
    recommender.recommend(request(parks.get(0), EntityType.PROJECTS));
  }

  private static Recommender.Request request(Entity subject, EntityType target) {
    return new Recommender.Request(subject, target, 10, RequestFilters.NONE, null);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    BenchData.close(catalog, dir);
  }

  private Entity nextOf(List<Entity> subjects) {
    next = (next + 1) % subjects.size();
    return subjects.get(next);
  }

  @Benchmark
  public Recommendation projectToMentorsFast() {
    return recommender.recommend(request(nextOf(projects), EntityType.MENTORS));
  }

  @Benchmark
  public Recommendation projectToMentorsExhaustive() {
    return recommender.exhaustive(request(nextOf(projects), EntityType.MENTORS));
  }

  /** The physical reference: a brute-force scan over primitive arrays, exact score without text. */
  @Benchmark
  public int[] projectToMentorsFloor() {
    return floor.top(nextOf(projects), 10);
  }

  @Benchmark
  public Recommendation parkToProjectsFast() {
    return recommender.recommend(request(nextOf(parks), EntityType.PROJECTS));
  }

  @Benchmark
  public Recommendation parkToProjectsExhaustive() {
    return recommender.exhaustive(request(nextOf(parks), EntityType.PROJECTS));
  }
}
