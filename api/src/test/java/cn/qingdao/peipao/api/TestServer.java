package cn.qingdao.peipao.api;

import cn.qingdao.peipao.api.http.AccessControl;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.store.StoreConfig;
import cn.qingdao.peipao.index.testing.TestStores;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/** A real server on a free loopback port over a temporary data directory, with a small client. */
final class TestServer implements AutoCloseable {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();

  final Catalog catalog;
  final Services services;
  final Javalin app;
  final String base;
  private final HttpClient client = HttpClient.newHttpClient();

  TestServer(Path dataDir) {
    this(config(dataDir));
  }

  /**
   * Test defaults: a free port, no demo loading, and a rate limit far above what a test sends (the
   * rate limit has its own test).
   */
  static ApiConfig config(Path dataDir) {
    return ApiConfig.defaults()
        .withPort(0)
        .withDataDir(dataDir)
        .withDemo(false)
        .withLimits(Limits.defaults().withRate(1e6, 1_000_000));
  }

  TestServer(ApiConfig config) {
    this(config, AccessControl.open());
  }

  TestServer(ApiConfig config, AccessControl access) {
    this(config, access, TestStores.forDir(config.dataDir()));
  }

  /** A node over {@code config}'s data directory on {@code store} (shared by several nodes). */
  TestServer(ApiConfig config, AccessControl access, StoreConfig store) {
    catalog =
        Catalog.open(
            config.dataDir(),
            store,
            TAXONOMY,
            java.time.Clock.systemUTC(),
            Catalog.IndexAhead.REFUSE);
    services = Services.of(catalog, TAXONOMY);
    app = App.create(config, services, access).start();
    base = "http://127.0.0.1:" + app.port();
  }

  /** A server over {@code dataDir} loaded with the shipped demo data (every type). */
  static TestServer withDemoData(Path dataDir) {
    return withDemoData(dataDir, AccessControl.open());
  }

  /** As {@link #withDemoData(Path)}, behind {@code access}. */
  static TestServer withDemoData(Path dataDir, AccessControl access) {
    TestServer s = new TestServer(config(dataDir), access);
    TestStores.importDemo(s.catalog);
    return s;
  }

  /**
   * A server loaded as {@code matcher serve} loads the demo: entities, growth files and a synthetic
   * year of tickets, sessions and outreach.
   */
  static TestServer withFullDemo(Path dataDir, AccessControl access) {
    TestServer s = new TestServer(config(dataDir), access);
    cn.qingdao.peipao.api.cli.DemoData.loadOnce(
        s.catalog,
        TAXONOMY,
        s.services,
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    return s;
  }

  /** A valid, active project (the first demo project's fields) under {@code id}, as JSON. */
  static String projectJson(String id) {
    var p =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            Json.parse(
                Json.write(
                    QingdaoDataset.demo(cn.qingdao.peipao.core.model.EntityType.PROJECTS, TAXONOMY)
                        .get(0)));
    p.put("id", id);
    p.put("name", "测试项目 " + id);
    p.put("status", "active");
    p.remove("version");
    p.remove("updatedAt");
    return p.toString();
  }

  /** The body of a 200 answer, failing with the body otherwise. */
  static JsonNode ok(Response r) {
    org.junit.jupiter.api.Assertions.assertEquals(200, r.status(), r.body());
    return r.json();
  }

  record Response(int status, Map<String, java.util.List<String>> headers, String body) {
    JsonNode json() {
      return Json.parse(body);
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  Response send(String method, String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) b.header("Content-Type", contentType);
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Response get(String path) {
    return send("GET", path, null, null);
  }

  Response json(String method, String path, String body, String... headers) {
    return send(
        method,
        path,
        "application/json",
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        headers);
  }

  /** A request with {@code key} as its bearer key; {@code body} JSON, or null for none. */
  Response as(String key, String method, String path, String body) {
    return body == null
        ? send(method, path, null, null, "Authorization", "Bearer " + key)
        : json(method, path, body, "Authorization", "Bearer " + key);
  }

  Response ndjson(String path, byte[] body) {
    return send("POST", path, "application/x-ndjson", body);
  }

  @Override
  public void close() {
    app.stop();
    catalog.close();
  }
}
