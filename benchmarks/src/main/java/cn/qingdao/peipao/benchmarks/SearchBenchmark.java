package cn.qingdao.peipao.benchmarks;

import cn.qingdao.peipao.benchmarks.data.BenchData;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.search.SearchRequest;
import cn.qingdao.peipao.index.search.SearchResult;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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
 * Full-text search with filters and facet counts over N synthetic projects: the Lucene index
 * ({@code index}) against a brute-force scan of the same projects held in memory as records ({@code
 * scanBaseline}), which checks the filters, counts the query words in name and description, keeps
 * the top 10 and counts districts. Both answer the same question; compare their times as a ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SearchBenchmark {
  @Param({"10000", "100000"})
  public int projects;

  /** Query words: what a portal user types. */
  static final List<String> WORDS = List.of("海洋", "大模型");

  static final List<String> STAGES = List.of("seed", "startup");

  private Path dir;
  private Catalog catalog;
  private List<Project> inMemory;
  private SearchRequest request;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Taxonomy taxonomy = QingdaoDataset.taxonomy();
    dir = Files.createTempDirectory("search-bench");
    catalog = Catalog.open(dir, taxonomy);
    List<ObjectNode> json = new SyntheticEcosystem(taxonomy, 7).projects(projects);
    catalog.importLines(
        EntityType.PROJECTS, json.stream().map(Json::write).iterator(), false, "bench");
    EntityReader reader = new EntityReader(taxonomy);
    inMemory = new ArrayList<>();
    for (ObjectNode j : json) inMemory.add((Project) reader.read(EntityType.PROJECTS, j));
    request =
        new SearchRequest(
            EntityType.PROJECTS, String.join(" ", WORDS), Map.of("stage", STAGES), 0, 10);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    BenchData.close(catalog, dir);
  }

  @Benchmark
  public SearchResult index() {
    return catalog.search(request);
  }

  @Benchmark
  public Object scanBaseline() {
    PriorityQueue<Map.Entry<Project, Integer>> top =
        new PriorityQueue<>(
            Comparator.comparingInt((Map.Entry<Project, Integer> e) -> e.getValue()));
    Map<String, Integer> districts = new HashMap<>();
    int total = 0;
    for (Project p : inMemory) {
      if (!STAGES.contains(p.stage())) continue;
      String text = p.name() + "\n" + p.description();
      int score = 0;
      for (String w : WORDS) {
        for (int i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) score++;
      }
      if (score == 0) continue;
      total++;
      districts.merge(p.location().district(), 1, Integer::sum);
      top.add(Map.entry(p, score));
      if (top.size() > 10) top.poll();
    }
    return List.of(total, districts, new ArrayList<>(top));
  }
}
