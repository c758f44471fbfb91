package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.core.scoring.ColumnForm;
import cn.qingdao.peipao.core.scoring.Geo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * SQLite FTS5, what a small team would build on the store it has: mentors' columns in a table,
 * their SmartCN tokens pre-segmented in an FTS5 table (each token written as an ASCII word, so
 * FTS5's tokenizer keeps the SmartCN tokens exactly), the hard constraints, filters and the whole
 * formula in one SQL statement per query, text from {@code bm25()} normalised like ours. FTS5's idf
 * is {@code ln((N − n + 0.5)/(n + 0.5))}, not Lucene's {@code ln(1 + …)}: the only part of the
 * formula it cannot express, so its top 10 may differ slightly from ours.
 */
final class SqliteFts5Engine implements PeerEngine {
  private static final double K1 = 1.2;

  private final Connection db;
  private final Map<String, Integer> wordOf = new HashMap<>();
  private final Map<String, Integer> docFreq;
  private final int textDocs;

  SqliteFts5Engine(PeerCorpus corpus) throws SQLException {
    for (String t : new TreeSet<>(corpus.docFreq.keySet())) wordOf.put(t, wordOf.size());
    docFreq = corpus.docFreq;
    textDocs = corpus.textDocs;
    Path file = corpus.dir.resolve("sqlite-fts5.db");
    Path ready = corpus.dir.resolve("sqlite-fts5.ready");
    if (!Files.exists(ready)) {
      try {
        Files.deleteIfExists(file);
        build(file, corpus.mentors);
        Files.writeString(ready, "ok\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    db = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA cache_size = -1000000");
      s.execute("PRAGMA mmap_size = 4000000000");
    }
  }

  private void build(Path file, List<MentorRow> rows) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = OFF");
      s.execute("PRAGMA synchronous = OFF");
      s.execute(
          "CREATE TABLE mentor (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, sectors INTEGER,"
              + " kw INTEGER, stages INTEGER, services INTEGER, capacity INTEGER, scope INTEGER,"
              + " second INTEGER, district INTEGER, lat REAL, lon REAL)");
      s.execute("CREATE VIRTUAL TABLE mtext USING fts5(body, tokenize = 'unicode61')");
      c.setAutoCommit(false);
      try (PreparedStatement m =
              c.prepareStatement("INSERT INTO mentor VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
          PreparedStatement t = c.prepareStatement("INSERT INTO mtext(rowid, body) VALUES (?,?)")) {
        int rowid = 0;
        for (MentorRow r : rows) {
          rowid++;
          m.setInt(1, rowid);
          m.setString(2, r.id());
          m.setLong(3, r.sectors());
          m.setLong(4, r.keywordSectors());
          m.setInt(5, r.stages());
          m.setInt(6, r.services());
          m.setInt(7, r.capacity());
          m.setInt(8, r.scope());
          m.setInt(9, r.secondIncubation() ? 1 : 0);
          m.setInt(10, r.district());
          if (r.hasPoint()) {
            m.setDouble(11, r.lat());
            m.setDouble(12, r.lon());
          } else {
            m.setNull(11, Types.REAL);
            m.setNull(12, Types.REAL);
          }
          m.addBatch();
          if (r.tokens().length > 0) {
            StringBuilder body = new StringBuilder();
            for (String tok : r.tokens()) body.append('w').append(wordOf.get(tok)).append(' ');
            t.setInt(1, rowid);
            t.setString(2, body.toString());
            t.addBatch();
          }
          if (rowid % 10_000 == 0) {
            m.executeBatch();
            t.executeBatch();
          }
        }
        m.executeBatch();
        t.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
      s.execute("INSERT INTO mtext(mtext) VALUES ('optimize')");
      s.execute("ANALYZE");
    }
  }

  @Override
  public String name() {
    return "SQLite FTS5";
  }

  @Override
  public List<String> top(PeerQuery q, int k) throws SQLException {
    if (!q.open()) return List.of();
    List<String> out = new ArrayList<>(k);
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql(q, k))) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  /** The query's statement: every number of the form written into it as a literal. */
  String sql(PeerQuery q, int k) {
    ColumnForm f = q.form();
    StringBuilder match = new StringBuilder();
    double norm = 0;
    for (Map.Entry<String, Integer> e : q.terms().entrySet()) {
      int df = docFreq.getOrDefault(e.getKey(), 0);
      norm += e.getValue() * Math.max(1e-6, Math.log((textDocs - df + 0.5) / (df + 0.5)));
      Integer w = wordOf.get(e.getKey());
      for (int i = 0; w != null && i < e.getValue(); i++) {
        if (!match.isEmpty()) match.append(" OR ");
        match.append('w').append(w);
      }
    }
    norm *= K1 + 1;
    String text =
        match.isEmpty() || norm <= 0 ? "0.0" : "coalesce(min(1.0, -f.b / " + norm + "), 0.0)";
    String where = "m.capacity > 0";
    where +=
        q.district() < 0
            ? " AND m.scope = 0"
            : " AND (m.scope = 0 OR (m.scope & " + (1 << q.district()) + ") != 0)";
    if (q.secondChanceOnly()) where += " AND m.second = 1";
    if (q.sectorFilter() != 0) where += " AND (m.sectors & " + q.sectorFilter() + ") != 0";
    if (q.districtFilter() >= 0) where += " AND m.district = " + q.districtFilter();
    if (!q.required().isEmpty()) {
      StringBuilder all = new StringBuilder();
      for (String w : q.required()) {
        Integer id = wordOf.get(w);
        if (id == null) return "SELECT id FROM mentor WHERE 0";
        if (!all.isEmpty()) all.append(" AND ");
        all.append('w').append(id);
      }
      where += " AND m.rowid IN (SELECT rowid FROM mtext WHERE mtext MATCH '" + all + "')";
    }
    String inner =
        "SELECT m.id AS id, m.stages AS st, m.services AS sv, "
            + sector(f)
            + " AS sec, (1 - exp(-m.capacity / "
            + f.capacitySlots()
            + ")) AS cap, "
            + location(f)
            + " AS loc, "
            + text
            + " AS t FROM mentor m "
            + (match.isEmpty() ? "" : "LEFT JOIN f ON f.r = m.rowid ")
            + "WHERE "
            + where;
    String a = view(f.sectorA(), f.stageA(), f.needsA(), f.capacityA(), f.locationA(), f.textA());
    String b = view(f.sectorB(), f.stageB(), f.needsB(), f.capacityB(), f.locationB(), f.textB());
    String score = f.reciprocal() ? "CASE WHEN a + b = 0 THEN 0 ELSE 2 * a * b / (a + b) END" : "a";
    String with =
        match.isEmpty()
            ? ""
            : "WITH f AS MATERIALIZED (SELECT rowid AS r, bm25(mtext) AS b FROM mtext WHERE mtext MATCH '"
                + match
                + "') ";
    return with
        + "SELECT id FROM (SELECT id, "
        + a
        + " AS a, "
        + b
        + " AS b FROM ("
        + inner
        + ")) ORDER BY "
        + score
        + " DESC, id LIMIT "
        + k;
  }

  private static String view(
      double sector,
      double[] stage,
      double[] needs,
      double capacity,
      double location,
      double text) {
    StringBuilder s = new StringBuilder("(").append(sector).append(" * sec + CASE st");
    for (int m = 0; m < stage.length; m++)
      s.append(" WHEN ").append(m).append(" THEN ").append(stage[m]);
    s.append(" END + ");
    // needs depend only on the services the project needs: one case per subset of them
    int needed = subjectNeeds(needs);
    if (needed == 0) {
      s.append(needs[0]);
    } else {
      s.append("CASE (sv & ").append(needed).append(')');
      for (int sub = needed; ; sub = (sub - 1) & needed) {
        s.append(" WHEN ").append(sub).append(" THEN ").append(needs[sub]);
        if (sub == 0) break;
      }
      s.append(" END");
    }
    return s.append(" + ")
        .append(capacity)
        .append(" * cap + ")
        .append(location)
        .append(" * loc + ")
        .append(text)
        .append(" * t)")
        .toString();
  }

  /** The bits on which a needs table varies: those whose flip changes some entry. */
  private static int subjectNeeds(double[] needs) {
    int bits = 0;
    for (int b = 0; (1 << b) < needs.length; b++) {
      for (int m = 0; m < needs.length; m++) {
        if (needs[m] != needs[m ^ (1 << b)]) {
          bits |= 1 << b;
          break;
        }
      }
    }
    return bits;
  }

  private static String sector(ColumnForm f) {
    StringBuilder base = new StringBuilder();
    if (f.subjectSectors() == 0) {
      base.append(f.neutral());
    } else {
      // SQLite's max() of two or more arguments is the scalar one
      base.append("max(0.0, 0.0");
      double[] v = f.sectorOfBit();
      for (int j = 0; j < v.length; j++) {
        if (v[j] <= 0) continue;
        base.append(", CASE WHEN (m.sectors & ").append(1L << j).append(") != 0 THEN ");
        base.append(v[j]).append(" ELSE 0.0 END");
      }
      base.append(')');
    }
    return "CASE WHEN m.sectors = 0 THEN "
        + f.sectorAgnostic()
        + " WHEN ((m.kw & "
        + f.subjectSectors()
        + ") | ("
        + f.subjectKeywords()
        + " & m.sectors)) != 0 THEN max("
        + base
        + ", "
        + f.keywordMatch()
        + ") ELSE "
        + base
        + " END";
  }

  private static String location(ColumnForm f) {
    if (Double.isNaN(f.lat())) return Double.toString(f.neutral());
    double rad = Math.PI / 180;
    String x = "((m.lon - " + f.lon() + ") * " + rad + " * " + f.cosReference() + ")";
    String y = "((m.lat - " + f.lat() + ") * " + rad + ")";
    return "CASE WHEN m.lat IS NULL THEN "
        + f.neutral()
        + " ELSE exp(-"
        + Geo.EARTH_KM
        + " * sqrt("
        + x
        + " * "
        + x
        + " + "
        + y
        + " * "
        + y
        + ") / "
        + f.distanceScaleKm()
        + ") END";
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
