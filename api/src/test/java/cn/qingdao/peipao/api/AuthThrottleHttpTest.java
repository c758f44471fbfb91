package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.KeyAccessControl;
import cn.qingdao.peipao.core.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guessing keys from one address is throttled: after a burst of failures every attempt is a 429, a
 * right key included, so a right guess cannot be told from a wrong one. A server of its own: the
 * address it throttles is the one every test uses.
 */
class AuthThrottleHttpTest {
  static final String ADMIN = "admin-key-0123456789abcdef";

  @TempDir Path dir;

  @Test
  void failedAuthenticationsFromOneAddressAreThrottled() {
    ApiKeys keys =
        ApiKeys.read(
            Json.parse("[{\"name\":\"ops\",\"role\":\"admin\",\"key\":\"" + ADMIN + "\"}]"));
    try (TestServer s = new TestServer(TestServer.config(dir), new KeyAccessControl(keys))) {
      StringBuilder statuses = new StringBuilder();
      for (int i = 0; i < 60; i++)
        statuses
            .append(
                s.send(
                        "GET",
                        "/api/v1/parks",
                        null,
                        null,
                        "Authorization",
                        "Bearer wrong-" + i + "-0123456789")
                    .status())
            .append(' ');
      assertTrue(statuses.toString().startsWith("401"), statuses.toString());
      assertTrue(statuses.toString().contains("429"), statuses.toString());
      TestServer.Response right =
          s.send("GET", "/api/v1/parks", null, null, "Authorization", "Bearer " + ADMIN);
      assertEquals(
          429, right.status(), "the right key is refused too while the address is throttled");
      assertTrue(right.header("Retry-After") != null);
      // callers without a key are not failing to authenticate
      assertEquals(200, s.get("/health").status());
    }
  }
}
