package cn.qingdao.peipao.core.eligibility;

import java.util.Locale;

/**
 * The three-valued result of a condition: Kleene logic, where {@code and} is the minimum and {@code
 * or} the maximum of {@code UNMET < UNKNOWN < MET}.
 */
public enum Truth {
  UNMET,
  UNKNOWN,
  MET;

  static final int NO = 0;
  static final int MAYBE = 1;
  static final int YES = 2;

  static Truth of(int t) {
    return values()[t];
  }

  /** The lowercase code used in JSON ({@code met}, {@code unmet}, {@code unknown}). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
