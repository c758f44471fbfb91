package cn.qingdao.peipao.core.json;

/** Text helpers for error messages. */
public final class Texts {
  private static final int CLIP = 60;

  private Texts() {}

  /** A bidirectional embedding, override or isolate: makes text display as something else. */
  static boolean isBidiControl(char c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }

  /**
   * The value shortened for an error message, so that a huge input is not echoed back whole, with
   * control characters shown as {@code \\uXXXX} rather than echoed raw.
   */
  public static String clip(String s) {
    String cut = s.length() <= CLIP ? s : s.substring(0, CLIP) + "…";
    StringBuilder out = new StringBuilder(cut.length());
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      if (Character.isISOControl(c) || isBidiControl(c))
        out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.toString();
  }
}
