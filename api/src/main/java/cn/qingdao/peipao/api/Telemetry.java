package cn.qingdao.peipao.api;

import cn.qingdao.peipao.api.http.Principal;
import cn.qingdao.peipao.api.http.RequestGate;
import cn.qingdao.peipao.index.Catalog;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator watches: one access-log line per request (method, route pattern, status, time,
 * caller's name, request id; never a key, an id from the path or a body) and Prometheus metrics
 * through Micrometer (request latency histograms by route and status, rate-limit refusals, the
 * store's write sequence, the index's and the store's health, the JVM). O(1) per request.
 */
public final class Telemetry {
  private static final Logger ACCESS = LoggerFactory.getLogger("access");

  /** The request attribute that names the matched route pattern. */
  static final String ROUTE = "route";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  // one timer per (method, route, status), built once: the builder's lookup is not free per request
  private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers =
      new java.util.concurrent.ConcurrentHashMap<>();

  Telemetry(Catalog catalog) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    Gauge.builder("matcher.store.seq", catalog, Catalog::storeSeq)
        .description("the store's last write sequence (the audit log's)")
        .register(registry);
    Gauge.builder("matcher.store.damaged", catalog, c -> c.storeDamage() == null ? 0 : 1)
        .description("1 while the store is damaged (every request but health answers 503)")
        .register(registry);
    Gauge.builder("matcher.index.degraded", catalog, c -> c.indexProblem() == null ? 0 : 1)
        .description("1 while the index is being rebuilt from the store")
        .register(registry);
    Gauge.builder("matcher.index.lag.ms", catalog, c -> c.syncLag().lagMillis())
        .description(
            "how long this node's index has trailed the store (other nodes' writes on a shared"
                + " store; always 0 on the embedded one)")
        .register(registry);
    Gauge.builder("matcher.index.behind", catalog, c -> c.syncLag().behind())
        .description("store changes this node's index has not applied yet")
        .register(registry);
  }

  /** Records one answered request: its access-log line and its latency. */
  void request(Context ctx, float millis) {
    String route = ctx.attribute(ROUTE) == null ? "unmatched" : ctx.attribute(ROUTE);
    Principal p = ctx.attribute("principal");
    int status = ctx.statusCode();
    if (!WarmUp.isWarmUp(p))
      ACCESS.info(
          "{} {} {} {}ms {} {}",
          ctx.method().name(),
          route,
          status,
          Math.round(millis * 10) / 10.0,
          p == null ? "-" : p.name(),
          ctx.attribute(RequestGate.REQUEST_ID) == null
              ? "-"
              : ctx.attribute(RequestGate.REQUEST_ID));
    String method = ctx.method().name();
    timers
        .computeIfAbsent(
            method + ' ' + route + ' ' + status,
            k ->
                Timer.builder("http.server.requests")
                    .description("requests answered, by route pattern and status")
                    .tags("method", method, "route", route, "status", Integer.toString(status))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry))
        .record((long) (millis * 1000), TimeUnit.MICROSECONDS);
  }

  /** Counts a 429, by what was limited ({@code requests}, {@code authentication}). */
  void refused(String kind) {
    Counter.builder("matcher.ratelimit.refusals")
        .description("requests refused with 429")
        .tag("kind", kind)
        .register(registry)
        .increment();
  }

  /** The Prometheus text exposition of every meter. */
  String scrape() {
    return registry.scrape();
  }
}
