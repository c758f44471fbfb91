package cn.qingdao.peipao.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static String error(String text) {
    return assertThrows(ValidationException.class, () -> Json.parse(text)).getMessage();
  }

  @Test
  void theBytesAreTheTextInUtf8ForAnyCharacters() {
    Random r = new Random(7);
    int[] ranges = {0x20, 0x7F, 0x4E00, 0x9FFF, 0x1F600, 0x1F64F, 0x00, 0x1F, 0xA0, 0x2FFF};
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = r.nextInt(40); i > 0; i--) {
        int at = 2 * r.nextInt(ranges.length / 2);
        text.appendCodePoint(ranges[at] + r.nextInt(ranges[at + 1] - ranges[at] + 1));
      }
      var value =
          java.util.Map.of(
              "text", text.toString(), "score", r.nextDouble(), "items", List.of(text + "。", 1L));
      String written = Json.write(value);
      assertEquals(
          new String(written.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), written);
      org.junit.jupiter.api.Assertions.assertArrayEquals(
          written.getBytes(StandardCharsets.UTF_8), Json.writeBytes(value), "round " + round);
    }
  }

  @Test
  void strictParsing() {
    assertTrue(error("{\"a\":1,\"a\":2}").contains("duplicate field 'a'"));
    assertTrue(error("{\"a\":1} {}").contains("malformed JSON"));
    assertTrue(error("").contains("the body is empty"));
    assertTrue(error("{\"a\": tru}").contains("line 1, column"));
    assertTrue(error("[".repeat(100) + "]".repeat(100)).contains("malformed JSON"));
    byte[] badUtf8 = {'"', (byte) 0xff, '"'};
    assertTrue(
        assertThrows(ValidationException.class, () -> Json.parse(badUtf8))
            .getMessage()
            .contains("not valid UTF-8"));
    assertTrue(Json.parse("{\"名\":\"海洋\"}".getBytes(StandardCharsets.UTF_8)).has("名"));
  }

  @Test
  void errorsSpeakOfTheDocumentNotOfTheParser() {
    for (String bad :
        new String[] {
          "[".repeat(100) + "]".repeat(100),
          "{\"a\":1} {}",
          "{\"a\":NaN}",
          "{\"a\":1,\"a\":2}",
          "{\"a\": tru}",
          "[1,]"
        }) {
      String m = error(bad);
      assertTrue(
          !m.contains("`") && !m.contains("com.fasterxml") && !m.contains("Feature"),
          bad + ": " + m);
    }
    assertTrue(error("[".repeat(100) + "]".repeat(100)).contains("deeper than 32"));
    assertTrue(error("{\"a\":NaN}").contains("NaN"));
  }

  @Test
  void controlCharactersAndBidiOverridesAreRefusedWithTheirField() {
    for (String bad : new String[] {"\\u0000", "\\u0007", "\\u202e", "\\u2066x"}) {
      ValidationException e =
          assertThrows(ValidationException.class, () -> Json.parse("{\"name\":\"a" + bad + "\"}"));
      assertTrue(e.errors().get(0).field().equals("name"), e.getMessage());
    }
    assertTrue(Json.parse("{\"d\":\"line\\none\\ttab\"}").has("d"));
  }

  /**
   * On seeded random documents (objects and arrays nested up to four deep), an unreadable text or
   * field name planted anywhere is reported at its path (a field name at its object's), the first
   * in document order when a second one follows, and a clean document passes.
   */
  @Test
  void theFirstUnreadableTextIsNamedByItsPathAtAnyDepth() {
    Random r = new Random(31);
    for (int round = 0; round < 400; round++) {
      List<String[]> sites = new ArrayList<>(); // {path, "value" | "name"}, in document order
      ObjectNode doc = JsonNodeFactory.instance.objectNode();
      fill(doc, "", 0, r, sites);
      String clean = doc.toString();
      assertTrue(Json.parse(clean).equals(doc), clean);
      int first = r.nextInt(sites.size());
      int second = first + 1 + r.nextInt(sites.size() - first);
      String bad = plant(clean, sites, first, second);
      ValidationException e = assertThrows(ValidationException.class, () -> Json.parse(bad));
      String[] want = sites.get(first);
      assertTrue(e.errors().get(0).field().equals(want[0]), bad + " → " + e.getMessage());
      assertTrue(e.getMessage().contains(want[1].equals("name") ? "field name" : "contains"), bad);
    }
  }

  /** Adds random members to {@code node} at {@code path}, noting every text and name site. */
  private static void fill(JsonNode node, String path, int depth, Random r, List<String[]> sites) {
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      String key = "k" + sites.size() + "x";
      String at = node.isArray() ? path + "[" + i + "]" : path.isEmpty() ? key : path + "." + key;
      if (node.isObject()) sites.add(new String[] {path, "name", key});
      JsonNode child;
      int kind = depth >= 4 ? 0 : r.nextInt(3);
      if (kind == 0) {
        String text = "t" + sites.size() + "x";
        sites.add(new String[] {at, "value", text});
        child = JsonNodeFactory.instance.textNode(text);
      } else {
        child =
            kind == 1
                ? JsonNodeFactory.instance.objectNode()
                : JsonNodeFactory.instance.arrayNode();
        fill(child, at, depth + 1, r, sites);
      }
      if (node instanceof ObjectNode o) o.set(key, child);
      else ((ArrayNode) node).add(child);
    }
  }

  /**
   * {@code json} with a control character in the text of site {@code first} (and of {@code
   * second}).
   */
  private static String plant(String json, List<String[]> sites, int first, int second) {
    String out = json;
    for (int i : new int[] {first, second}) {
      if (i >= sites.size()) continue;
      String token = sites.get(i)[2];
      out = out.replace("\"" + token + "\"", "\"" + token + "\\u0007\"");
    }
    return out;
  }

  private static String bytesError(byte[] body) {
    return assertThrows(ValidationException.class, () -> Json.parse(body)).getMessage();
  }

  @Test
  void onlyStrictUtf8IsRead() {
    String doc = "{\"name\":\"海洋\"}";
    assertTrue(bytesError(doc.getBytes(StandardCharsets.UTF_16LE)).contains("UTF-8"));
    assertTrue(bytesError(doc.getBytes(StandardCharsets.UTF_16BE)).contains("UTF-8"));
    assertTrue(
        bytesError(doc.getBytes(java.nio.charset.Charset.forName("UTF-32"))).contains("UTF-8"));
    byte[] utf8 = doc.getBytes(StandardCharsets.UTF_8);
    byte[] bom = new byte[utf8.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(utf8, 0, bom, 3, utf8.length);
    assertTrue(bytesError(bom).contains("byte-order mark"));
    byte[] overlong = {'"', (byte) 0xC0, (byte) 0xAF, '"'};
    assertTrue(bytesError(overlong).contains("not valid UTF-8"));
    byte[] surrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
    assertTrue(bytesError(surrogate).contains("not valid UTF-8"));
    for (String lone : new String[] {"\\ud800", "\\udfff", "x\\ud83d y"}) {
      ValidationException e =
          assertThrows(
              ValidationException.class, () -> Json.parse("{\"a\":[{\"b\":\"" + lone + "\"}]}"));
      assertTrue(e.errors().get(0).field().equals("a[0].b"), e.getMessage());
    }
    // a pair written as two escapes is one character, and fine
    assertTrue(
        Json.parse("{\"a\":\"\\ud83d\\ude00\"}").get("a").textValue().codePointCount(0, 2) == 1);
  }
}
