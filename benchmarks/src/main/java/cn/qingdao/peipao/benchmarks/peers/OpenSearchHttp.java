package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests to an OpenSearch node: a failed request or a bulk with errors throws. */
final class OpenSearchHttp {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  OpenSearchHttp(String base) {
    this.base = base;
  }

  /**
   * The answer of {@code method path} with {@code body} (or none); null for 404 if missing is ok.
   */
  JsonNode send(String method, String path, String body, boolean missingOk)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 404 && missingOk) return null;
    if (r.statusCode() >= 300)
      throw new IOException(method + " " + path + ": HTTP " + r.statusCode() + " " + r.body());
    JsonNode answer = Json.parse(r.body());
    if (answer.path("errors").asBoolean(false))
      throw new IOException(method + " " + path + ": bulk errors " + r.body().substring(0, 500));
    return answer;
  }
}
