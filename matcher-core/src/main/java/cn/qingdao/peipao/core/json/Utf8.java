package cn.qingdao.peipao.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Strict UTF-8 for every JSON document the service reads. Jackson alone would guess UTF-16 or
 * UTF-32 from the first bytes, pass overlong forms, and keep a lone surrogate written as {@code
 * \\ud800}; each would store text that other clients cannot read back. O(length).
 */
final class Utf8 {
  private Utf8() {}

  private static final String HAS_NUL =
      "the body contains NUL bytes: send JSON encoded as UTF-8 (not UTF-16 or UTF-32)";

  /**
   * Decodes {@code bytes} as UTF-8, refusing a byte-order mark, NUL bytes (UTF-16/32), overlong
   * forms, encoded surrogates and truncated sequences.
   *
   * @throws ValidationException saying the body must be UTF-8
   */
  static String strict(byte[] bytes) {
    try {
      return strict(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      // UTF-16 with a byte-order mark is not UTF-8 either; the NUL bytes say more about why
      for (byte b : bytes) if (b == 0) throw ValidationException.of("", HAS_NUL);
      throw ValidationException.of(
          "", "the body is not valid UTF-8 (overlong, truncated or surrogate byte sequences)");
    }
  }

  /**
   * {@code text} itself when it has neither a byte-order mark nor a NUL (what UTF-16 and UTF-32
   * decoded as UTF-8 look like).
   *
   * @throws ValidationException saying the body must be UTF-8
   */
  static String strict(String text) {
    if (text.indexOf('\0') >= 0) throw ValidationException.of("", HAS_NUL);
    if (text.startsWith("\uFEFF"))
      throw ValidationException.of(
          "", "the body starts with a byte-order mark: send UTF-8 without it");
    return text;
  }

  /**
   * @throws ValidationException naming the first field whose name or text holds a lone surrogate, a
   *     control character or a bidirectional override
   */
  static void checkText(JsonNode node, String path) {
    Problem p = find(node);
    if (p == null) return;
    String at = path;
    for (int i = p.steps().size() - 1; i >= 0; i--) {
      Object step = p.steps().get(i);
      at =
          step instanceof Integer index
              ? at + "[" + index + "]"
              : at.isEmpty() ? (String) step : at + "." + step;
    }
    throw ValidationException.of(
        at,
        p.inName()
            ? "has a field name with a control character or an unpaired surrogate"
            : "contains a control character, a bidirectional override or an unpaired surrogate"
                + " escape (\\\\uD800–\\\\uDFFF)");
  }

  /**
   * Where the first unreadable text is: the steps from it up to the node searched (array indexes
   * and field names, innermost first) and whether it is a field name (then the steps lead to the
   * object holding it).
   */
  private record Problem(List<Object> steps, boolean inName) {}

  /**
   * The first unreadable text under {@code node}, or null; the path is only built for a problem,
   * since every document read passes here. O(size).
   */
  private static Problem find(JsonNode node) {
    if (node.isTextual()) {
      return unreadable(node.textValue()) ? new Problem(new ArrayList<>(), false) : null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Problem p = find(node.get(i));
        if (p != null) {
          p.steps().add(i);
          return p;
        }
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (unreadable(e.getKey())) return new Problem(new ArrayList<>(), true);
        Problem p = find(e.getValue());
        if (p != null) {
          p.steps().add(e.getKey());
          return p;
        }
      }
    }
    return null;
  }

  /**
   * Characters no text of the contract carries: C0 controls but tab, line feed and carriage return
   * (a NUL ends strings elsewhere), and the bidirectional overrides that make a name display as
   * something else.
   */
  private static boolean forbidden(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Texts.isBidiControl(c);
  }

  /** Whether {@code s} holds a {@linkplain #forbidden forbidden} character or a lone surrogate. */
  private static boolean unreadable(String s) {
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
