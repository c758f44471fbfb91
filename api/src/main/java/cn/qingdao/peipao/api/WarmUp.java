package cn.qingdao.peipao.api;

import cn.qingdao.peipao.api.http.AccessControl;
import cn.qingdao.peipao.api.http.Operation;
import cn.qingdao.peipao.api.http.Principal;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.search.SearchRequest;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the service its own hot requests over loopback ({@link LoopbackClient}: keep-alive, light,
 * so that the CPU goes to the service's paths) before it reports ready, so that the JIT has
 * compiled the request path (Jetty, routing, the ranking, the answer's JSON) before the first user
 * waits on it: recommendations in every direction for stored subjects, and searches, from as many
 * threads as cores, for a bounded time. Meanwhile {@code /health/ready} answers 503 {@code warming}
 * (liveness is unaffected). The requests carry a key that exists only in this process and only
 * while warming; they are left out of the access log. Costs the budget's CPU at start.
 */
public final class WarmUp {
  private static final String NAME = "warm-up";

  private final byte[] keyDigest;
  private final String key;
  private volatile boolean warming = true;

  public WarmUp() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    key = HexFormat.of().formatHex(b);
    keyDigest = sha256(key);
  }

  /** The warm-up's own key (for tests: it must stop working once warm). */
  String key() {
    return key;
  }

  /** Whether the service is still warming (then not ready). */
  public boolean warming() {
    return warming;
  }

  /** Whether {@code p} is the warm-up's own caller (its requests are not access-logged). */
  static boolean isWarmUp(Principal p) {
    return p != null && NAME.equals(p.name()) && p.role() == Principal.Role.ADMIN;
  }

  /** {@code delegate}, plus the warm-up's key while it warms. */
  public AccessControl access(AccessControl delegate) {
    return new AccessControl() {
      @Override
      public Principal authenticate(Context ctx) {
        String h = ctx.header("Authorization");
        if (warming && h != null && h.startsWith("Bearer ")) {
          if (MessageDigest.isEqual(keyDigest, sha256(h.substring(7))))
            return new Principal(NAME, Principal.Role.ADMIN, null);
        }
        return delegate.authenticate(ctx);
      }

      @Override
      public void authorize(Principal principal, Operation op, Target target) {
        if (isWarmUp(principal) && warming) return;
        delegate.authorize(principal, op, target);
      }
    };
  }

  /** What the warm-up did. */
  public record Report(long requests, long failed, long millis, List<String> firstFailures) {}

  /**
   * Sends the hot requests to {@code base} for {@code budget} (nothing when zero), then stops
   * accepting the warm-up key and reports ready.
   */
  public Report run(String base, Catalog catalog, Duration budget) {
    long t0 = System.nanoTime();
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      if (budget.isZero() || budget.isNegative()) return new Report(0, 0, 0, List.of());
      List<String> paths = paths(catalog);
      if (paths.isEmpty()) return new Report(0, 0, 0, List.of());
      URI uri = URI.create(base);
      long end = t0 + budget.toNanos();
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      List<Thread> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        running.add(
            Thread.ofPlatform()
                .name("warm-up-" + t)
                .daemon()
                .start(
                    () -> {
                      try (LoopbackClient client =
                          new LoopbackClient(uri.getHost(), uri.getPort(), 10_000)) {
                        for (int i = offset; System.nanoTime() < end; i += threads) {
                          String path = paths.get(i % paths.size());
                          try {
                            int s = client.get(path, "Bearer " + key);
                            done.incrementAndGet();
                            if (s != 200 && failed.incrementAndGet() <= 5)
                              failures.add(s + " " + path);
                          } catch (java.io.IOException e) {
                            if (failed.incrementAndGet() <= 5)
                              failures.add(e.getMessage() + " " + path);
                          }
                        }
                      }
                    }));
      }
      for (Thread t : running) t.join(budget.toMillis() + 15_000);
      return new Report(
          done.get(), failed.get(), (System.nanoTime() - t0) / 1_000_000, List.copyOf(failures));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Report(
          done.get(), failed.get(), (System.nanoTime() - t0) / 1_000_000, List.copyOf(failures));
    } finally {
      warming = false;
    }
  }

  /** Recommendations in every direction for up to 20 stored subjects each, and searches. */
  static List<String> paths(Catalog catalog) {
    List<String> out = new ArrayList<>();
    for (Direction d : Direction.values()) {
      EntityType s = d.subject();
      var hits = catalog.search(new SearchRequest(s, null, Map.of(), 0, 20)).hits();
      for (var h : hits)
        out.add(
            "/api/v1/"
                + s.path()
                + "/"
                + java.net.URLEncoder.encode(h.id(), StandardCharsets.UTF_8)
                + "/recommendations"
                // only a project chooses its target; the others are always given projects
                + (s == EntityType.PROJECTS ? "?target=" + d.target().path() : ""));
    }
    for (EntityType t : EntityType.values()) {
      out.add(
          "/api/v1/" + t.path() + "?q=" + java.net.URLEncoder.encode("科技", StandardCharsets.UTF_8));
      out.add("/api/v1/" + t.path() + "?size=10");
    }
    // interleave directions rather than warm one after the other
    java.util.Collections.shuffle(out, new java.util.Random(1));
    return out;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
