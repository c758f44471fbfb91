package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of seeded bad requests against the real server (demo data, admin rights, so that every
 * write path is open): malformed and deeply nested JSON, invalid UTF-8, wrong types, huge numbers,
 * unknown codes, injection strings in fields and query parameters, path traversal in ids, wrong
 * content types and methods. Every answer must be a 4xx problem document, and the store must be
 * exactly as before.
 */
class BadInputFuzzTest {
  static final long SEED = 20261121;
  static final int ROUNDS = 3000;

  static final List<String> NASTY =
      List.of(
          "' OR '1'='1",
          "'; DROP TABLE entity; --",
          "\" OR \"\"=\"",
          "<script>alert(1)</script>",
          "../../../../etc/passwd",
          "..\\..\\windows\\win.ini",
          "%00",
          "\u0000",
          "${jndi:ldap://x/a}",
          "{{7*7}}",
          "*:*",
          "name:* OR id:*",
          "\uD83D\uDE00\uD83D\uDE00",
          "   ",
          "x".repeat(5000),
          "1e999",
          "-1",
          "NaN",
          "null",
          "true");

  static final List<String> TYPES =
      java.util.Arrays.stream(EntityType.values()).map(EntityType::path).toList();

  @TempDir static Path dir;
  static TestServer s;
  static long seqBefore;
  static Map<String, Long> countsBefore;

  @BeforeAll
  static void start() {
    s = TestServer.withDemoData(dir);
    seqBefore = s.catalog.storeSeq();
    countsBefore = counts();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    s.catalog.counts().forEach((t, c) -> out.put(t.path(), c[0]));
    return out;
  }

  record Bad(String method, String path, String contentType, byte[] body) {
    @Override
    public String toString() {
      String b = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return method + " " + path + " " + (b.length() > 300 ? b.substring(0, 300) + "…" : b);
    }
  }

  static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  static <T> T pick(Random r, List<T> list) {
    return list.get(r.nextInt(list.size()));
  }

  static Bad json(String method, String path, String body) {
    return new Bad(method, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  static final String PROJECT =
      "{\"name\":\"项目\",\"sectors\":[\"ai\"],\"stage\":\"seed\",\"location\":{\"district\":\"laoshan\"}}";

  /** A valid project with one field made wrong, and a nasty string somewhere else. */
  static String brokenProject(Random r) {
    ObjectNode o = (ObjectNode) Json.parse(PROJECT);
    String nasty = pick(r, NASTY);
    switch (r.nextInt(12)) {
      case 0 -> o.put("name", 12345);
      case 1 -> o.put("sectors", nasty);
      case 2 -> o.putArray("sectors").add(nasty);
      case 3 -> o.put("stage", nasty);
      case 4 -> o.putObject("location").put("district", nasty);
      case 5 -> o.put("employees", "many");
      case 6 -> o.put("fundingNeed", new java.math.BigDecimal("1e400"));
      case 7 -> o.put("employees", -3);
      case 8 -> o.putArray("needs").add(nasty);
      case 9 -> o.put("status", nasty);
      case 10 -> o.remove("name");
      default -> o.put("id", nasty.isBlank() ? "a/b" : "../" + nasty);
    }
    if (r.nextBoolean()) o.put("description", nasty); // free text: allowed, but never executed
    return Json.write(o);
  }

  static String malformed(Random r) {
    return switch (r.nextInt(10)) {
      case 0 -> "{";
      case 1 -> "{\"name\": }";
      case 2 -> PROJECT + " trailing";
      case 3 -> "[".repeat(5000) + "]".repeat(5000);
      case 4 -> "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
      case 5 -> "12345678901234567890123456789012345678901234567890";
      case 6 -> "\"just a string\"";
      case 7 -> "{\"name\": 1e99999999}";
      case 8 -> "{\"name\": \"unterminated";
      default -> "";
    };
  }

  static byte[] invalidUtf8(Random r) {
    byte[] prefix = "{\"name\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0};
    byte[] out = new byte[prefix.length + 3 + 2];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    for (int i = 0; i < 3; i++) out[prefix.length + i] = bad[r.nextInt(bad.length)];
    out[out.length - 2] = '"';
    out[out.length - 1] = '}';
    return out;
  }

  /**
   * A valid project in an encoding other than UTF-8 (UTF-16 and UTF-32 both ways, a byte-order
   * mark), or with overlong forms or encoded surrogates: accepted, each would store unreadable
   * text.
   */
  static byte[] badEncoding(Random r) {
    String text = PROJECT;
    return switch (r.nextInt(7)) {
      case 0 -> text.getBytes(StandardCharsets.UTF_16LE);
      case 1 -> text.getBytes(StandardCharsets.UTF_16BE);
      case 2 -> text.getBytes(StandardCharsets.UTF_16);
      case 3 -> text.getBytes(java.nio.charset.Charset.forName("UTF-32"));
      case 4 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text);
      case 5 -> withInName(text, new byte[] {(byte) 0xC0, (byte) 0xAF}); // overlong '/'
      default -> withInName(text, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // U+D800
    };
  }

  static byte[] concat(byte[] head, String tail) {
    byte[] t = tail.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + t.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(t, 0, out, head.length, t.length);
    return out;
  }

  static byte[] withInName(String project, byte[] bytes) {
    int at = project.indexOf("\"name\":\"") + 8;
    byte[] head = project.substring(0, at).getBytes(StandardCharsets.UTF_8);
    byte[] tail = project.substring(at).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + bytes.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(bytes, 0, out, head.length, bytes.length);
    System.arraycopy(tail, 0, out, head.length + bytes.length, tail.length);
    return out;
  }

  static Bad generate(Random r) {
    String type = pick(r, TYPES);
    String nasty = pick(r, NASTY);
    // an empty filter value means no filter (a portal's empty select); only non-blank ones are bad
    String code = nasty.isBlank() ? "%20x" : enc(nasty);
    return switch (r.nextInt(20)) {
      case 0 -> json("POST", "/api/v1/projects", brokenProject(r));
      case 1 -> json("POST", "/api/v1/" + type, malformed(r));
      case 2 -> new Bad("POST", "/api/v1/projects", "application/json", invalidUtf8(r));
      case 3 -> json("PUT", "/api/v1/projects/syn-p-00001", brokenProject(r));
      case 4 ->
          new Bad(
              "GET",
              "/api/v1/"
                  + type
                  + "/"
                  + pick(
                      r,
                      List.of(
                          "..%2F..%2Fetc%2Fpasswd",
                          "%2e%2e", "a%00b", "x".repeat(65), enc(nasty), "%E0%A4")),
              null,
              null);
      case 5 ->
          new Bad(
              "GET",
              "/api/v1/"
                  + type
                  + "?"
                  + pick(r, List.of("district", "sector", "stage", "need", "kind"))
                  + "="
                  + code,
              null,
              null);
      case 6 ->
          new Bad(
              "GET",
              "/api/v1/"
                  + type
                  + "?"
                  + pick(
                      r,
                      List.of(
                          "size=-1",
                          "size=100000",
                          "page=0",
                          "page=abc",
                          "size=1e9",
                          "q=" + "长".repeat(201),
                          "bogus=1",
                          "page=99999999999999999999")),
              null,
              null);
      case 7 ->
          new Bad(
              "GET",
              "/api/v1/projects/syn-p-00001/recommendations?"
                  + pick(
                      r,
                      List.of(
                          "target=" + code,
                          "target=mentors&limit=0",
                          "target=mentors&limit=101",
                          "target=mentors&profile=" + code,
                          "target=mentors&district=" + code,
                          "target=mentors&explain=maybe")),
              null,
              null);
      case 8 ->
          json(
              "POST",
              "/api/v1/recommendations",
              pick(
                  r,
                  List.of(
                      "{\"target\":\"" + nasty.replace("\"", "") + "\",\"profile\":{}}",
                      "{\"target\":\"mentors\"}",
                      "{\"target\":\"mentors\",\"profile\":" + brokenProject(r) + "}",
                      "{\"target\":\"mentors\",\"profile\":{},\"limit\":1e20}",
                      malformed(r))));
      case 9 ->
          json(
              "POST",
              "/api/v1/policies/match",
              pick(
                  r,
                  List.of(
                      "{\"profile\":{\"stage\":\""
                          + nasty.replace("\"", "").replace("\\", "")
                          + "x\"}}",
                      "{\"profile\":[]}",
                      "{}",
                      "{\"profile\":{},\"date\":\"2026-13-45\"}",
                      "{\"profile\":{},\"includeIneligible\":\"yes\"}",
                      malformed(r))));
      case 10 ->
          new Bad(
              "GET",
              "/api/v1/policies/"
                  + pick(r, List.of("pol-cdb-personal", enc(nasty)))
                  + "/recommendations?"
                  + pick(
                      r,
                      List.of(
                          "verdict=" + code,
                          "limit=1001",
                          "offset=-1",
                          "date=yesterday",
                          "district=" + code)),
              null,
              null);
      case 11 ->
          json(
              "POST",
              "/api/v1/allocations",
              pick(
                  r,
                  List.of(
                      "{\"projects\":[\""
                          + nasty.replace("\"", "").replace("\\", "")
                          + "\"],\"counterpart\":\"mentors\"}",
                      "{\"projects\":\"syn-p-00001\",\"counterpart\":\"mentors\"}",
                      "{\"filter\":{\"district\":[\""
                          + nasty.replace("\"", "").replace("\\", "")
                          + "x\"]},\"counterpart\":\"parks\"}",
                      "{\"projects\":[\"syn-p-00001\"],\"counterpart\":\"mentors\",\"minScore\":1e400}",
                      malformed(r))));
      case 12 ->
          new Bad(
              "POST",
              "/api/v1/" + type + "/import?atomic=true",
              "application/x-ndjson",
              (brokenProject(r) + "\n" + malformed(r) + "\n").getBytes(StandardCharsets.UTF_8));
      case 13 ->
          new Bad(
              "POST",
              "/api/v1/" + type,
              pick(r, List.of("text/plain", "application/xml", "multipart/form-data")),
              PROJECT.getBytes(StandardCharsets.UTF_8));
      case 14 ->
          new Bad(
              pick(r, List.of("PATCH", "DELETE", "PUT")),
              pick(
                  r,
                  List.of(
                      "/api/v1/" + type,
                      "/api/v1/taxonomy",
                      "/health",
                      "/api/v1/" + type + "/" + enc(nasty) + "x/recommendations")),
              "application/json",
              "{}".getBytes(StandardCharsets.UTF_8));
      case 16 -> new Bad("POST", "/api/v1/projects", "application/json", badEncoding(r));
      case 17 ->
          json(
              "PUT",
              "/api/v1/projects/syn-p-00001",
              PROJECT.replace(
                  "\"name\":\"", "\"name\":\"\\" + pick(r, List.of("ud800", "udfff", "ud83d x"))));
      case 18 ->
          new Bad(
              "GET",
              "/api/v1/"
                  + type
                  + pick(
                      r,
                      List.of(
                          "?q=%C0%AF",
                          "?q=%ED%A0%80",
                          "?district=laoshan&district=shinan",
                          "?size=1&size=2",
                          "?q=%FF%FE")),
              null,
              null);
      case 19 ->
          json(
              pick(r, List.of("PUT", "POST")),
              "/api/v1/" + type + pick(r, List.of("/..", "/.", "/...", "")),
              PROJECT.replace("{", "{\"id\":\"" + pick(r, List.of(".", "..", "....")) + "\","));
      default ->
          new Bad(
              pick(r, List.of("POST", "GET")),
              pick(
                  r,
                  List.of(
                      "/api/v1/allocations/" + enc(nasty) + "x/publish",
                      "/api/v1/assignments/" + enc(nasty) + "x/end",
                      "/api/v1/allocations/alloc-" + enc(nasty),
                      "/api/v1/mentors/" + enc(nasty) + "x/assignments?status=" + code)),
              "application/json",
              "{}".getBytes(StandardCharsets.UTF_8));
    };
  }

  @Test
  void everyBadRequestIsA4xxProblemAndTheStoreIsUnchanged() {
    Random r = new Random(SEED);
    List<String> failures = new ArrayList<>();
    Map<Integer, Integer> byStatus = new TreeMap<>();
    for (int i = 0; i < ROUNDS; i++) {
      Bad bad = generate(r);
      TestServer.Response answer;
      try {
        answer = send(bad);
      } catch (RuntimeException e) {
        if (failures.size() < 10) failures.add("no answer (" + e.getMessage() + ") ← " + bad);
        continue;
      }
      byStatus.merge(answer.status(), 1, Integer::sum);
      String problem = problem(answer);
      if (problem != null && failures.size() < 10)
        failures.add(bad + " → " + (problem.length() > 200 ? problem.substring(0, 200) : problem));
    }
    assertTrue(
        failures.isEmpty(), failures.size() + " bad answers, e.g.\n" + String.join("\n", failures));
    assertTrue(
        byStatus.keySet().stream().allMatch(st -> st >= 400 && st < 500), byStatus.toString());
    assertTrue(byStatus.size() >= 4, "a variety of refusals: " + byStatus);
    assertEquals(seqBefore, s.catalog.storeSeq(), "no write reached the store");
    assertEquals(countsBefore, counts());
    assertArrayEquals(
        new long[] {countsBefore.get("projects"), countsBefore.get("projects")},
        s.catalog.counts().get(EntityType.PROJECTS),
        "the index agrees with the store");
  }

  /**
   * Sends one request. The server closes a connection after some refusals (e.g. a body it did not
   * read); a request the client had already queued on that connection then fails before reaching
   * the server, and is sent once more on a new connection.
   */
  static TestServer.Response send(Bad bad) {
    try {
      return s.send(bad.method(), bad.path(), bad.contentType(), bad.body());
    } catch (java.io.UncheckedIOException e) {
      return s.send(bad.method(), bad.path(), bad.contentType(), bad.body());
    }
  }

  /** Why an answer is not a proper 4xx problem document, or null. */
  static String problem(TestServer.Response a) {
    if (a.status() < 400 || a.status() >= 500) return "status " + a.status() + " " + a.body();
    String ct = a.header("Content-Type");
    if (ct == null || !ct.startsWith("application/problem+json")) return "content type " + ct;
    try {
      JsonNode body = a.json();
      if (body.path("status").asInt() != a.status()) return "status field " + body;
      if (!body.hasNonNull("detail") || !body.hasNonNull("title")) return "no detail " + body;
    } catch (RuntimeException e) {
      return "not JSON: " + a.body();
    }
    return null;
  }
}
