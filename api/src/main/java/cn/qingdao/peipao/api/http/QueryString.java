package cn.qingdao.peipao.api.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks a raw query string before any parameter is read. The container decodes {@code %zz} or a
 * broken UTF-8 escape by dropping the parameter, which would silently widen a filtered search into
 * an unfiltered one; and it merges {@code district=a&district=b} where one would expect the
 * documented form {@code district=a,b}. Both are answered with a 400 naming the parameter.
 * O(length).
 */
public final class QueryString {
  private QueryString() {}

  /**
   * @throws ApiException 400 naming the first parameter with a bad escape, bad UTF-8 or given twice
   */
  public static void check(String raw) {
    if (raw == null || raw.isEmpty()) return;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x21 || c > 0x7e)
        throw ApiException.badField(
            "query",
            "has a raw character at position "
                + (i + 1)
                + "; percent-encode everything outside printable ASCII (UTF-8)");
    }
    Set<String> seen = new HashSet<>();
    for (String part : raw.split("&", -1)) {
      if (part.isEmpty()) continue;
      int eq = part.indexOf('=');
      String rawName = eq < 0 ? part : part.substring(0, eq);
      String name = decode(rawName, Requests.clip(rawName));
      if (eq >= 0) decode(part.substring(eq + 1), name);
      if (!seen.add(name))
        throw ApiException.badField(
            name,
            "is given more than once; give it once, with alternatives separated by commas (e.g."
                + " district=laoshan,shinan)");
    }
  }

  /** Percent-decodes strictly: every escape two hex digits, the bytes valid UTF-8. */
  private static String decode(String s, String field) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0)
          throw ApiException.badField(
              field,
              "has a malformed %-escape at character "
                  + (i + 1)
                  + "; encode '%' as %25 and every escape as two hex digits");
        bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badField(field, "is not valid UTF-8 once %-decoded");
    }
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
