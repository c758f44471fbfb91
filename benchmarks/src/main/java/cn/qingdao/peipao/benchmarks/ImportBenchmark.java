package cn.qingdao.peipao.benchmarks;

import cn.qingdao.peipao.benchmarks.data.BenchData;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.ImportReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Bulk import of N synthetic projects (JSON lines) into an empty catalog: validation, the SQLite
 * store with its audit log, and the Lucene index with SmartCN analysis, until searchable. One
 * import per invocation (single shot); entities per second is N / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ImportBenchmark {
  @Param({"20000"})
  public int entities;

  private Taxonomy taxonomy;
  private List<String> lines;
  private Path dir;
  private Catalog catalog;

  @Setup(Level.Trial)
  public void generate() {
    taxonomy = QingdaoDataset.taxonomy();
    lines =
        new SyntheticEcosystem(taxonomy, 7).projects(entities).stream().map(Json::write).toList();
  }

  @Setup(Level.Invocation)
  public void open() throws IOException {
    dir = Files.createTempDirectory("import-bench");
    catalog = Catalog.open(dir, taxonomy);
  }

  @TearDown(Level.Invocation)
  public void close() throws IOException {
    BenchData.close(catalog, dir);
  }

  @Benchmark
  public ImportReport importProjects() {
    ImportReport r = catalog.importLines(EntityType.PROJECTS, lines.iterator(), false, "bench");
    if (r.applied() != entities) throw new IllegalStateException("rejected lines: " + r.errors());
    return r;
  }
}
