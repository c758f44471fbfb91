package cn.qingdao.peipao.api;

/**
 * What one request, one connection and one key may use; validated when built, each problem naming
 * its key.
 *
 * @param maxBodyBytes largest JSON body accepted (413 above); default 1 MiB
 * @param maxImportBytes largest JSON Lines import body accepted (413 above); default 32 MiB
 * @param maxLineBytes longest line of a JSON Lines import (400 naming the line); default 256 KiB
 * @param maxPageSize largest {@code size} of a search page; default 100
 * @param maxQueryChars longest {@code q} accepted; default 200
 * @param idleTimeoutMillis a connection silent this long while a request is read or written is
 *     closed; default 30 s
 * @param minRequestBytesPerSecond a client sending its body slower than this is cut off (slow
 *     uploads hold a thread); default 0, off (see {@link #defaults()})
 * @param requestsPerSecond sustained requests per key (per address without a key); default 100
 * @param burst requests a key may send at once above the sustained rate; default 200
 */
public record Limits(
    long maxBodyBytes,
    long maxImportBytes,
    int maxLineBytes,
    int maxPageSize,
    int maxQueryChars,
    long idleTimeoutMillis,
    long minRequestBytesPerSecond,
    double requestsPerSecond,
    int burst) {
  public Limits {
    require(maxBodyBytes >= 1024, "maxBodyBytes", "must be at least 1024");
    require(maxImportBytes >= maxBodyBytes, "maxImportBytes", "must be at least maxBodyBytes");
    require(maxLineBytes >= 1024, "maxLineBytes", "must be at least 1024");
    require(maxPageSize >= 1 && maxPageSize <= 1000, "maxPageSize", "must be between 1 and 1000");
    require(maxQueryChars >= 1, "maxQueryChars", "must be at least 1");
    require(idleTimeoutMillis >= 1000, "idleTimeoutMillis", "must be at least 1000");
    require(minRequestBytesPerSecond >= 0, "minRequestBytesPerSecond", "must be >= 0 (0 = off)");
    require(requestsPerSecond > 0, "requestsPerSecond", "must be > 0");
    require(burst >= 1, "burst", "must be at least 1");
  }

  public static Limits defaults() {
    // no minimum data rate by default: Jetty measures it from the request's start, so on a busy
    // machine a two-byte body read 50 ms late already falls below any rate (seen as 400s under
    // the test suite's own load); a stalled client is cut off by the idle timeout instead
    return new Limits(1 << 20, 32L << 20, 256 << 10, 100, 200, 30_000, 0, 100, 200);
  }

  public Limits withBodies(long body, long imports) {
    return new Limits(
        body,
        imports,
        maxLineBytes,
        maxPageSize,
        maxQueryChars,
        idleTimeoutMillis,
        minRequestBytesPerSecond,
        requestsPerSecond,
        burst);
  }

  public Limits withRate(double perSecond, int burst) {
    return new Limits(
        maxBodyBytes,
        maxImportBytes,
        maxLineBytes,
        maxPageSize,
        maxQueryChars,
        idleTimeoutMillis,
        minRequestBytesPerSecond,
        perSecond,
        burst);
  }

  static void require(boolean ok, String key, String message) {
    if (!ok) throw new IllegalArgumentException("configuration '" + key + "' " + message);
  }
}
