package cn.qingdao.peipao.index.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qingdao.peipao.index.testing.TestStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two dialects' migration scripts build the same schema: every table with the same columns in
 * SQLite and PostgreSQL (a column added to one set of scripts and not the other fails here). Runs
 * in the PostgreSQL tier, which has both.
 */
class MigrationsTest {
  @TempDir Path dir;

  @Test
  void bothDialectsHaveTheSameVersionsTablesAndColumns() throws SQLException {
    assumeTrue(
        TestStores.POSTGRESQL, "needs the PostgreSQL tier (-Dmatcher.test.store=postgresql)");
    try (Database sqlite = Database.open(dir.resolve("store.db"));
        Database pg = TestStores.database(dir.resolve("pg"))) {
      assertEquals(Dialect.SQLITE, sqlite.dialect());
      assertEquals(Dialect.POSTGRESQL, pg.dialect());
      Map<String, TreeSet<String>> a = columns(sqlite, null);
      Map<String, TreeSet<String>> b = columns(pg, "public");
      assertEquals(a, b);
      // 18 tables of the scripts and the migrator's own: nothing was compared empty
      assertEquals(19, a.size(), "tables: " + a.keySet());
    }
  }

  @Test
  void theTierRunsOnTheStoreItNames() {
    try (Database db = TestStores.database(dir)) {
      assertEquals(TestStores.POSTGRESQL ? Dialect.POSTGRESQL : Dialect.SQLITE, db.dialect());
    }
  }

  /**
   * The test server runs with {@code synchronous_commit=off} (commits acknowledged before their WAL
   * is written); the store's own sessions must not.
   */
  @Test
  void everyStoreSessionCommitsDurablyWhateverTheServerDefault() throws SQLException {
    assumeTrue(TestStores.POSTGRESQL, "needs the PostgreSQL tier");
    try (Database db = TestStores.database(dir);
        Connection c = db.connection()) {
      try (ResultSet rs = c.createStatement().executeQuery("SHOW synchronous_commit")) {
        rs.next();
        assertEquals("on", rs.getString(1));
      }
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT reset_val FROM pg_settings WHERE name = 'synchronous_commit'")) {
        rs.next();
        assertEquals("off", rs.getString(1), "the test server is meant to run with it off");
      }
    }
  }

  private static Map<String, TreeSet<String>> columns(Database db, String schema)
      throws SQLException {
    Map<String, TreeSet<String>> out = new TreeMap<>();
    try (Connection c = db.connection();
        ResultSet rs = c.getMetaData().getColumns(null, schema, "%", "%")) {
      while (rs.next()) {
        String table = rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
        if (table.startsWith("sqlite_")) continue;
        out.computeIfAbsent(table, t -> new TreeSet<>())
            .add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }
}
