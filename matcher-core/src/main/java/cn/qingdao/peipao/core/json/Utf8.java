package cn.qingdao.peipao.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Strict UTF-8 for every JSON document the service reads. Jackson alone would guess UTF-16 or
 * UTF-32 from the first bytes, pass overlong forms, and keep a lone surrogate written as {@code
 * \\ud800}; each would store text that other clients cannot read back. O(length).
 */
final class Utf8 {
  private Utf8() {}

  /**
   * Decodes {@code bytes} as UTF-8, refusing a byte-order mark, NUL bytes (UTF-16/32), overlong
   * forms, encoded surrogates and truncated sequences.
   *
   * @throws ValidationException saying the body must be UTF-8
   */
  static String strict(byte[] bytes) {
    for (byte b : bytes)
      if (b == 0)
        throw ValidationException.of(
            "", "the body contains NUL bytes: send JSON encoded as UTF-8 (not UTF-16 or UTF-32)");
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf)
      throw ValidationException.of(
          "", "the body starts with a byte-order mark: send UTF-8 without it");
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw ValidationException.of(
          "", "the body is not valid UTF-8 (overlong, truncated or surrogate byte sequences)");
    }
  }

  /**
   * @throws ValidationException naming the first field whose name or text holds a lone surrogate, a
   *     control character or a bidirectional override
   */
  static void checkSurrogates(JsonNode node, String path) {
    if (node.isTextual()) {
      if (lone(node.textValue()))
        throw ValidationException.of(
            path, "contains an unpaired surrogate escape (\\\\uD800–\\\\uDFFF)");
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) checkSurrogates(node.get(i), path + "[" + i + "]");
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (lone(e.getKey()))
          throw ValidationException.of(
              path, "has a field name with a control character or an unpaired surrogate");
        checkSurrogates(e.getValue(), at);
      }
    }
  }

  /**
   * Characters no text of the contract carries: C0 controls but tab, line feed and carriage return
   * (a NUL ends strings elsewhere), and the bidirectional overrides that make a name display as
   * something else.
   */
  private static boolean forbidden(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }

  private static boolean lone(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (forbidden(c)) return true;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
        else return true;
      } else if (Character.isLowSurrogate(c)) return true;
    }
    return false;
  }
}
