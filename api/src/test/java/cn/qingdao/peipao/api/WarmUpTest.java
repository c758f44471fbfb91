package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.KeyAccessControl;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.testing.TestStores;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up after start: not ready while it runs (alive all the same), every one of its requests
 * is a valid one answered 200 (a path that broke would show here), none is throttled by a low rate
 * limit, and its key stops working once the service is warm.
 */
class WarmUpTest {
  @TempDir Path dir;

  @Test
  void notReadyWhileWarmingEveryWarmUpRequestIsAnsweredAndItsKeyThenDies() throws Exception {
    try (Catalog catalog = TestStores.open(dir, TestServer.TAXONOMY)) {
      TestStores.importDemo(catalog);
      WarmUp warmUp = new WarmUp();
      ApiKeys keys =
          ApiKeys.none().withAdminDigest(ApiKeys.digest("warm-test-admin-key-0123456789"), "admin");
      // a rate limit far below what the warm-up sends: it must not be throttled
      ApiConfig config = TestServer.config(dir).withLimits(Limits.defaults().withRate(5, 5));
      Javalin app =
          App.create(
                  config,
                  Services.of(catalog, TestServer.TAXONOMY),
                  warmUp.access(new KeyAccessControl(keys)),
                  warmUp::warming)
              .start();
      try {
        String base = "http://127.0.0.1:" + app.port();
        HttpClient client = HttpClient.newHttpClient();
        assertEquals(503, status(client, base + "/health/ready", null));
        assertEquals(200, status(client, base + "/health/live", null));
        WarmUp.Report r = warmUp.run(base, catalog, Duration.ofSeconds(2));
        assertTrue(r.requests() > 50, "warm-up requests: " + r);
        assertEquals(0, r.failed(), "warm-up requests not answered 200: " + r);
        assertEquals(200, status(client, base + "/health/ready", null));
        assertEquals(
            401,
            status(client, base + "/api/v1/projects?size=1", warmUp.key()),
            "the warm-up key after the warm-up");
      } finally {
        app.stop();
      }
    }
  }

  private static int status(HttpClient client, String url, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (key != null) b.header("Authorization", "Bearer " + key);
    return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
