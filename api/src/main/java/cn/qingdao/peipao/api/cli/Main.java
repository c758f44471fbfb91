package cn.qingdao.peipao.api.cli;

import cn.qingdao.peipao.api.ApiConfig;
import cn.qingdao.peipao.api.App;
import cn.qingdao.peipao.api.Limits;
import cn.qingdao.peipao.api.Services;
import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.KeyAccessControl;
import cn.qingdao.peipao.core.json.FieldError;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.ImportReport;
import cn.qingdao.peipao.index.StoreRecovery;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The command line: {@code serve} (the HTTP service; options in {@link #USAGE}), {@code import}
 * (bulk upsert from JSON Lines), {@code reindex} (rebuild the index from the store), {@code
 * recover} (rebuild a lost store from the index) and {@code learn} (fit a scoring profile to the
 * recorded feedback). Each opens the data directory itself: stop the server first.
 */
public final class Main {
  static final String USAGE =
      """
      usage: matcher serve   [--port 7070] [--host 127.0.0.1] [--data ./data] [--no-demo] [--profiles file.json] [--keys keys.json]
                             [--rate 100] [--burst 200] [--cors-origin https://portal.example,…]
             matcher import  <projects|mentors|parks|investors|policies> <file.jsonl> [--data ./data] [--atomic]
             matcher reindex [--data ./data]     (the store is the truth: rebuild the index from it)
             matcher recover [--data ./data]     (rebuild a lost store from the index; nothing is deleted)
             matcher learn   --direction project-mentors [--profile default] [--seed 1]
                             [--profiles file.json] [--out learned-profiles.json] [--data ./data]""";

  private Main() {}

  public static void main(String[] args) {
    // Lucene's java.util.logging lines take the service's one format
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    try {
      run(List.of(args), System.out);
    } catch (UsageException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    } catch (RuntimeException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
  }

  static void run(List<String> args, PrintStream out) {
    if (args.isEmpty()) throw new UsageException("no command given");
    List<String> rest = args.subList(1, args.size());
    switch (args.get(0)) {
      case "serve" ->
          serve(
              Arguments.parse(
                  rest,
                  Set.of("no-demo"),
                  Set.of(
                      "port", "host", "data", "profiles", "keys", "rate", "burst", "cors-origin")),
              out);
      case "import" -> importFile(Arguments.parse(rest, Set.of("atomic"), Set.of("data")), out);
      case "reindex" -> reindex(Arguments.parse(rest, Set.of(), Set.of("data")), out);
      case "recover" -> recover(Arguments.parse(rest, Set.of(), Set.of("data")), out);
      case "learn" ->
          Learn.run(
              Arguments.parse(
                  rest,
                  Set.of(),
                  Set.of("data", "direction", "profile", "seed", "profiles", "out")),
              out);
      case "help", "--help", "-h" -> out.println(USAGE);
      default -> throw new UsageException("unknown command '" + args.get(0) + "'");
    }
  }

  private static Path dataDir(Arguments a) {
    return Path.of(a.options().getOrDefault("data", ApiConfig.DEFAULT_DATA.toString()));
  }

  private static void serve(Arguments a, PrintStream out) {
    if (!a.positional().isEmpty())
      throw new UsageException("serve takes no arguments, got " + a.positional());
    ApiConfig config =
        ApiConfig.defaults()
            .withPort(a.intOption("port", ApiConfig.DEFAULT_PORT))
            .withHost(a.options().getOrDefault("host", ApiConfig.DEFAULT_HOST))
            .withDataDir(dataDir(a))
            .withDemo(!a.flag("no-demo"))
            .withCorsOrigins(corsOrigins(a.options().get("cors-origin"), System.getenv(CORS_ENV)))
            .withLimits(
                Limits.defaults()
                    .withRate(
                        a.intOption("rate", (int) Limits.defaults().requestsPerSecond()),
                        a.intOption("burst", Limits.defaults().burst())));
    // before anything is loaded or printed (a new admin key included): is the port ours to take?
    if (config.port() != 0) requirePortFree(config.host(), config.port());
    Taxonomy taxonomy = QingdaoDataset.taxonomy();
    ScoringProfiles profiles = profiles(a.options().get("profiles"));
    Catalog catalog = Catalog.open(config.dataDir(), taxonomy);
    out.println("store and index ready: " + catalog.startupNote());
    Services services = Services.of(catalog, taxonomy, profiles, Clock.systemUTC());
    if (config.demo()) DemoData.loadOnce(catalog, taxonomy, services.growth(), out);
    long warm = System.nanoTime();
    services.recommender().warm();
    out.printf("recommendation caches ready in %d ms%n", (System.nanoTime() - warm) / 1_000_000);
    ApiKeys keys = KeyConfig.resolve(a.options().get("keys"), System.getenv(), catalog, out);
    Javalin app = App.create(config, services, new KeyAccessControl(keys));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // stop accepting, let the requests in flight finish, then close the index and
                  // the store once (a request still running after 20 s is cut off)
                  int cut = App.stopGracefully(app, 20_000);
                  if (cut > 0) System.err.println("stopped with " + cut + " requests unfinished");
                  catalog.close();
                },
                "shutdown"));
    app.start();
    out.println(
        "matcher listening on http://"
            + config.host()
            + ":"
            + app.port()
            + " (data: "
            + config.dataDir().toAbsolutePath().normalize()
            + ")");
    out.flush();
  }

  /** The environment variable for {@code --cors-origin}. */
  static final String CORS_ENV = "MATCHER_CORS_ORIGIN";

  /** Comma-separated origins from the option, else the environment; none by default. */
  static List<String> corsOrigins(String option, String env) {
    String v = option != null ? option : env;
    if (v == null || v.isBlank()) return List.of();
    return java.util.Arrays.stream(v.split(","))
        .map(String::strip)
        .filter(o -> !o.isEmpty())
        .toList();
  }

  /** Fails at once, naming the address, when another process listens on it. */
  static void requirePortFree(String host, int port) {
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new UsageException(
          "cannot listen on "
              + host
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "): another server holds it; stop it or choose --port");
    }
  }

  /** The shipped scoring profiles, or those of {@code file}; validated before anything starts. */
  static ScoringProfiles profiles(String file) {
    if (file == null) return ScoringProfiles.defaults();
    try {
      return ScoringProfiles.read(Json.parse(Files.readAllBytes(Path.of(file))));
    } catch (IOException e) {
      throw new UsageException("cannot read scoring profiles " + file + ": " + e.getMessage());
    } catch (ValidationException e) {
      throw new UsageException("scoring profiles " + file + ": " + e.getMessage());
    }
  }

  private static void importFile(Arguments a, PrintStream out) {
    if (a.positional().size() != 2)
      throw new UsageException("import needs <type> and <file.jsonl>");
    EntityType type =
        EntityType.fromPath(a.positional().get(0))
            .orElseThrow(
                () ->
                    new UsageException(
                        "unknown type '"
                            + a.positional().get(0)
                            + "'; use one of "
                            + EntityType.paths()));
    Path file = Path.of(a.positional().get(1));
    if (!Files.isReadable(file)) throw new UsageException("cannot read " + file);
    try (Catalog catalog = Catalog.open(dataDir(a), QingdaoDataset.taxonomy());
        Stream<String> lines = Files.lines(file)) {
      ImportReport r = catalog.importLines(type, lines.iterator(), a.flag("atomic"), "cli");
      out.printf(
          "%s: %d lines, %d applied (%d created, %d updated), %d rejected%s%n",
          file,
          r.received(),
          r.applied(),
          r.created(),
          r.updated(),
          r.rejected(),
          r.committed() ? "" : " — atomic: nothing applied");
      for (ImportReport.LineError e : r.errors()) {
        out.println(
            "  line "
                + e.line()
                + ": "
                + String.join("; ", e.errors().stream().map(FieldError::toString).toList()));
      }
      if (!r.committed() || r.rejected() > 0)
        throw new RuntimeException(r.rejected() + " lines rejected");
    } catch (IOException e) {
      throw new RuntimeException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void reindex(Arguments a, PrintStream out) {
    if (!a.positional().isEmpty())
      throw new UsageException("reindex takes no arguments, got " + a.positional());
    try (Catalog catalog =
        Catalog.open(
            dataDir(a), QingdaoDataset.taxonomy(), Clock.systemUTC(), Catalog.IndexAhead.REBUILD)) {
      long t = System.nanoTime();
      int n = catalog.reindex();
      out.printf("reindexed %d entities in %.1f s%n", n, (System.nanoTime() - t) / 1e9);
    }
  }

  private static void recover(Arguments a, PrintStream out) {
    if (!a.positional().isEmpty())
      throw new UsageException("recover takes no arguments, got " + a.positional());
    StoreRecovery.Report r =
        StoreRecovery.fromIndex(dataDir(a), QingdaoDataset.taxonomy(), Clock.systemUTC());
    out.println("recovered from the index into a new store: " + r.recovered());
    if (r.rejected() > 0) out.println("  " + r.rejected() + " stored documents did not validate");
    out.println(
        "  the old store and index, and the entities as JSON Lines, are kept in " + r.kept());
    out.println(
        "  assignments, feedback, growth files, alerts and the audit history were only in the"
            + " store: restore them from a backup if you have one");
  }
}
