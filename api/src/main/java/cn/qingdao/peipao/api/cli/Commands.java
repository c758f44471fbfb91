package cn.qingdao.peipao.api.cli;

import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.index.store.StoreConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The commands and options of the command line, as picocli reads them: each option declared once,
 * with its description and default, which is also its {@code --help}. The work is {@link Main}'s.
 */
final class Commands {
  private Commands() {}

  @Command(
      name = "matcher",
      mixinStandardHelpOptions = true,
      versionProvider = Version.class,
      description = "Qingdao 创业陪跑 matchmaking service.",
      subcommands = {
        Serve.class,
        ImportCommand.class,
        Reindex.class,
        Recover.class,
        LearnCommand.class,
        CommandLine.HelpCommand.class
      },
      footer = {
        "",
        "Environment: MATCHER_ADMIN_KEY (the admin key), MATCHER_KEYS_FILE (key file),",
        "MATCHER_CORS_ORIGIN (origins allowed to call from a browser)."
      })
  static final class Root {
    final PrintStream out;

    Root(PrintStream out) {
      this.out = out;
    }
  }

  /** The version this jar was built as (from its manifest; "development" when run from classes). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"matcher " + (v == null ? "development" : v)};
    }
  }

  /** Options every command that opens a data directory shares. */
  static class DataOption {
    @CommandLine.ParentCommand Root root;

    @Option(
        names = "--data",
        paramLabel = "<dir>",
        defaultValue = "data",
        description = "the data directory (store.db and index/); default: ${DEFAULT-VALUE}")
    Path data;

    @Option(
        names = "--store",
        paramLabel = "<jdbc-url>",
        description =
            "a shared PostgreSQL store, jdbc:postgresql://host:port/database (or MATCHER_STORE),"
                + " instead of the data directory's store.db; the index stays in --data. User and"
                + " password from MATCHER_STORE_USER and MATCHER_STORE_PASSWORD (or ~/.pgpass),"
                + " never on the command line")
    String store;

    /** The store these options and {@code env} name; the data directory's SQLite by default. */
    StoreConfig store(java.util.Map<String, String> env) {
      String url = store != null ? store : env.get(STORE_ENV);
      if (url == null || url.isBlank()) return StoreConfig.EMBEDDED;
      if (!url.startsWith("jdbc:postgresql://"))
        throw new UsageException(
            (store != null ? "--store" : STORE_ENV)
                + ": expected jdbc:postgresql://host:port/database"
                + (url.contains("password") ? "" : ", got '" + url + "'"));
      if (url.contains("password="))
        throw new UsageException(
            (store != null ? "--store" : STORE_ENV)
                + ": put the password in MATCHER_STORE_PASSWORD (or ~/.pgpass), not in the URL,"
                + " which shows in process lists and logs");
      return StoreConfig.postgresql(url, env.get(STORE_USER_ENV), env.get(STORE_PASSWORD_ENV));
    }
  }

  static final String STORE_ENV = "MATCHER_STORE";
  static final String STORE_USER_ENV = "MATCHER_STORE_USER";
  static final String STORE_PASSWORD_ENV = "MATCHER_STORE_PASSWORD";

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = "Runs the HTTP service (API, OpenAPI document, health, metrics).")
  static final class Serve extends DataOption implements Runnable {
    @Option(
        names = "--port",
        defaultValue = "7070",
        description = "TCP port; default: ${DEFAULT-VALUE}")
    int port;

    @Option(
        names = "--host",
        defaultValue = "127.0.0.1",
        description = "interface to listen on; default: ${DEFAULT-VALUE} (loopback only)")
    String host;

    @Option(names = "--no-demo", description = "start an empty data directory empty")
    boolean noDemo;

    @Option(
        names = "--profiles",
        paramLabel = "<file.json>",
        description = "scoring profiles to use instead of the shipped ones")
    String profiles;

    @Option(
        names = "--keys",
        paramLabel = "<keys.json>",
        description = "API key file (or MATCHER_KEYS_FILE)")
    String keys;

    @Option(
        names = "--sla",
        paramLabel = "<sla.json>",
        description =
            "hours to first response per need, e.g. {\"finance\": 12}; needs not named keep the"
                + " default (24 for finance and space, 72 for the others)")
    String sla;

    @Option(
        names = "--rate",
        defaultValue = "100",
        description = "requests per second per key or address; default: ${DEFAULT-VALUE}")
    int rate;

    @Option(
        names = "--burst",
        defaultValue = "200",
        description = "requests at once per key or address; default: ${DEFAULT-VALUE}")
    int burst;

    @Option(
        names = "--warm-up",
        paramLabel = "<seconds>",
        defaultValue = "20",
        description =
            "after start, send the service its own hot requests for this long before"
                + " /health/ready says ready (0: none); default: ${DEFAULT-VALUE}")
    int warmUp;

    @Option(
        names = "--cors-origin",
        paramLabel = "<origins>",
        description =
            "comma-separated origins whose pages may call the API (or MATCHER_CORS_ORIGIN);"
                + " default: none")
    String corsOrigin;

    @Override
    public void run() {
      Main.serve(this, root.out);
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = "Bulk upsert of one entity type from JSON Lines, with a report per line.")
  static final class ImportCommand extends DataOption implements Runnable {
    @Parameters(
        index = "0",
        paramLabel = "<type>",
        description = "projects, mentors, parks, investors or policies")
    String type;

    @Parameters(index = "1", paramLabel = "<file.jsonl>", description = "one entity per line")
    Path file;

    @Option(names = "--atomic", description = "all lines or none")
    boolean atomic;

    @Override
    public void run() {
      Main.importFile(this, root.out);
    }
  }

  @Command(
      name = "reindex",
      mixinStandardHelpOptions = true,
      description =
          "Rebuilds the search index from the store (the store is the truth, e.g. after a backup"
              + " was restored on purpose).")
  static final class Reindex extends DataOption implements Runnable {
    @Override
    public void run() {
      Main.reindex(data, store(System.getenv()), root.out);
    }
  }

  @Command(
      name = "recover",
      mixinStandardHelpOptions = true,
      description =
          "Rebuilds a lost or truncated store from the JSON the index keeps; nothing is deleted.")
  static final class Recover extends DataOption implements Runnable {
    @Override
    public void run() {
      if (store(System.getenv()).shared())
        throw new UsageException(
            "recover rebuilds the data directory's store.db; a PostgreSQL store is restored from"
                + " its own backup (pg_dump/pg_restore, see the README), then every node's index"
                + " is rebuilt with 'matcher reindex --store …' before any node starts");
      Main.recover(data, root.out);
    }
  }

  @Command(
      name = "learn",
      mixinStandardHelpOptions = true,
      description =
          "Fits a scoring profile to the recorded feedback and writes it beside the others.")
  static final class LearnCommand extends DataOption implements Runnable {
    @Option(
        names = "--direction",
        required = true,
        description = "e.g. project-mentors (the direction whose profile is learned)")
    String direction;

    @Option(
        names = "--profile",
        defaultValue = ScoringProfiles.DEFAULT,
        description = "the profile to start from; default: ${DEFAULT-VALUE}")
    String profile;

    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "random seed; default: ${DEFAULT-VALUE}")
    long seed;

    @Option(
        names = "--profiles",
        paramLabel = "<file.json>",
        description = "profiles to start from instead of the shipped ones")
    String profiles;

    @Option(
        names = "--out",
        paramLabel = "<file.json>",
        defaultValue = "learned-profiles.json",
        description = "where to write the profiles; default: ${DEFAULT-VALUE}")
    Path out;

    @Override
    public void run() {
      Learn.run(direction, profile, seed, profiles, out, data, store(System.getenv()), root.out);
    }
  }
}
