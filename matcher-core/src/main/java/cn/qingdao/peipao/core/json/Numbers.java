package cn.qingdao.peipao.core.json;

/** How numbers are shown in answers: one rounding rule for scores and one for times. */
public final class Numbers {
  private Numbers() {}

  /** A score, weight or rate rounded to 4 decimals (what every answer shows). */
  public static double round4(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  /** Milliseconds since {@code startNanos} ({@link System#nanoTime()}), to 2 decimals. */
  public static double tookMs(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e4) / 100.0;
  }
}
