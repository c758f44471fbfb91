package cn.qingdao.peipao.api.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the web console from the jar: {@code /} is its page, {@code /console/NAME} its scripts,
 * styles and images (names checked against a pattern: no paths). No CDN, no network: every asset is
 * a classpath resource. The page may load only what this server serves (Content-Security-Policy).
 */
public final class ConsoleController {
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}\\.(js|css|svg|png|json)");
  private static final Map<String, String> TYPES =
      Map.of(
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "json", "application/json; charset=utf-8");

  /**
   * Only this origin's scripts, styles, images and API; no inline script, no framing. The console
   * renders data with textContent, never as HTML.
   */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  /** {@code GET /}: the console's page. */
  public void page(Context ctx) {
    serve(ctx, "index.html", "text/html; charset=utf-8");
  }

  /** The chart library, from its WebJar (Apache-2.0; its licence ships in the same jar). */
  static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  /** {@code GET /console/vendor/echarts.js}: Apache ECharts, as the WebJar holds it. */
  public void echarts(Context ctx) {
    serveResource(ctx, ECHARTS, TYPES.get("js"));
  }

  /** {@code GET /console/{name}}: one asset, or 404. */
  public void asset(Context ctx) {
    String name = ctx.pathParam("name");
    if (!NAME.matcher(name).matches()) throw new ApiException(404, "no console asset " + name);
    serve(ctx, name, TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
  }

  private static void serve(Context ctx, String name, String type) {
    serveResource(ctx, "/console/" + name, type);
  }

  private static void serveResource(Context ctx, String name, String type) {
    try (InputStream in = ConsoleController.class.getResourceAsStream(name)) {
      if (in == null) throw new ApiException(404, "no console asset " + name);
      byte[] body = in.readAllBytes();
      ctx.header("Content-Security-Policy", CSP);
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Referrer-Policy", "no-referrer");
      ctx.header("Cache-Control", "no-cache");
      ctx.contentType(type);
      ctx.result(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
