package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service through its HTTP API: the real server ({@code matcher.jar serve}) started as its own
 * process on a loopback port over the corpus's data directory, asked {@code GET
 * /api/v1/projects/{id}/recommendations?target=mentors&sector=&district=} by one client. The data
 * directory must not be open in this process meanwhile.
 */
final class HttpEngine implements PeerEngine {
  private static final String KEY = "peer-bench-admin-key-0123456789";

  private final Process server;
  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  HttpEngine(Path jar, Path dataDir, String javaHome) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(javaHome, "bin", "java").toString(),
            "-Xmx4g",
            "--enable-native-access=ALL-UNNAMED",
            "--add-modules",
            "jdk.incubator.vector",
            "-jar",
            jar.toString(),
            "serve",
            "--no-demo",
            "--data",
            dataDir.toString(),
            "--port",
            Integer.toString(port),
            "--rate",
            "1000000",
            "--burst",
            "1000000");
    pb.environment().put("MATCHER_ADMIN_KEY", KEY);
    pb.redirectErrorStream(true).redirectOutput(dataDir.resolveSibling("server.log").toFile());
    server = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (true) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) break;
      } catch (IOException notYet) {
        // still starting
      }
      if (!server.isAlive() || System.nanoTime() > deadline) {
        server.destroyForcibly();
        throw new IOException(
            "the server did not start; see " + dataDir.resolveSibling("server.log"));
      }
      Thread.sleep(200);
    }
  }

  @Override
  public String name() {
    return "ours, HTTP";
  }

  @Override
  public List<String> top(PeerQuery q, int k) throws IOException, InterruptedException {
    StringBuilder url =
        new StringBuilder(base)
            .append("/api/v1/projects/")
            .append(q.subject().id())
            .append("/recommendations?target=mentors&explain=false&limit=")
            .append(k);
    RequestFilters f = q.filters();
    for (String s : f.sectors()) url.append("&sector=").append(encode(s));
    for (String d : f.districts()) url.append("&district=").append(encode(d));
    if (!f.text().isEmpty()) url.append("&q=").append(encode(f.text()));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url.toString()))
                .header("Authorization", "Bearer " + KEY)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode() + ": " + r.body());
    List<String> ids = new ArrayList<>(k);
    for (JsonNode item : Json.parse(r.body()).path("items")) ids.add(item.path("id").asText());
    return ids;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    server.destroy();
    if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly();
  }
}
