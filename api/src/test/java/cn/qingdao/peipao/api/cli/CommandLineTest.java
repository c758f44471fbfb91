package cn.qingdao.peipao.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.DataDirectoryException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: help per command, version, errors that say what to do. */
@Tag("sqlite-only") // SQLite files and the CLI on the embedded store; once
class CommandLineTest {
  @TempDir Path dir;

  static String run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Main.run(List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyCommandDescribesItsOptions() {
    String top = run("--help");
    for (String command : List.of("serve", "import", "reindex", "recover", "learn"))
      assertTrue(top.contains(command), top);
    assertTrue(top.contains("MATCHER_ADMIN_KEY") && top.contains("MATCHER_CORS_ORIGIN"), top);
    String serve = run("serve", "--help");
    for (String option :
        List.of(
            "--port",
            "--host",
            "--data",
            "--no-demo",
            "--warm-up",
            "--keys",
            "--rate",
            "--burst",
            "--cors-origin")) assertTrue(serve.contains(option), option + " in " + serve);
    assertTrue(run("import", "--help").contains("--atomic"));
    assertTrue(run("learn", "--help").contains("--direction"));
    assertTrue(run("--version").startsWith("matcher "));
  }

  @Test
  void mistakesNameTheOption() {
    UsageException unknown = assertThrows(UsageException.class, () -> run("serve", "--bogus"));
    assertTrue(unknown.getMessage().contains("--bogus"), unknown.getMessage());
    UsageException missing = assertThrows(UsageException.class, () -> run("learn"));
    assertTrue(missing.getMessage().contains("--direction"), missing.getMessage());
    assertThrows(UsageException.class, () -> run());
    UsageException port = assertThrows(UsageException.class, () -> run("serve", "--port", "x"));
    assertTrue(port.getMessage().contains("--port"), port.getMessage());
  }

  @Test
  void aBadSlaFileNamesTheKeyBeforeAnythingStarts(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    for (String[] c :
        new String[][] {
          {"{\"finance\": 0}", "sla.finance: must be between 1 hour and 30 days"},
          {"{\"money\": 12}", "sla.money: unknown need"},
          {"{\"finance\": \"soon\"}", "sla.finance: must be a number of hours"},
          {"[24]", "sla: must be a JSON object"}
        }) {
      Path file = dir.resolve("sla.json");
      java.nio.file.Files.writeString(file, c[0]);
      UsageException e =
          assertThrows(
              UsageException.class,
              () ->
                  run(
                      "serve",
                      "--port",
                      "0",
                      "--sla",
                      file.toString(),
                      "--data",
                      dir.resolve("data").toString()));
      assertTrue(e.getMessage().contains(c[1]), c[0] + " → " + e.getMessage());
      assertTrue(!java.nio.file.Files.exists(dir.resolve("data/store.db")), "nothing opened");
    }
  }

  @Test
  void aDataDirectoryHeldByARunningServerIsNamedAsSuch() throws Exception {
    Path data = dir.resolve("data");
    Path file = dir.resolve("p.jsonl");
    Files.writeString(
        file,
        "{\"id\":\"x-1\",\"name\":\"项目\",\"sectors\":[\"ai\"],\"stage\":\"seed\","
            + "\"location\":{\"district\":\"laoshan\"}}\n");
    try (Catalog running = Catalog.open(data, QingdaoDataset.taxonomy())) {
      DataDirectoryException e =
          assertThrows(
              DataDirectoryException.class,
              () -> run("import", "projects", file.toString(), "--data", data.toString()));
      assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
    }
    assertTrue(
        run("import", "projects", file.toString(), "--data", data.toString())
            .contains("1 applied"));
  }

  @Test
  void progressReportsTheRateAndWhatIsLeft() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Main.Progress p =
        new Main.Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "import", 4000, 0);
    p.at(1000);
    String line = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(line.startsWith("import: 1,000 of 4,000 ("), line);
    assertTrue(line.contains("/s, about ") && line.contains(" s left)"), line);
    assertEquals(1, line.lines().count());
  }
}
