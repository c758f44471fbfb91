package cn.qingdao.peipao.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.ValidationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static String error(String text) {
    return assertThrows(ValidationException.class, () -> Json.parse(text)).getMessage();
  }

  @Test
  void strictParsing() {
    assertTrue(error("{\"a\":1,\"a\":2}").contains("Duplicate field 'a'"));
    assertTrue(error("{\"a\":1} {}").contains("malformed JSON"));
    assertTrue(error("").contains("the body is empty"));
    assertTrue(error("{\"a\": tru}").contains("line 1, column"));
    assertTrue(error("[".repeat(100) + "]".repeat(100)).contains("malformed JSON"));
    byte[] badUtf8 = {'"', (byte) 0xff, '"'};
    assertTrue(
        assertThrows(ValidationException.class, () -> Json.parse(badUtf8))
            .getMessage()
            .contains("malformed JSON"));
    assertTrue(Json.parse("{\"名\":\"海洋\"}".getBytes(StandardCharsets.UTF_8)).has("名"));
  }
}
