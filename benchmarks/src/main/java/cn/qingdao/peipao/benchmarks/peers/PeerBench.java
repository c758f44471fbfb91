package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.recommend.Recommender;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The peer benchmark: for each size, the same seeded query sets answered by each engine in turn
 * (one at a time: a warm-up, then measured passes), with p50/p99, ns per eligible candidate, the
 * ratio of each engine's p50 to ours and the top-10 overlap with our answers, which are first
 * checked equal to exhaustive exact scoring. A speed ratio counts only where the overlap is ≥ 0.99.
 *
 * <pre>
 * java -Xmx12g -cp benchmarks/target/benchmarks.jar cn.qingdao.peipao.benchmarks.peers.PeerBench \
 *   --sizes 10000,100000 --engines ours,floor,sqlite,solr,opensearch,http \
 *   --opensearch http://127.0.0.1:9201 [--cache benchmarks/target/peers] [--queries 500]
 * </pre>
 */
public final class PeerBench {
  static final int K = 10;

  private PeerBench() {}

  /**
   * What to run.
   *
   * @param engines any of ours (always run: the reference), floor, sqlite, solr, opensearch, http
   * @param sqliteQueries how many of the queries SQLite answers (it is the slowest by far)
   * @param passes measured passes over the queries (SQLite: one)
   * @param exhaustiveChecks how many of our answers per set are checked against exhaustive scoring
   */
  record Options(
      List<Integer> sizes,
      List<String> engines,
      List<String> sets,
      int queries,
      int sqliteQueries,
      int passes,
      double warmSeconds,
      int exhaustiveChecks,
      Path cache,
      Path matcherJar,
      Path solrJar,
      String javaHome,
      String openSearch) {

    static Options parse(String[] args) {
      Map<String, String> a = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i += 2) {
        if (!args[i].startsWith("--") || i + 1 >= args.length)
          throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
        a.put(args[i].substring(2), args[i + 1]);
      }
      int queries = Integer.parseInt(a.getOrDefault("queries", "500"));
      return new Options(
          Arrays.stream(a.getOrDefault("sizes", "10000").split(","))
              .map(Integer::parseInt)
              .toList(),
          List.of(a.getOrDefault("engines", "ours,floor,sqlite").split(",")),
          List.of(a.getOrDefault("sets", String.join(",", QuerySets.KINDS)).split(",")),
          queries,
          Integer.parseInt(a.getOrDefault("sqlite-queries", Integer.toString(queries))),
          Integer.parseInt(a.getOrDefault("passes", "3")),
          Double.parseDouble(a.getOrDefault("warm-seconds", "5")),
          Integer.parseInt(a.getOrDefault("exhaustive-checks", "50")),
          Path.of(a.getOrDefault("cache", "benchmarks/target/peers")),
          Path.of(a.getOrDefault("matcher-jar", "api/target/matcher.jar")),
          Path.of(a.getOrDefault("solr-jar", "benchmarks/solr/target/solr-peer.jar")),
          a.getOrDefault("java-home", System.getProperty("java.home")),
          a.getOrDefault("opensearch", "http://127.0.0.1:9201"));
    }
  }

  /** One line of the report. */
  record Row(
      int size,
      String set,
      String engine,
      int queries,
      double meanEligible,
      double p50Millis,
      double p99Millis,
      double tookP50Millis,
      double nsPerEligible,
      double p50OverOurs,
      double overlap) {

    String markdown() {
      return String.format(
          Locale.ROOT,
          "| %,d | %s | %s | %d | %,.0f (%.1f %%) | %.3f | %.3f | %s | %.1f | %.2f | %.3f |",
          size,
          set,
          engine,
          queries,
          meanEligible,
          100 * meanEligible / size,
          p50Millis,
          p99Millis,
          Double.isNaN(tookP50Millis) ? "–" : String.format(Locale.ROOT, "%.1f", tookP50Millis),
          nsPerEligible,
          p50OverOurs,
          overlap);
    }
  }

  public static void main(String[] args) throws Exception {
    run(Options.parse(args), System.out);
  }

  /** Runs every size, set and engine of {@code o}, printing each row as it is measured. */
  static List<Row> run(Options o, PrintStream out) throws Exception {
    Taxonomy taxonomy = QingdaoDataset.taxonomy();
    List<Row> rows = new ArrayList<>();
    out.println(
        "| N | query set | engine | queries | eligible (mean) | p50 ms | p99 ms | took p50 ms"
            + " | ns / eligible | p50 / ours | top-10 overlap |");
    out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int size : o.sizes()) {
      long t0 = System.nanoTime();
      PeerCorpus corpus = PeerCorpus.openOrBuild(o.cache(), size, taxonomy);
      System.err.printf(
          Locale.ROOT, "corpus of %,d ready in %.1f s%n", size, (System.nanoTime() - t0) / 1e9);
      Map<String, List<PeerQuery>> querySets = new LinkedHashMap<>();
      Map<String, Timing> oursBySet = new LinkedHashMap<>();
      Map<String, double[]> eligibleBySet = new LinkedHashMap<>();
      try (Catalog catalog = Catalog.open(corpus.dataDir(), taxonomy)) {
        Recommender recommender =
            new Recommender(
                catalog.index(), catalog.reader(), ScoringProfiles.defaults(), Clock.systemUTC());
        for (String set : o.sets()) {
          List<PeerQuery> qs = QuerySets.of(set, catalog, corpus, o.queries(), LocalDate.now());
          querySets.put(set, qs);
          OursEngine ours = new OursEngine(recommender, false);
          double[] eligible = new double[qs.size()];
          Timing reference =
              measure(ours, qs, qs.size(), o, i -> eligible[i] = ours.lastEligible());
          oursBySet.put(set, reference);
          eligibleBySet.put(set, eligible);
          checkExhaustive(recommender, qs, reference, Math.min(o.exhaustiveChecks(), qs.size()));
          emit(rows, out, row(size, set, reference, eligible, reference));
          for (String e : o.engines()) {
            if (e.equals("ours") || e.equals("http")) continue;
            try (PeerEngine engine = engine(e, corpus, taxonomy, o)) {
              int n = e.equals("sqlite") ? Math.min(o.sqliteQueries(), qs.size()) : qs.size();
              emit(
                  rows,
                  out,
                  row(size, set, measure(engine, qs, n, o, i -> {}), eligible, reference));
            }
          }
        }
      }
      if (o.engines().contains("http")) {
        try (HttpEngine http = new HttpEngine(o.matcherJar(), corpus.dataDir(), o.javaHome())) {
          for (String set : o.sets()) {
            List<PeerQuery> qs = querySets.get(set);
            Timing t = measure(http, qs, qs.size(), o, i -> {});
            emit(rows, out, row(size, set, t, eligibleBySet.get(set), oursBySet.get(set)));
          }
        }
      }
    }
    return rows;
  }

  private static PeerEngine engine(String name, PeerCorpus corpus, Taxonomy taxonomy, Options o)
      throws Exception {
    return switch (name) {
      case "floor" -> new FloorEngine(taxonomy, corpus.mentors);
      case "sqlite" -> new SqliteFts5Engine(corpus);
      case "opensearch" -> new OpenSearchEngine(o.openSearch(), corpus);
      case "solr" -> new SolrEngine(o.solrJar(), o.javaHome(), corpus);
      default ->
          throw new IllegalArgumentException(
              "unknown engine '" + name + "': use ours, floor, sqlite, solr, opensearch or http");
    };
  }

  private static void emit(List<Row> rows, PrintStream out, Row row) {
    rows.add(row);
    out.println(row.markdown());
    out.flush();
  }

  /** Our answers must be exhaustive exact scoring's: every overlap is measured against them. */
  private static void checkExhaustive(
      Recommender recommender, List<PeerQuery> qs, Timing ours, int n) {
    OursEngine exhaustive = new OursEngine(recommender, true);
    for (int i = 0; i < n; i++) {
      List<String> expected = exhaustive.top(qs.get(i), K);
      if (!expected.equals(ours.answers().get(i)))
        throw new IllegalStateException(
            "fast path differs from exhaustive scoring for "
                + qs.get(i).subject().id()
                + ": "
                + ours.answers().get(i)
                + " vs "
                + expected);
    }
    System.err.printf("ours = exhaustive exact scoring on %d of %d queries checked%n", n, n);
  }

  private interface AfterQuery {
    void accept(int i);
  }

  /**
   * Warms the engine up (the first n queries cyclically, at least 20 and for at least the warm-up
   * seconds), then measures the passes over them (SQLite: one); the answers are the first pass's.
   */
  private static Timing measure(
      PeerEngine engine, List<PeerQuery> qs, int n, Options o, AfterQuery after) throws Exception {
    long warmEnd = System.nanoTime() + (long) (o.warmSeconds() * 1e9);
    for (int i = 0; i < 20 || System.nanoTime() < warmEnd; i++) engine.top(qs.get(i % n), K);
    int passes = engine instanceof SqliteFts5Engine ? 1 : o.passes();
    long[] nanos = new long[n * passes];
    double[] took = new double[n * passes];
    List<List<String>> answers = new ArrayList<>(n);
    for (int pass = 0; pass < passes; pass++) {
      for (int i = 0; i < n; i++) {
        long start = System.nanoTime();
        List<String> ids = engine.top(qs.get(i), K);
        nanos[pass * n + i] = System.nanoTime() - start;
        took[pass * n + i] = engine.lastTookMillis();
        if (pass == 0) {
          answers.add(ids);
          after.accept(i);
        }
      }
    }
    return new Timing(engine.name(), nanos, took, answers);
  }

  /** The row of {@code t}, compared with our timing over the same queries. */
  private static Row row(int size, String set, Timing t, double[] eligible, Timing ours) {
    int n = t.answers().size();
    double meanEligible = Arrays.stream(eligible, 0, n).average().orElse(0);
    return new Row(
        size,
        set,
        t.engine(),
        n,
        meanEligible,
        t.p50Millis(),
        t.p99Millis(),
        t.tookP50Millis(),
        t.meanMillis() * 1e6 / Math.max(1, meanEligible),
        t.p50Millis() / ours.prefix(n).p50Millis(),
        t.overlapWith(ours.answers().subList(0, n)));
  }
}
