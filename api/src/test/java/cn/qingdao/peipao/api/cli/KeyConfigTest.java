package cn.qingdao.peipao.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.Principal;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin key: generated and printed once per data directory, or taken from the environment. */
@Tag("sqlite-only") // SQLite files and the CLI on the embedded store; once
class KeyConfigTest {
  static final Pattern PRINTED = Pattern.compile("(?m)^admin key: (\\S+)$");

  @TempDir Path dir;

  private static String run(Catalog catalog, Map<String, String> env, ApiKeys[] out) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    out[0] =
        KeyConfig.resolve(null, env, catalog, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theFirstStartPrintsAGeneratedKeyOnceAndKeepsOnlyItsDigest() throws Exception {
    ApiKeys[] keys = new ApiKeys[1];
    String key;
    try (Catalog catalog = Catalog.open(dir.resolve("data"), QingdaoDataset.taxonomy())) {
      String printed = run(catalog, Map.of(), keys);
      Matcher m = PRINTED.matcher(printed);
      assertTrue(m.find(), printed);
      key = m.group(1);
      assertTrue(key.length() >= 40, key);
      assertEquals(Principal.Role.ADMIN, keys[0].principal(key).orElseThrow().role());
    }
    try (Catalog catalog = Catalog.open(dir.resolve("data"), QingdaoDataset.taxonomy())) {
      String again = run(catalog, Map.of(), keys);
      assertFalse(again.contains("admin key"), again);
      assertTrue(keys[0].principal(key).isPresent(), "the same key still works after a restart");
      // the environment's key is used instead
      String env = run(catalog, Map.of("MATCHER_ADMIN_KEY", "chosen-by-the-operator-1234"), keys);
      assertFalse(env.contains("admin key"));
      assertTrue(keys[0].principal("chosen-by-the-operator-1234").isPresent());
      assertTrue(keys[0].principal(key).isEmpty());
      assertThrows(
          UsageException.class, () -> run(catalog, Map.of("MATCHER_ADMIN_KEY", "short"), keys));
    }
    // the key itself is nowhere in the data directory
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(content.contains(key), f + " holds the key");
      }
    }
  }

  @Test
  void aKeyFileMayNotReuseTheAdminKeyOrBindAKeyToAnEntityThatIsNotStored() throws Exception {
    String admin = "the-operators-admin-key-0123";
    try (Catalog catalog = Catalog.open(dir.resolve("keys"), QingdaoDataset.taxonomy())) {
      java.nio.file.Path reuse = dir.resolve("reuse.json");
      java.nio.file.Files.writeString(
          reuse, "[{\"name\":\"portal\",\"role\":\"portal\",\"key\":\"" + admin + "\"}]");
      UsageException e =
          assertThrows(
              UsageException.class,
              () ->
                  KeyConfig.resolve(
                      reuse.toString(),
                      Map.of("MATCHER_ADMIN_KEY", admin),
                      catalog,
                      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
      assertTrue(e.getMessage().contains("MATCHER_ADMIN_KEY"), e.getMessage());
      java.nio.file.Path unknown = dir.resolve("unknown.json");
      java.nio.file.Files.writeString(
          unknown,
          "[{\"name\":\"m\",\"role\":\"mentor\",\"entity\":\"m-none\",\"key\":\"0123456789abcdefXYZ\"}]");
      UsageException missing =
          assertThrows(
              UsageException.class,
              () ->
                  KeyConfig.resolve(
                      unknown.toString(),
                      Map.of(),
                      catalog,
                      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
      assertTrue(missing.getMessage().contains("[0].entity"), missing.getMessage());
    }
  }
}
