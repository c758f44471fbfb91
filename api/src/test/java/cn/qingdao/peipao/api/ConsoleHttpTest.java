package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files over HTTP: served from the jar, locked to this origin, no path tricks. */
class ConsoleHttpTest {
  @TempDir static Path dir;
  static TestServer s;

  @BeforeAll
  static void start() {
    s = new TestServer(dir);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void thePageAndItsAssetsComeFromTheJarUnderAStrictPolicy() {
    TestServer.Response page = s.send("GET", "/", null, null, "Accept", "text/html");
    assertEquals(200, page.status());
    assertTrue(page.header("Content-Type").startsWith("text/html"));
    assertTrue(page.body().contains("青岛创业陪跑"));
    String csp = page.header("Content-Security-Policy");
    assertTrue(csp.contains("default-src 'self'") && csp.contains("script-src 'self'"), csp);
    for (String asset : List.of("app.js", "app.css")) {
      TestServer.Response r = s.get("/console/" + asset);
      assertEquals(200, r.status(), asset);
      assertEquals("nosniff", r.header("X-Content-Type-Options"));
    }
    assertTrue(s.get("/console/app.js").header("Content-Type").startsWith("text/javascript"));
    // no CDN, no other origin: every script and style the page loads is this server's
    assertTrue(!page.body().contains("http://") && !page.body().contains("https://"));
  }

  @Test
  void onlyNamedAssetsAreServed() {
    for (String bad :
        List.of(
            "/console/..%2Fopenapi.json",
            "/console/nope.js", "/console/index.html", "/console/APP.JS", "/console/app.exe")) {
      assertEquals(404, s.get(bad).status(), bad);
    }
  }

  @Test
  void meSaysTheCallersRole() {
    TestServer.Response me = s.get("/api/v1/me");
    assertEquals(200, me.status());
    assertTrue(me.json().has("role"));
  }
}
