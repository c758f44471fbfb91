package cn.qingdao.peipao.api;

import java.nio.file.Path;

/**
 * The typed, validated configuration of the HTTP service.
 *
 * @param host interface to listen on (default loopback only)
 * @param port TCP port; 0 picks a free one
 * @param dataDir directory holding the SQLite store and the Lucene index
 * @param demo load the shipped Qingdao data on the first start of an empty data directory
 * @param maxBodyBytes largest JSON body accepted (413 above)
 * @param maxImportBytes largest JSON Lines import body accepted (413 above)
 * @param maxPageSize largest {@code size} of a search page
 * @param maxQueryChars longest {@code q} accepted
 */
public record ApiConfig(
    String host,
    int port,
    Path dataDir,
    boolean demo,
    long maxBodyBytes,
    long maxImportBytes,
    int maxPageSize,
    int maxQueryChars) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7070;
  public static final Path DEFAULT_DATA = Path.of("data");

  public ApiConfig {
    require(host != null && !host.isBlank(), "host", "must not be blank");
    require(port >= 0 && port <= 65535, "port", "must be between 0 and 65535 (got " + port + ")");
    require(dataDir != null, "data", "must be a directory path");
    require(maxBodyBytes >= 1024, "maxBodyBytes", "must be at least 1024");
    require(maxImportBytes >= maxBodyBytes, "maxImportBytes", "must be at least maxBodyBytes");
    require(maxPageSize >= 1 && maxPageSize <= 1000, "maxPageSize", "must be between 1 and 1000");
    require(maxQueryChars >= 1, "maxQueryChars", "must be at least 1");
  }

  /** The defaults: loopback, port 7070, {@code ./data}, demo data, 1 MiB bodies, 32 MiB imports. */
  public static ApiConfig defaults() {
    return new ApiConfig(
        DEFAULT_HOST, DEFAULT_PORT, DEFAULT_DATA, true, 1 << 20, 32L << 20, 100, 200);
  }

  public ApiConfig withPort(int p) {
    return new ApiConfig(
        host, p, dataDir, demo, maxBodyBytes, maxImportBytes, maxPageSize, maxQueryChars);
  }

  public ApiConfig withHost(String h) {
    return new ApiConfig(
        h, port, dataDir, demo, maxBodyBytes, maxImportBytes, maxPageSize, maxQueryChars);
  }

  public ApiConfig withDataDir(Path d) {
    return new ApiConfig(
        host, port, d, demo, maxBodyBytes, maxImportBytes, maxPageSize, maxQueryChars);
  }

  public ApiConfig withDemo(boolean d) {
    return new ApiConfig(
        host, port, dataDir, d, maxBodyBytes, maxImportBytes, maxPageSize, maxQueryChars);
  }

  public ApiConfig withLimits(long body, long imports) {
    return new ApiConfig(host, port, dataDir, demo, body, imports, maxPageSize, maxQueryChars);
  }

  private static void require(boolean ok, String key, String message) {
    if (!ok) throw new IllegalArgumentException("configuration '" + key + "' " + message);
  }
}
