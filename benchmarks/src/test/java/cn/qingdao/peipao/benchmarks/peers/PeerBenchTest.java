package cn.qingdao.peipao.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer harness end to end on a tiny corpus (built, cached, reopened): our answers are checked
 * against exhaustive scoring, SQLite FTS5 computing the formula in SQL agrees with them but for its
 * idf (required words included), Solr embedded (its own JVM, from {@code
 * solr/target/solr-peer.jar}) agrees with them, and the query sets narrow as they claim. OpenSearch
 * and HTTP need servers and are not run.
 */
@Tag("slow")
class PeerBenchTest {
  @TempDir Path cache;

  @Test
  void everyEngineAnswersTheSameQueriesAndSqliteAgreesWithOurs() throws Exception {
    PeerBench.Options o =
        new PeerBench.Options(
            List.of(400),
            List.of("ours", "floor", "sqlite", "solr"),
            List.of("all", "broad", "selective", "text"),
            40,
            40,
            1,
            0,
            40,
            cache,
            Path.of("unused.jar"),
            // built by the reactor before this module (benchmarks/solr precedes benchmarks)
            Path.of("solr/target/solr-peer.jar"),
            System.getProperty("java.home"),
            "http://127.0.0.1:1");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<PeerBench.Row> rows =
        PeerBench.run(o, new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertEquals(16, rows.size(), printed.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(cache.resolve("mentors-400/ready")));
    assertTrue(Files.exists(cache.resolve("mentors-400/sqlite-fts5.ready")));
    Map<String, Double> eligible =
        rows.stream()
            .filter(r -> r.engine().equals("ours, in-process"))
            .collect(Collectors.toMap(PeerBench.Row::set, PeerBench.Row::meanEligible));
    assertTrue(eligible.get("all") > eligible.get("broad"), eligible.toString());
    assertTrue(eligible.get("broad") > eligible.get("selective"), eligible.toString());
    // a required word passes a few per cent of the mentors
    assertTrue(
        eligible.get("text") > 0 && eligible.get("text") < 0.1 * eligible.get("all"),
        eligible.toString());
    for (PeerBench.Row r : rows) {
      assertEquals(40, r.queries());
      if (r.engine().equals("SQLite FTS5"))
        assertTrue(r.overlap() >= 0.9, "SQLite overlap " + r.overlap() + " in " + r.set());
      // Solr computes the same formula and Lucene's BM25: the same top 10 but for float ties
      if (r.engine().startsWith("Solr"))
        assertTrue(r.overlap() >= 0.99, "Solr overlap " + r.overlap() + " in " + r.set());
    }
    // a second run reopens the cached corpus and SQLite file and gives the same answers
    List<PeerBench.Row> again =
        PeerBench.run(
            o, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    for (int i = 0; i < rows.size(); i++)
      assertEquals(rows.get(i).overlap(), again.get(i).overlap(), 1e-12, rows.get(i).engine());
  }
}
