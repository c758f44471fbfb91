package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.Json;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The first thing every request meets, before Javalin routes it. It hides the method-override
 * headers (Javalin would otherwise let {@code X-HTTP-Method-Override: DELETE} turn a GET into a
 * DELETE, past every check made for the GET) and adds the headers every answer carries: {@code
 * X-Content-Type-Options: nosniff}, {@code Cache-Control: no-store} under {@code /api/}, whose
 * answers may carry personal data, and {@code X-Request-Id} (the caller's, if a plain token of at
 * most 64 characters, else a new one), which the access log records.
 */
public final class RequestGate implements Filter {
  /** Headers some frameworks read as "the real method"; this service never does. */
  static final Set<String> OVERRIDES =
      Set.of("x-http-method-override", "x-http-method", "x-method-override");

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse res = (HttpServletResponse) response;
    res.setHeader("X-Content-Type-Options", "nosniff");
    // a request id the caller chose (if it is a plain token) or one of ours, echoed and logged
    String id = req.getHeader(REQUEST_ID);
    if (id == null || !SAFE_ID.matcher(id).matches()) id = newId();
    req.setAttribute(REQUEST_ID, id);
    res.setHeader(REQUEST_ID, id);
    if (req.getRequestURI().startsWith("/api/")) res.setHeader("Cache-Control", "no-store");
    if (!ROUTED.contains(req.getMethod())) {
      // CONNECT would ask this server to be a tunnel, TRACE to echo headers (keys among them)
      refuse(res, req.getMethod());
      return;
    }
    IN_FLIGHT.incrementAndGet();
    try {
      chain.doFilter(new WithoutOverrides(req), response);
    } finally {
      IN_FLIGHT.decrementAndGet();
    }
  }

  // requests between the gate and their answer, for a graceful stop (one server per process)
  private static final java.util.concurrent.atomic.AtomicInteger IN_FLIGHT =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Requests being answered right now, by every server of this process. */
  public static int inFlight() {
    return IN_FLIGHT.get();
  }

  /** The header and request attribute that carry a request's id. */
  public static final String REQUEST_ID = "X-Request-Id";

  private static final java.util.regex.Pattern SAFE_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final java.util.random.RandomGenerator RANDOM =
      java.util.random.RandomGenerator.getDefault();

  private static String newId() {
    return Long.toHexString(RANDOM.nextLong() | Long.MIN_VALUE);
  }

  /** The methods any route of the service answers. */
  static final Set<String> SERVED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE");

  /**
   * The methods passed on to routing, which answers a 405 with the path's own {@code Allow}; any
   * other (CONNECT, TRACE, inventions) is refused here.
   */
  static final Set<String> ROUTED =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  private static void refuse(HttpServletResponse res, String method) throws IOException {
    byte[] body =
        Json.write(
                Problems.document(
                    405,
                    method
                        + " is not served here; the service answers "
                        + String.join(", ", new TreeSet<>(SERVED)),
                    List.of()))
            .getBytes(StandardCharsets.UTF_8);
    res.setStatus(405);
    res.setHeader("Allow", String.join(", ", new TreeSet<>(SERVED)));
    res.setHeader("Connection", "close");
    res.setContentType(Problems.CONTENT_TYPE + "; charset=utf-8");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }

  private static final class WithoutOverrides extends HttpServletRequestWrapper {
    WithoutOverrides(HttpServletRequest request) {
      super(request);
    }

    private static boolean hidden(String name) {
      return name != null && OVERRIDES.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String getHeader(String name) {
      return hidden(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = Collections.list(super.getHeaderNames());
      names.removeIf(WithoutOverrides::hidden);
      return Collections.enumeration(names);
    }
  }
}
