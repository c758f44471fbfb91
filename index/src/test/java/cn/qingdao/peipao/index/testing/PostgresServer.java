package cn.qingdao.peipao.index.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests, from Debian's {@code postgresql} package (no Docker,
 * nothing downloaded): {@code initdb} into a temporary directory and {@code pg_ctl start} on a free
 * loopback port, once per JVM, stopped at exit. PostgreSQL refuses to run as root, so as root (CI)
 * it runs as {@code nobody} through {@code setpriv}. {@code fsync=off} (the tests crash the server
 * process, never the machine) and {@code synchronous_commit=off}, the setting that loses
 * acknowledged commits in a crash: the store must turn it back on for its own sessions, and the
 * fault tests would see the loss if it did not. Binaries: {@code MATCHER_PG_BIN}, else the newest
 * {@code /usr/lib/postgresql/<n>/bin}.
 */
public final class PostgresServer {
  private static PostgresServer shared;

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean root;
  private final boolean durable;

  private PostgresServer(Path bin, Path dir, int port, boolean root, boolean durable) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.root = root;
    this.durable = durable;
  }

  /** The JVM's server, started on first use. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stopQuietly, "postgres-stop"));
    }
    return shared;
  }

  /** Starts a fresh test server (initdb + start, durability off); the caller stops it. */
  public static PostgresServer start() {
    return start(false);
  }

  /**
   * Starts a fresh server; {@code durable} keeps PostgreSQL's defaults (fsync, synchronous commit,
   * full-page writes), as benchmarks against SQLite's {@code synchronous=FULL} need.
   */
  public static PostgresServer start(boolean durable) {
    try {
      Path bin = binaries();
      Path dir = Files.createTempDirectory("matcher-pg");
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) run(List.of("chown", "-R", "nobody:nogroup", dir.toString()), false);
      PostgresServer s = new PostgresServer(bin, dir, freePort(), root, durable);
      s.exec(
          "initdb",
          "-D",
          s.data().toString(),
          "-U",
          "postgres",
          "-A",
          "trust",
          "-E",
          "UTF8",
          "--locale=C",
          "--no-sync");
      s.startServer();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path data() {
    return dir.resolve("data");
  }

  /** Starts (or restarts) the server on its port; returns when it accepts connections. */
  public void startServer() {
    exec(
        "pg_ctl",
        "-D",
        data().toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p "
            + port
            + " -k "
            + dir
            + " -c listen_addresses=127.0.0.1 -c max_connections=400"
            + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"),
        "start");
  }

  /** Stops the server at once (in-flight transactions are lost, as in a crash of the server). */
  public void stopServer() {
    exec("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "stop");
  }

  public int port() {
    return port;
  }

  /** A JDBC URL of {@code database} on this server. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates {@code database} unless it exists; returns its URL. */
  public synchronized String database(String database) {
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", null)) {
      try (PreparedStatement q =
          c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        q.setString(1, database);
        try (ResultSet rs = q.executeQuery()) {
          if (!rs.next()) {
            try (Statement st = c.createStatement()) {
              st.execute("CREATE DATABASE \"" + database + "\"");
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database + ": " + e, e);
    }
    return url(database);
  }

  /** Drops {@code database}, ending its sessions. */
  public synchronized void drop(String database) {
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", null);
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop database " + database + ": " + e, e);
    }
  }

  /** Stops the server and deletes its files. */
  public void stopQuietly() {
    try {
      stopServer();
    } catch (RuntimeException e) {
      // already stopped
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory
    }
  }

  private void exec(String tool, String... args) {
    List<String> cmd = new ArrayList<>();
    if (root) cmd.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
    cmd.add(bin.resolve(tool).toString());
    cmd.addAll(List.of(args));
    run(cmd, true);
  }

  private static void run(List<String> cmd, boolean quietOutput) {
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0)
        throw new IllegalStateException(
            "PostgreSQL test server: " + String.join(" ", cmd) + " failed:\n" + out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path binaries() throws IOException {
    String env = System.getenv("MATCHER_PG_BIN");
    if (env != null) return Path.of(env);
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        var found =
            versions
                .map(v -> v.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")))
                .max(
                    Comparator.comparingInt(
                        b -> Integer.parseInt(b.getParent().getFileName().toString())));
        if (found.isPresent()) return found.get();
      }
    }
    throw new IllegalStateException(
        "the PostgreSQL test tier needs PostgreSQL's server binaries: install Debian's"
            + " 'postgresql' package (.ci/run does) or set MATCHER_PG_BIN to a bin directory with"
            + " initdb and pg_ctl");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
