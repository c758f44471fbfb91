package cn.qingdao.peipao.api.cli;

import cn.qingdao.peipao.api.ApiConfig;
import cn.qingdao.peipao.api.App;
import cn.qingdao.peipao.api.Limits;
import cn.qingdao.peipao.api.Services;
import cn.qingdao.peipao.api.WarmUp;
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
import cn.qingdao.peipao.index.store.StoreConfig;
import cn.qingdao.peipao.index.tickets.TicketSla;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The command line, parsed by picocli: {@code serve} (the HTTP service), {@code import} (bulk
 * upsert from JSON Lines), {@code reindex} (rebuild the index from the store), {@code recover}
 * (rebuild a lost store from the index) and {@code learn} (fit a scoring profile to the recorded
 * feedback). Each has {@code --help}; {@code --version} prints the build. Each opens the data
 * directory itself: stop the server first.
 */
public final class Main {
  /** The environment variable for {@code --cors-origin}. */
  static final String CORS_ENV = "MATCHER_CORS_ORIGIN";

  /** How often the long-running commands report progress. */
  static final long PROGRESS_NANOS = 2_000_000_000L;

  private Main() {}

  public static void main(String[] args) {
    // Lucene's java.util.logging lines take the service's one format
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    try {
      run(List.of(args), System.out);
    } catch (UsageException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(
          "(matcher --help lists the commands; matcher <command> --help its options)");
      System.exit(2);
    } catch (RuntimeException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Parses and runs one command, printing to {@code out}.
   *
   * @throws UsageException for a command line that does not parse or does not make sense
   */
  static void run(List<String> args, PrintStream out) {
    CommandLine cli = new CommandLine(new Commands.Root(out));
    PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
    cli.setOut(writer);
    cli.setErr(writer);
    CommandLine.ParseResult parsed;
    try {
      parsed = cli.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new UsageException(e.getMessage());
    }
    if (CommandLine.printHelpIfRequested(parsed)) return;
    CommandLine.ParseResult last = parsed;
    while (last.hasSubcommand()) last = last.subcommand();
    Object command = last.commandSpec().userObject();
    if (command instanceof Commands.Root) throw new UsageException("no command given");
    ((Runnable) command).run();
  }

  static void serve(Commands.Serve s, PrintStream out) {
    ApiConfig config;
    try {
      config =
          ApiConfig.defaults()
              .withPort(s.port)
              .withHost(s.host)
              .withDataDir(s.data)
              .withDemo(!s.noDemo)
              .withCorsOrigins(corsOrigins(s.corsOrigin, System.getenv(CORS_ENV)))
              .withLimits(Limits.defaults().withRate(s.rate, s.burst));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    // before anything is loaded or printed (a new admin key included): is the port ours to take?
    if (config.port() != 0) requirePortFree(config.host(), config.port());
    Taxonomy taxonomy = QingdaoDataset.taxonomy();
    ScoringProfiles profiles = profiles(s.profiles);
    TicketSla sla = sla(s.sla, taxonomy);
    StoreConfig store = s.store(System.getenv());
    Catalog catalog =
        Catalog.open(
            config.dataDir(), store, taxonomy, Clock.systemUTC(), Catalog.IndexAhead.REFUSE);
    out.println("store and index ready: " + catalog.startupNote());
    Services services = Services.of(catalog, taxonomy, profiles, Clock.systemUTC(), sla);
    if (config.demo()) DemoData.loadOnce(catalog, taxonomy, services, out);
    long warm = System.nanoTime();
    services.recommender().warm();
    out.printf("recommendation caches ready in %d ms%n", (System.nanoTime() - warm) / 1_000_000);
    ApiKeys keys = KeyConfig.resolve(s.keys, System.getenv(), catalog, out);
    if (s.warmUp < 0 || s.warmUp > 600)
      throw new UsageException("--warm-up: give 0 to 600 seconds, not " + s.warmUp);
    WarmUp warmUp = new WarmUp();
    Javalin app =
        App.create(config, services, warmUp.access(new KeyAccessControl(keys)), warmUp::warming);
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
            + (store.shared() ? "; store: " + store.describe() : "")
            + ")");
    out.flush();
    String self =
        config.host().equals("0.0.0.0") || config.host().equals("::")
            ? "127.0.0.1"
            : config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    WarmUp.Report warmed =
        warmUp.run(
            "http://" + self + ":" + app.port(), catalog, java.time.Duration.ofSeconds(s.warmUp));
    if (s.warmUp > 0)
      out.printf(
          "warmed up in %.1f s (%d requests, %d not 200); ready%n",
          warmed.millis() / 1000.0, warmed.requests(), warmed.failed());
    out.flush();
  }

  /** Comma-separated origins from the option, else the environment; none by default. */
  static List<String> corsOrigins(String option, String env) {
    String v = option != null ? option : env;
    if (v == null || v.isBlank()) return List.of();
    return Arrays.stream(v.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList();
  }

  /** Fails at once, naming the address, when another process listens on it. */
  static void requirePortFree(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
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
  /** The ticket SLA: the defaults, or a file of hours per need, checked before anything starts. */
  static TicketSla sla(String file, Taxonomy taxonomy) {
    if (file == null) return TicketSla.defaults(taxonomy);
    try {
      return TicketSla.read(taxonomy, Json.parse(Files.readAllBytes(Path.of(file))));
    } catch (IOException e) {
      throw new UsageException("cannot read the SLA file " + file + ": " + e.getMessage());
    } catch (ValidationException | IllegalArgumentException e) {
      throw new UsageException("SLA file " + file + ": " + e.getMessage());
    }
  }

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

  static void importFile(Commands.ImportCommand c, PrintStream out) {
    EntityType type =
        EntityType.fromPath(c.type)
            .orElseThrow(
                () ->
                    new UsageException(
                        "unknown type '" + c.type + "'; use one of " + EntityType.paths()));
    if (!Files.isReadable(c.file)) throw new UsageException("cannot read " + c.file);
    long total;
    try (Stream<String> lines = Files.lines(c.file)) {
      total = lines.count();
    } catch (IOException e) {
      throw new RuntimeException("cannot read " + c.file + ": " + e.getMessage(), e);
    }
    try (Catalog catalog =
            Catalog.open(
                c.data,
                c.store(System.getenv()),
                QingdaoDataset.taxonomy(),
                Clock.systemUTC(),
                Catalog.IndexAhead.REFUSE);
        Stream<String> lines = Files.lines(c.file)) {
      Progress progress = new Progress(out, "import", total);
      ImportReport r =
          catalog.importLines(type, progress.counting(lines.iterator()), c.atomic, "cli");
      out.printf(
          "%s: %d lines, %d applied (%d created, %d updated), %d rejected%s%n",
          c.file,
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
      throw new RuntimeException("cannot read " + c.file + ": " + e.getMessage(), e);
    }
  }

  static void reindex(Path data, StoreConfig store, PrintStream out) {
    try (Catalog catalog =
        Catalog.open(
            data,
            store,
            QingdaoDataset.taxonomy(),
            Clock.systemUTC(),
            Catalog.IndexAhead.REBUILD)) {
      long t = System.nanoTime();
      Progress progress = new Progress(out, "reindex", catalog.storeCount());
      int n = catalog.reindex(progress::at);
      out.printf("reindexed %d entities in %.1f s%n", n, (System.nanoTime() - t) / 1e9);
    }
  }

  static void recover(Path data, PrintStream out) {
    StoreRecovery.Report r =
        StoreRecovery.fromIndex(data, QingdaoDataset.taxonomy(), Clock.systemUTC());
    out.println("recovered from the index into a new store: " + r.recovered());
    if (r.rejected() > 0) out.println("  " + r.rejected() + " stored documents did not validate");
    out.println(
        "  the old store and index, and the entities as JSON Lines, are kept in " + r.kept());
    out.println(
        "  assignments, feedback, growth files, alerts and the audit history were only in the"
            + " store: restore them from a backup if you have one");
  }

  /** Progress of a long command: a line every two seconds with the rate and what is left. */
  static final class Progress {
    private final PrintStream out;
    private final String what;
    private final long total;
    private final long every;
    private final long start = System.nanoTime();
    private long lastReport = start;
    private long done;

    Progress(PrintStream out, String what, long total) {
      this(out, what, total, PROGRESS_NANOS);
    }

    /** A progress reporting at most once per {@code everyNanos}. */
    Progress(PrintStream out, String what, long total, long everyNanos) {
      this.out = out;
      this.what = what;
      this.total = total;
      this.every = everyNanos;
    }

    /** Records that {@code n} items are done, reporting when two seconds passed. */
    void at(long n) {
      done = n;
      long now = System.nanoTime();
      if (now - lastReport < every) return;
      lastReport = now;
      double perSecond = done / Math.max(1e-9, (now - start) / 1e9);
      long left = Math.max(0, total - done);
      out.printf(
          "%s: %,d of %,d (%,.0f/s, about %.0f s left)%n",
          what, done, total, perSecond, perSecond > 0 ? left / perSecond : 0.0);
    }

    /** {@code lines}, counting each one read. */
    Iterator<String> counting(Iterator<String> lines) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return lines.hasNext();
        }

        @Override
        public String next() {
          String line = lines.next();
          at(done + 1);
          return line;
        }
      };
    }
  }
}
