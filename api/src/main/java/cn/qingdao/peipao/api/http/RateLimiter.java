package cn.qingdao.peipao.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per caller: {@code burst} requests at once, refilled at {@code perSecond}. Callers
 * are API keys (or addresses without a key); the least recently seen are forgotten beyond {@link
 * #MAX_CALLERS}, which only ever gives a forgotten caller a full bucket. O(1) per request.
 */
public final class RateLimiter {
  /** Callers remembered at once. */
  public static final int MAX_CALLERS = 100_000;

  private final double perSecond;
  private final int burst;
  private final Map<String, double[]> buckets =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
          return size() > MAX_CALLERS;
        }
      };

  public RateLimiter(double perSecond, int burst) {
    if (!(perSecond > 0) || burst < 1)
      throw new IllegalArgumentException("perSecond must be > 0 and burst >= 1");
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /**
   * Takes one token for {@code caller} at {@code nanos} (a monotonic clock); returns 0 when the
   * request may go ahead, else the whole seconds until a token is back (at least 1).
   */
  public synchronized long acquire(String caller, long nanos) {
    double[] b = buckets.computeIfAbsent(caller, k -> new double[] {burst, nanos});
    double tokens = Math.min(burst, b[0] + (nanos - b[1]) / 1e9 * perSecond);
    b[1] = nanos;
    if (tokens >= 1) {
      b[0] = tokens - 1;
      return 0;
    }
    b[0] = tokens;
    return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
  }

  /**
   * Whether {@code caller} has no token left at {@code nanos}, without taking one: for refusing a
   * caller that used up its failures before trying again. O(1).
   */
  public synchronized boolean exhausted(String caller, long nanos) {
    double[] b = buckets.get(caller);
    if (b == null) return false;
    return Math.min(burst, b[0] + (nanos - b[1]) / 1e9 * perSecond) < 1;
  }

  public double perSecond() {
    return perSecond;
  }
}
