package cn.qingdao.peipao.benchmarks.peers;

import java.util.Arrays;
import java.util.List;

/** One engine's measured pass over a query set: latencies, the engine's own times, answers. */
record Timing(String engine, long[] nanos, double[] tookMillis, List<List<String>> answers) {

  double p50Millis() {
    return percentile(nanos, 0.50) / 1e6;
  }

  double p99Millis() {
    return percentile(nanos, 0.99) / 1e6;
  }

  double meanMillis() {
    return Arrays.stream(nanos).average().orElse(Double.NaN) / 1e6;
  }

  /** The median of the engine's own time (NaN when it reports none). */
  double tookP50Millis() {
    double[] t = Arrays.stream(tookMillis).filter(v -> !Double.isNaN(v)).sorted().toArray();
    return t.length == 0 ? Double.NaN : t[(int) Math.ceil(0.5 * t.length) - 1];
  }

  /** This timing restricted to the first {@code n} queries of every pass. */
  Timing prefix(int n) {
    int queries = answers.size();
    int passes = nanos.length / queries;
    long[] out = new long[n * passes];
    double[] t = new double[n * passes];
    for (int p = 0; p < passes; p++) {
      System.arraycopy(nanos, p * queries, out, p * n, n);
      System.arraycopy(tookMillis, p * queries, t, p * n, n);
    }
    return new Timing(engine, out, t, answers.subList(0, n));
  }

  static double percentile(long[] values, double p) {
    long[] s = values.clone();
    Arrays.sort(s);
    return s.length == 0 ? Double.NaN : s[Math.max(0, (int) Math.ceil(p * s.length) - 1)];
  }

  /**
   * Mean over queries of |this ∩ reference| / |reference| (1 where both are empty), against {@code
   * reference}'s answers to the same queries.
   */
  double overlapWith(List<List<String>> reference) {
    double sum = 0;
    for (int i = 0; i < answers.size(); i++) {
      List<String> ref = reference.get(i);
      List<String> mine = answers.get(i);
      if (ref.isEmpty()) {
        sum += mine.isEmpty() ? 1 : 0;
        continue;
      }
      sum += (double) mine.stream().filter(ref::contains).count() / ref.size();
    }
    return sum / answers.size();
  }
}
