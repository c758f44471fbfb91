package cn.qingdao.peipao.api;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The typed, validated configuration of the HTTP service.
 *
 * @param host interface to listen on (default loopback only)
 * @param port TCP port; 0 picks a free one
 * @param dataDir directory holding the SQLite store and the Lucene index
 * @param demo load the shipped Qingdao data on the first start of an empty data directory
 * @param limits request, connection and rate limits
 * @param corsOrigins origins (scheme://host[:port]) whose pages may call the API from a browser;
 *     empty (the default) answers no cross-origin request
 */
public record ApiConfig(
    String host, int port, Path dataDir, boolean demo, Limits limits, List<String> corsOrigins) {
  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7070;
  public static final Path DEFAULT_DATA = Path.of("data");

  public ApiConfig {
    Limits.require(host != null && !host.isBlank(), "host", "must not be blank");
    Limits.require(
        port >= 0 && port <= 65535, "port", "must be between 0 and 65535 (got " + port + ")");
    Limits.require(dataDir != null, "data", "must be a directory path");
    Limits.require(limits != null, "limits", "must be given");
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    for (String o : corsOrigins)
      Limits.require(
          ORIGIN.matcher(o).matches(),
          "cors-origin",
          "must be an origin such as https://portal.example.gov.cn (scheme, host, optional port;"
              + " no path, no *), got '"
              + o
              + "'");
  }

  /** The defaults: loopback, port 7070, {@code ./data}, demo data, {@link Limits#defaults()}. */
  public static ApiConfig defaults() {
    return new ApiConfig(
        DEFAULT_HOST, DEFAULT_PORT, DEFAULT_DATA, true, Limits.defaults(), List.of());
  }

  public ApiConfig withPort(int p) {
    return new ApiConfig(host, p, dataDir, demo, limits, corsOrigins);
  }

  public ApiConfig withHost(String h) {
    return new ApiConfig(h, port, dataDir, demo, limits, corsOrigins);
  }

  public ApiConfig withDataDir(Path d) {
    return new ApiConfig(host, port, d, demo, limits, corsOrigins);
  }

  public ApiConfig withDemo(boolean d) {
    return new ApiConfig(host, port, dataDir, d, limits, corsOrigins);
  }

  public ApiConfig withLimits(Limits l) {
    return new ApiConfig(host, port, dataDir, demo, l, corsOrigins);
  }

  /** Body limits only (tests): JSON bodies and imports. */
  public ApiConfig withLimits(long body, long imports) {
    return withLimits(limits.withBodies(body, imports));
  }

  public ApiConfig withCorsOrigins(List<String> origins) {
    return new ApiConfig(host, port, dataDir, demo, limits, origins);
  }
}
