package cn.qingdao.peipao.index.testing;

import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.store.Database;
import cn.qingdao.peipao.index.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * The store the tests run on: the data directory's SQLite file by default, PostgreSQL when the
 * build runs the suite with {@code -Dmatcher.test.store=postgresql} (the {@code postgresql}
 * execution of Surefire does). Each data directory gets its own database, named from its path, so
 * that reopening a directory reopens its store as it does with SQLite.
 */
public final class TestStores {
  /** Whether this run's tests use PostgreSQL. */
  public static final boolean POSTGRESQL =
      "postgresql".equals(System.getProperty("matcher.test.store"));

  private TestStores() {}

  /** The store of data directory {@code dataDir} in this run. */
  public static StoreConfig forDir(Path dataDir) {
    if (!POSTGRESQL) return StoreConfig.EMBEDDED;
    return StoreConfig.postgresql(
        PostgresServer.shared().database(databaseName(dataDir)), "postgres", null);
  }

  /** A name for the database of {@code dataDir}: stable per path, unique across paths. */
  public static String databaseName(Path dataDir) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      return "t_" + HexFormat.of().formatHex(h, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A raw store (no index) for {@code dataDir}: its {@code store.db} or its database. */
  public static Database database(Path dataDir) {
    if (POSTGRESQL) return Database.open(forDir(dataDir));
    try {
      java.nio.file.Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Database.open(dataDir.resolve("store.db"));
  }

  /**
   * Imports the shipped demo data of every type into {@code catalog}, each type atomically; fails
   * naming the type when one does not import.
   */
  public static void importDemo(Catalog catalog) {
    Taxonomy taxonomy = catalog.reader().taxonomy();
    for (cn.qingdao.peipao.core.model.EntityType t :
        cn.qingdao.peipao.core.model.EntityType.values()) {
      var lines =
          cn.qingdao.peipao.datasets.QingdaoDataset.demo(t, taxonomy).stream()
              .map(cn.qingdao.peipao.core.json.Json::write)
              .iterator();
      if (!catalog.importLines(t, lines, true, "test").committed())
        throw new IllegalStateException("the demo data of " + t.path() + " did not import");
    }
  }

  public static Catalog open(Path dataDir, Taxonomy taxonomy) {
    return open(dataDir, taxonomy, Clock.systemUTC());
  }

  public static Catalog open(Path dataDir, Taxonomy taxonomy, Clock clock) {
    return open(dataDir, taxonomy, clock, Catalog.IndexAhead.REFUSE);
  }

  public static Catalog open(
      Path dataDir, Taxonomy taxonomy, Clock clock, Catalog.IndexAhead ahead) {
    return Catalog.open(dataDir, forDir(dataDir), taxonomy, clock, ahead);
  }
}
