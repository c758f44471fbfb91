package cn.qingdao.peipao.core.json;

/** Text helpers for error messages. */
public final class Texts {
  private static final int CLIP = 60;

  private Texts() {}

  /** The value shortened for an error message, so that a huge input is not echoed back whole. */
  public static String clip(String s) {
    return s.length() <= CLIP ? s : s.substring(0, CLIP) + "…";
  }
}
