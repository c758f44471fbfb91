package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.benchmarks.data.BenchData;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.ImportReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Bulk import of the same synthetic projects (JSON lines; generator seed 7 in round 1, 8 in round 2
 * …, so that what one round analysed is not remembered by the next) into our service and into
 * OpenSearch 3.8 with its smartcn plugin (started by {@code benchmarks/peers/opensearch.sh}),
 * alternating in one run (issue 25, item 4). Ours: {@code Catalog.importLines} into an empty
 * catalog (validation, the SQLite store with its audit log, the Lucene index), which acknowledges
 * nothing before its commit. OpenSearch: an index of one shard, no replica, refresh off while
 * loading, the translog at its default ({@code request}: fsynced before each bulk answers), the
 * project's text fields analysed by {@code smartcn}, {@code _bulk} requests of 1,000 lines from one
 * and from two senders, then one {@code _refresh} (searchable) and a {@code _count} check. Ours
 * stores each document's term counts (which exact text relevance reads); OpenSearch's way to keep
 * them is term vectors on the full text, so it runs with them and, as the least it could index,
 * once more without. Usage:
 *
 * <pre>
 * bash benchmarks/peers/opensearch.sh start 9201
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar cn.qingdao.peipao.benchmarks.peers.ImportPeers \
 *   [--entities 100000] [--rounds 3] [--opensearch http://127.0.0.1:9201] [--ours-only]
 * </pre>
 */
public final class ImportPeers {
  private static final int BULK = 1_000;
  private static final String INDEX = "import-projects";

  /**
   * The mapping: what our index makes of a project, in OpenSearch's terms; {@code %s} is the full
   * text's term vectors ({@code yes} or {@code no}).
   */
  private static final String MAPPING =
      """
      {"settings": {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "-1"},
       "mappings": {"dynamic": false, "properties": {
         "id": {"type": "keyword"},
         "name": {"type": "text", "analyzer": "smartcn", "copy_to": "text"},
         "description": {"type": "text", "analyzer": "smartcn", "index": false, "copy_to": "text"},
         "tags": {"type": "keyword", "copy_to": "text"},
         "text": {"type": "text", "analyzer": "smartcn", "term_vector": "%s"},
         "sectors": {"type": "keyword"}, "stage": {"type": "keyword"},
         "needs": {"type": "keyword"}, "status": {"type": "keyword"},
         "location": {"properties": {"district": {"type": "keyword"}, "city": {"type": "keyword"},
                                     "lat": {"type": "double"}, "lon": {"type": "double"}}},
         "fundingNeed": {"type": "long"}, "employees": {"type": "long"}}}}
      """;

  private final OpenSearchHttp http;

  private ImportPeers(String base) {
    this.http = new OpenSearchHttp(base);
  }

  public static void main(String[] args) throws Exception {
    int entities = 100_000;
    int rounds = 3;
    String base = "http://127.0.0.1:9201";
    boolean oursOnly = false; // for profiling our side alone
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--entities" -> entities = Integer.parseInt(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--opensearch" -> base = args[i + 1];
        case "--ours-only" -> {
          oursOnly = true;
          i--;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Taxonomy taxonomy = QingdaoDataset.taxonomy();
    ImportPeers bench = new ImportPeers(base);
    for (int r = 1; r <= rounds; r++) {
      List<String> lines =
          new SyntheticEcosystem(taxonomy, 6 + r)
              .projects(entities).stream().map(Json::write).toList();
      if (r == 1) {
        System.out.printf(
            "%,d projects, %,d MB of JSON lines (round 1)%n",
            entities, lines.stream().mapToLong(String::length).sum() >> 20);
        System.out.println(
            "| round | ours (/s) | OpenSearch, 1 sender (/s) | OpenSearch, 2 senders (/s) |"
                + " OpenSearch, 2 senders, no term vectors (/s) |");
        System.out.println("|---|---:|---:|---:|---:|");
      }
      Timing t = ours(taxonomy, lines);
      double ours = entities / t.seconds();
      // the process's CPU per entity: steadier than the rate when the machine's load wanders
      double cpuMicros = t.cpuSeconds() / entities * 1e6;
      if (oursOnly) {
        System.out.printf("| %d | %,.0f (CPU %.0f µs each) | | | |%n", r, ours, cpuMicros);
        continue;
      }
      double one = entities / bench.openSearch(lines, 1, true);
      double two = entities / bench.openSearch(lines, 2, true);
      double bare = entities / bench.openSearch(lines, 2, false);
      System.out.printf(
          "| %d | %,.0f (CPU %.0f µs each) | %,.0f (ours %.2f×) | %,.0f (ours %.2f×) |"
              + " %,.0f (ours %.2f×) |%n",
          r, ours, cpuMicros, one, ours / one, two, ours / two, bare, ours / bare);
    }
  }

  /** Wall-clock seconds of an import and the CPU seconds the process used meanwhile. */
  private record Timing(double seconds, double cpuSeconds) {}

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Imports every line into an empty catalog. */
  private static Timing ours(Taxonomy taxonomy, List<String> lines) throws IOException {
    Path dir = Files.createTempDirectory("import-peers");
    Catalog catalog = Catalog.open(dir, taxonomy);
    try {
      long cpu0 = OS.getProcessCpuTime();
      long t0 = System.nanoTime();
      ImportReport r = catalog.importLines(EntityType.PROJECTS, lines.iterator(), false, "bench");
      double s = (System.nanoTime() - t0) / 1e9;
      double cpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
      if (r.applied() != lines.size()) throw new IllegalStateException("rejected: " + r.errors());
      return new Timing(s, cpu);
    } finally {
      BenchData.close(catalog, dir);
    }
  }

  /**
   * Seconds to bulk every line into a new index (full text with or without term vectors) from
   * {@code senders} threads, then refresh.
   */
  private double openSearch(List<String> lines, int senders, boolean termVectors) throws Exception {
    http.send("DELETE", "/" + INDEX, null, true);
    http.send("PUT", "/" + INDEX, MAPPING.formatted(termVectors ? "yes" : "no"), false);
    List<String> bodies = new ArrayList<>();
    for (int from = 0; from < lines.size(); from += BULK) {
      StringBuilder b = new StringBuilder();
      for (String line : lines.subList(from, Math.min(lines.size(), from + BULK)))
        b.append("{\"index\":{\"_id\":\"")
            .append(Json.parse(line).get("id").asText())
            .append("\"}}\n")
            .append(line)
            .append('\n');
      bodies.add(b.toString());
    }
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      long t0 = System.nanoTime();
      List<Future<JsonNode>> sent = new ArrayList<>();
      for (String body : bodies)
        sent.add(pool.submit(() -> http.send("POST", "/" + INDEX + "/_bulk", body, false)));
      for (Future<JsonNode> f : sent) f.get();
      http.send("POST", "/" + INDEX + "/_refresh", null, false);
      double s = (System.nanoTime() - t0) / 1e9;
      long count = http.send("GET", "/" + INDEX + "/_count", null, false).path("count").asLong();
      if (count != lines.size()) throw new IllegalStateException("OpenSearch holds " + count);
      // dropped at once, so that its background merges do not take the cores from the next run
      http.send("DELETE", "/" + INDEX, null, false);
      return s;
    } finally {
      pool.shutdown();
    }
  }
}
