package cn.qingdao.peipao.api;

import cn.qingdao.peipao.api.http.AccessControl;
import cn.qingdao.peipao.api.http.AllocationController;
import cn.qingdao.peipao.api.http.ApiException;
import cn.qingdao.peipao.api.http.CodeFilters;
import cn.qingdao.peipao.api.http.ConsoleController;
import cn.qingdao.peipao.api.http.EntityController;
import cn.qingdao.peipao.api.http.FeedbackController;
import cn.qingdao.peipao.api.http.GrowthController;
import cn.qingdao.peipao.api.http.Http;
import cn.qingdao.peipao.api.http.ImportController;
import cn.qingdao.peipao.api.http.InfoController;
import cn.qingdao.peipao.api.http.Operation;
import cn.qingdao.peipao.api.http.OutreachController;
import cn.qingdao.peipao.api.http.ParkReportController;
import cn.qingdao.peipao.api.http.PolicyController;
import cn.qingdao.peipao.api.http.Principal;
import cn.qingdao.peipao.api.http.ProblemErrorHandler;
import cn.qingdao.peipao.api.http.Problems;
import cn.qingdao.peipao.api.http.RecommendationController;
import cn.qingdao.peipao.api.http.RegistrationController;
import cn.qingdao.peipao.api.http.RequestGate;
import cn.qingdao.peipao.api.http.SearchController;
import cn.qingdao.peipao.api.http.ServiceLogController;
import cn.qingdao.peipao.api.http.SpaceController;
import cn.qingdao.peipao.api.http.StatsController;
import cn.qingdao.peipao.api.http.TicketController;
import cn.qingdao.peipao.core.json.FieldError;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.PreconditionFailedException;
import cn.qingdao.peipao.index.events.Registrations;
import cn.qingdao.peipao.index.spaces.ParkEvaluation;
import cn.qingdao.peipao.index.store.StoreException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BiConsumer;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the HTTP application from its configuration and services. Controllers only parse, validate
 * and delegate; every route declares the {@link Operation} access control checks; every error
 * becomes a problem document and no stack trace reaches a client.
 */
public final class App {
  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  /** One route: method, path and what access control sees it as. */
  public record Route(HandlerType method, String path, Operation operation) {}

  private final List<Route> routes = new ArrayList<>();
  private final ApiConfig config;
  private final Services services;
  private final Catalog catalog;
  private final Taxonomy taxonomy;
  private final RouteGuard guard;
  private final Telemetry telemetry;

  // not ready while the warm-up after start runs (WarmUp)
  private final java.util.function.BooleanSupplier warming;

  private App(
      ApiConfig config,
      Services services,
      AccessControl access,
      java.util.function.BooleanSupplier warming) {
    this.config = config;
    this.warming = warming;
    this.services = services;
    this.catalog = services.catalog();
    this.taxonomy = services.taxonomy();
    this.telemetry = new Telemetry(catalog);
    this.guard = new RouteGuard(config.limits(), access, catalog, telemetry);
  }

  /**
   * Stops {@code app} gracefully: no new connection is accepted, the requests in flight (an import,
   * say) finish for at most {@code maxMillis}, then the server stops. Returns how many requests
   * were still running when it gave up (0 normally).
   */
  public static int stopGracefully(Javalin app, long maxMillis) {
    for (var connector : app.jettyServer().server().getConnectors())
      if (connector instanceof org.eclipse.jetty.server.NetworkConnector n) n.close();
    long end = System.nanoTime() + maxMillis * 1_000_000;
    while (RequestGate.inFlight() > 0 && System.nanoTime() < end) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int left = RequestGate.inFlight();
    app.stop();
    return left;
  }

  /** The Javalin server, not started. */
  public static Javalin create(ApiConfig config, Services services, AccessControl access) {
    return create(config, services, access, () -> false);
  }

  /**
   * As {@link #create(ApiConfig, Services, AccessControl)}, not ready ({@code /health/ready} 503
   * {@code warming}) while {@code warming} says so.
   */
  public static Javalin create(
      ApiConfig config,
      Services services,
      AccessControl access,
      java.util.function.BooleanSupplier warming) {
    return new App(config, services, access, warming).build();
  }

  /** The routes the application serves (for the OpenAPI check). */
  public static List<Route> routes(ApiConfig config, Services services) {
    App app = new App(config, services, AccessControl.open(), () -> false);
    app.build();
    return List.copyOf(app.routes);
  }

  private Javalin build() {
    return Javalin.create(this::configure);
  }

  private void configure(JavalinConfig c) {
    Limits limits = config.limits();
    c.http.maxRequestSize = limits.maxBodyBytes();
    c.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
    c.jetty.modifyServletContextHandler(
        h ->
            h.addFilter(
                RequestGate.class, "/*", EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
    c.jetty.modifyHttpConfiguration(
        http -> {
          // slow or stalled clients must not hold a worker thread for long
          http.setIdleTimeout(limits.idleTimeoutMillis());
          http.setMinRequestDataRate(limits.minRequestBytesPerSecond());
        });
    c.http.prefer405over404 = true;
    c.http.generateEtags = false;
    c.jetty.host = config.host();
    c.jetty.port = config.port();
    c.startup.showJavalinBanner = false;
    c.requestLogger.http(telemetry::request);
    if (!config.corsOrigins().isEmpty())
      // off unless configured: a portal page on another origin may call the API with its key
      c.bundledPlugins.enableCors(
          cors ->
              cors.addRule(
                  rule -> {
                    for (String origin : config.corsOrigins()) rule.allowHost(origin);
                    rule.exposeHeader("ETag");
                    rule.exposeHeader("Location");
                    rule.exposeHeader("Link");
                    rule.exposeHeader("Retry-After");
                    rule.exposeHeader(RequestGate.REQUEST_ID);
                    rule.maxAge = 600;
                  }));

    InfoController info = new InfoController(catalog, taxonomy, warming);
    EntityController entities = new EntityController(catalog);
    ImportController imports =
        new ImportController(catalog, limits.maxImportBytes(), limits.maxLineBytes());
    RecommendationController recommendations =
        new RecommendationController(
            catalog, taxonomy, services.recommender(), services.policies(), services.feedback());
    PolicyController policies =
        new PolicyController(catalog, taxonomy, services.policies(), services.clock());
    SearchController search =
        new SearchController(catalog, taxonomy, limits.maxPageSize(), limits.maxQueryChars());

    AllocationController allocations =
        new AllocationController(catalog, taxonomy, services.allocations());
    GrowthController growth =
        new GrowthController(
            catalog,
            taxonomy,
            services.growth(),
            services.alerts(),
            services.secondIncubation(),
            limits.maxImportBytes());

    route(c, HandlerType.GET, "/health", Operation.PUBLIC, info::health);
    route(c, HandlerType.GET, "/health/ready", Operation.PUBLIC, info::ready);
    route(c, HandlerType.GET, "/health/live", Operation.PUBLIC, info::live);
    route(c, HandlerType.GET, "/metrics", Operation.PUBLIC, this::metrics);
    route(c, HandlerType.GET, "/openapi.json", Operation.PUBLIC, info::openApi);
    route(c, HandlerType.GET, "/api/v1/taxonomy", Operation.PUBLIC, info::taxonomy);
    route(c, HandlerType.GET, "/api/v1/me", Operation.PUBLIC, info::me);
    // the console: a page and its assets, outside the API (not in /openapi.json)
    ConsoleController console = new ConsoleController();
    // named for the access log and metrics like the API's routes, though no key is asked for
    c.routes.addHttpHandler(HandlerType.GET, "/", named("/", console::page));
    c.routes.addHttpHandler(
        HandlerType.GET, "/console/{name}", named("/console/{name}", console::asset));
    c.routes.addHttpHandler(
        HandlerType.GET,
        "/console/vendor/echarts.js",
        named("/console/vendor/echarts.js", console::echarts));
    route(
        c,
        HandlerType.POST,
        "/api/v1/recommendations",
        Operation.RECOMMEND,
        recommendations::adHoc);
    route(c, HandlerType.POST, "/api/v1/policies/match", Operation.CALCULATE, policies::match);
    route(
        c,
        HandlerType.GET,
        "/api/v1/policies/{id}/recommendations",
        Operation.RECOMMEND,
        EntityType.POLICIES,
        policies::people);
    route(c, HandlerType.POST, "/api/v1/allocations", Operation.ALLOCATE, allocations::draft);
    route(c, HandlerType.GET, "/api/v1/allocations", Operation.ASSIGNMENTS, allocations::list);
    route(c, HandlerType.GET, "/api/v1/allocations/{id}", Operation.ASSIGNMENTS, allocations::get);
    route(
        c,
        HandlerType.POST,
        "/api/v1/allocations/{id}/publish",
        Operation.DECIDE,
        allocations::publish);
    route(c, HandlerType.POST, "/api/v1/assignments/{id}/end", Operation.DECIDE, allocations::end);
    route(
        c,
        HandlerType.POST,
        "/api/v1/projects/{id}/growth",
        Operation.UPDATE,
        EntityType.PROJECTS,
        growth::record);
    route(
        c,
        HandlerType.GET,
        "/api/v1/projects/{id}/growth",
        Operation.TENANT_GROWTH,
        EntityType.PROJECTS,
        growth::history);
    route(
        c,
        HandlerType.GET,
        "/api/v1/projects/{id}/alerts",
        Operation.TENANT_GROWTH,
        EntityType.PROJECTS,
        growth::ofProject);
    route(c, HandlerType.POST, "/api/v1/growth/import", Operation.IMPORT, growth::importLines);
    route(
        c,
        HandlerType.POST,
        "/api/v1/projects/{id}/reopen",
        Operation.DECIDE,
        EntityType.PROJECTS,
        growth::reopen);
    route(
        c,
        HandlerType.GET,
        "/api/v1/projects/{id}/history",
        Operation.GROWTH,
        EntityType.PROJECTS,
        growth::projectHistory);
    route(c, HandlerType.GET, "/api/v1/alerts", Operation.GROWTH, growth::list);
    TicketController tickets = new TicketController(services.tickets(), taxonomy, catalog);
    ServiceLogController serviceLog = new ServiceLogController(services.serviceLog(), catalog);
    StatsController stats =
        new StatsController(services.ledger(), new CodeFilters(taxonomy), services.clock());
    route(c, HandlerType.GET, "/api/v1/stats", Operation.STATS, stats::report);
    OutreachController outreach = new OutreachController(services.outreach(), catalog);
    route(
        c,
        HandlerType.POST,
        "/api/v1/policies/{id}/outreach",
        Operation.OUTREACH,
        EntityType.POLICIES,
        outreach::record);
    route(
        c,
        HandlerType.GET,
        "/api/v1/policies/{id}/outreach",
        Operation.STATS,
        EntityType.POLICIES,
        outreach::summary);
    route(
        c,
        HandlerType.POST,
        "/api/v1/mentors/{id}/sessions",
        Operation.SERVICE_LOG_WRITE,
        EntityType.MENTORS,
        serviceLog::add);
    route(
        c,
        HandlerType.GET,
        "/api/v1/mentors/{id}/sessions",
        Operation.SERVICE_LOG,
        EntityType.MENTORS,
        serviceLog::list);
    route(
        c,
        HandlerType.GET,
        "/api/v1/mentors/{id}/performance",
        Operation.SERVICE_LOG,
        EntityType.MENTORS,
        serviceLog::performance);
    route(c, HandlerType.POST, "/api/v1/tickets", Operation.TICKETS, tickets::open);
    route(c, HandlerType.GET, "/api/v1/tickets", Operation.TICKETS, tickets::list);
    route(c, HandlerType.GET, "/api/v1/tickets/{id}", Operation.TICKETS, tickets::get);
    route(c, HandlerType.POST, "/api/v1/tickets/{id}/assign", Operation.TICKETS, tickets::assign);
    route(c, HandlerType.POST, "/api/v1/tickets/{id}/respond", Operation.TICKETS, tickets::respond);
    route(c, HandlerType.POST, "/api/v1/tickets/{id}/resolve", Operation.TICKETS, tickets::resolve);
    route(c, HandlerType.POST, "/api/v1/tickets/{id}/close", Operation.TICKETS, tickets::close);
    route(c, HandlerType.POST, "/api/v1/tickets/{id}/reopen", Operation.TICKETS, tickets::reopen);
    route(c, HandlerType.POST, "/api/v1/tickets/{id}/rate", Operation.TICKETS, tickets::rate);
    RegistrationController signUps =
        new RegistrationController(new Registrations(catalog), catalog);
    String event = "/api/v1/events/{id}";
    route(
        c,
        HandlerType.POST,
        event + "/registrations",
        Operation.APPLY,
        EntityType.EVENTS,
        signUps::register);
    route(
        c,
        HandlerType.GET,
        event + "/registrations",
        Operation.STATS,
        EntityType.EVENTS,
        signUps::roster);
    route(
        c,
        HandlerType.DELETE,
        event + "/registrations/{projectId}",
        Operation.APPLY,
        EntityType.EVENTS,
        signUps::cancel);
    route(
        c,
        HandlerType.GET,
        "/api/v1/projects/{id}/registrations",
        Operation.PROJECT_RECORDS,
        EntityType.PROJECTS,
        signUps::ofProject);
    route(
        c,
        HandlerType.POST,
        event + "/attendance",
        Operation.EVENT_DESK,
        EntityType.EVENTS,
        signUps::attendance);
    route(
        c,
        HandlerType.POST,
        event + "/results",
        Operation.EVENT_DESK,
        EntityType.EVENTS,
        signUps::results);
    ParkReportController parkReports =
        new ParkReportController(new ParkEvaluation(catalog), catalog);
    // registered before /api/v1/parks/{id}, which would otherwise take "evaluations" for an id
    route(
        c,
        HandlerType.GET,
        "/api/v1/parks/evaluations",
        Operation.PARK_REVIEW,
        EntityType.PARKS,
        parkReports::ranking);
    route(
        c,
        HandlerType.POST,
        "/api/v1/parks/{id}/reports",
        Operation.PARK_DESK,
        EntityType.PARKS,
        parkReports::file);
    route(
        c,
        HandlerType.GET,
        "/api/v1/parks/{id}/reports",
        Operation.PARK_REVIEW,
        EntityType.PARKS,
        parkReports::reports);
    route(
        c,
        HandlerType.GET,
        "/api/v1/parks/{id}/evaluation",
        Operation.PARK_REVIEW,
        EntityType.PARKS,
        parkReports::sheet);
    SpaceController spaceDesk =
        new SpaceController(services.spaces(), services.bookings(), services.moveIns(), catalog);
    String park = "/api/v1/parks/{id}";
    route(
        c,
        HandlerType.GET,
        park + "/spaces",
        Operation.READ,
        EntityType.PARKS,
        spaceDesk::inventory);
    route(
        c,
        HandlerType.PUT,
        park + "/spaces",
        Operation.PARK_DESK,
        EntityType.PARKS,
        spaceDesk::replace);
    route(
        c, HandlerType.POST, park + "/bookings", Operation.BOOK, EntityType.PARKS, spaceDesk::book);
    route(
        c,
        HandlerType.GET,
        park + "/bookings",
        Operation.READ,
        EntityType.PARKS,
        spaceDesk::calendar);
    route(
        c,
        HandlerType.DELETE,
        park + "/bookings/{bookingId}",
        Operation.BOOK,
        EntityType.PARKS,
        spaceDesk::cancel);
    route(
        c,
        HandlerType.GET,
        "/api/v1/projects/{id}/bookings",
        Operation.PROJECT_RECORDS,
        EntityType.PROJECTS,
        spaceDesk::ofProject);
    route(
        c,
        HandlerType.POST,
        park + "/applications",
        Operation.APPLY,
        EntityType.PARKS,
        spaceDesk::apply);
    route(
        c,
        HandlerType.GET,
        park + "/applications",
        Operation.PARK_DESK,
        EntityType.PARKS,
        spaceDesk::applications);
    route(
        c,
        HandlerType.POST,
        park + "/applications/{appId}/decision",
        Operation.PARK_DESK,
        EntityType.PARKS,
        spaceDesk::decide);
    FeedbackController feedback =
        new FeedbackController(catalog, services.feedback(), services.profiles());
    route(c, HandlerType.POST, "/api/v1/feedback", Operation.FEEDBACK_RECORD, feedback::record);
    route(c, HandlerType.GET, "/api/v1/feedback", Operation.FEEDBACK, feedback::list);
    route(c, HandlerType.GET, "/api/v1/profiles", Operation.FEEDBACK, feedback::profiles);
    for (EntityType t : List.of(EntityType.PROJECTS, EntityType.MENTORS, EntityType.PARKS)) {
      route(
          c,
          HandlerType.GET,
          "/api/v1/" + t.path() + "/{id}/assignments",
          Operation.ASSIGNMENTS,
          t,
          typed(allocations::ofEntity, t));
    }
    for (EntityType t : EntityType.values()) {
      String base = "/api/v1/" + t.path();
      if (t != EntityType.POLICIES) {
        route(
            c,
            HandlerType.GET,
            base + "/{id}/recommendations",
            Operation.RECOMMEND,
            t,
            typed(recommendations::forStored, t));
      }
      route(c, HandlerType.GET, base, Operation.SEARCH, t, typed(search::search, t));
      route(c, HandlerType.POST, base, Operation.WRITE, t, typed(entities::create, t));
      route(
          c,
          HandlerType.POST,
          base + "/import",
          Operation.IMPORT,
          t,
          typed(imports::importLines, t));
      route(c, HandlerType.GET, base + "/{id}", Operation.READ, t, typed(entities::get, t));
      route(c, HandlerType.PUT, base + "/{id}", Operation.UPDATE, t, typed(entities::put, t));
      route(c, HandlerType.DELETE, base + "/{id}", Operation.WRITE, t, typed(entities::delete, t));
    }

    c.routes.exception(
        ApiException.class,
        (e, ctx) -> Problems.write(ctx, e.status(), e.getMessage(), e.errors()));
    c.routes.exception(
        ValidationException.class,
        (e, ctx) -> Problems.write(ctx, 400, summary(e.errors()), e.errors()));
    c.routes.exception(
        EntityConflictException.class,
        (e, ctx) -> Problems.write(ctx, 409, e.getMessage(), List.of()));
    c.routes.exception(
        PreconditionFailedException.class,
        (e, ctx) -> Problems.write(ctx, 412, e.getMessage(), List.of()));
    c.routes.exception(
        EntityNotFoundException.class,
        (e, ctx) -> Problems.write(ctx, 404, e.getMessage(), List.of()));
    c.routes.exception(
        StoreException.class,
        (e, ctx) -> {
          switch (e.kind()) {
            case DAMAGED -> {
              catalog.markStoreDamaged(e.getMessage());
              Problems.write(
                  ctx, 503, catalog.storeDamage() + "; restore store.db from a backup", List.of());
            }
            case CORRUPT_ROW -> {
              LOG.error("corrupt row on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
              Problems.write(ctx, 500, e.getMessage() + "; a retry will not help", List.of());
            }
            case UNAVAILABLE -> {
              // PostgreSQL is away (restarting, failing over): nothing was written; say when to
              // come back instead of failing
              LOG.warn("store unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
              ctx.header("Retry-After", "2");
              boolean read =
                  ctx.method().name().equals("GET") || ctx.method().name().equals("HEAD");
              Problems.write(
                  ctx,
                  503,
                  "the store cannot be reached or is busy just now; retry shortly"
                      + (read
                          ? ""
                          : " (had the request reached its commit, check with a GET whether it"
                              + " took effect)"),
                  List.of());
            }
            case FAILED -> {
              LOG.error("store failure on {} {}", ctx.method(), ctx.path(), e);
              Problems.write(ctx, 500, "the store failed; the request may be retried", List.of());
            }
          }
        });
    c.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (e.getStatus() == 405) ctx.header("Allow", allowed(ctx.path()));
          Problems.write(ctx, e.getStatus(), describe(e, ctx), List.of());
        });
    c.routes.exception(
        Exception.class,
        (e, ctx) -> {
          if (malformedBody(e)) {
            Problems.write(ctx, 400, "malformed request body: " + e.getMessage(), List.of());
            return;
          }
          if (StoreException.damaged(e)) {
            catalog.markStoreDamaged(e.getMessage());
            Problems.write(
                ctx, 503, catalog.storeDamage() + "; restore store.db from a backup", List.of());
            return;
          }
          LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
          Problems.write(ctx, 500, "internal error; the request may be retried", List.of());
        });
    c.routes.error(
        404,
        ctx -> {
          if (!isProblem(ctx))
            Problems.write(
                ctx, 404, "no such resource: " + ctx.method() + " " + ctx.path(), List.of());
        });
    c.routes.error(
        405,
        ctx -> {
          ctx.header("Allow", allowed(ctx.path()));
          if (!isProblem(ctx))
            Problems.write(
                ctx,
                405,
                ctx.method()
                    + " is not allowed on "
                    + ctx.path()
                    + "; allowed: "
                    + allowed(ctx.path()),
                List.of());
        });
  }

  /** Whether {@code e} is the container failing to read a broken body (bad chunking, cut short). */
  private static boolean malformedBody(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause())
      if (c instanceof BadMessageException || c instanceof EofException) return true;
    return false;
  }

  /**
   * {@code GET /metrics}: Prometheus text. For the admin key, or for any caller on the loopback
   * interface (where the scraper usually runs beside the service); refused elsewhere.
   */
  private void metrics(Context ctx) {
    Principal p = Http.principal(ctx);
    boolean loopback;
    try {
      loopback = java.net.InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      loopback = false;
    }
    if (p.role() != Principal.Role.ADMIN && !loopback)
      throw p.role() == Principal.Role.ANONYMOUS
          ? ApiException.unauthorized("metrics need the admin key, or a caller on loopback")
          : new ApiException(403, "metrics are for the admin key, or a caller on loopback");
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
    ctx.result(telemetry.scrape());
  }

  /** The methods some route answers on {@code path} (HEAD with GET), for a 405's Allow. */
  private String allowed(String path) {
    java.util.TreeSet<String> methods = new java.util.TreeSet<>();
    for (Route r : routes) {
      String pattern = r.path().replaceAll("\\{[^/]+}", "[^/]+");
      if (path.matches(pattern)) {
        methods.add(r.method().name());
        if (r.method() == HandlerType.GET) methods.add("HEAD");
      }
    }
    return String.join(", ", methods);
  }

  private static boolean isProblem(Context ctx) {
    String ct = ctx.res().getContentType();
    return ct != null && ct.startsWith(Problems.CONTENT_TYPE);
  }

  private static String describe(HttpResponseException e, Context ctx) {
    return switch (e.getStatus()) {
      case 413 -> "the request body exceeds " + ctx.attribute("maxBody") + " bytes";
      case 404 -> "no such resource: " + ctx.method() + " " + ctx.path();
      case 405 -> ctx.method() + " is not allowed on " + ctx.path();
      default -> e.getMessage();
    };
  }

  private static String summary(List<FieldError> errors) {
    return errors.size() == 1
        ? errors.get(0).toString()
        : errors.size()
            + " problems: "
            + String.join("; ", errors.stream().limit(5).map(FieldError::toString).toList())
            + (errors.size() > 5 ? "; …" : "");
  }

  /**
   * {@code handler} with its route recorded for the access log (no guard: the console is public).
   */
  private static io.javalin.http.Handler named(String path, io.javalin.http.Handler handler) {
    return ctx -> {
      ctx.attribute(Telemetry.ROUTE, path);
      handler.handle(ctx);
    };
  }

  private void route(
      JavalinConfig c, HandlerType method, String path, Operation op, Handler handler) {
    route(c, method, path, op, null, handler);
  }

  /** A route acting on entities of {@code type} (the {@code {id}} in its path, if any). */
  private void route(
      JavalinConfig c,
      HandlerType method,
      String path,
      Operation op,
      EntityType type,
      Handler handler) {
    routes.add(new Route(method, path, op));
    Handler guarded = guard.around(path, op, type, handler);
    c.routes.addHttpHandler(method, path, guarded);
    // HEAD answers what GET would, through the same checks; Jetty sends no body for it
    if (method == HandlerType.GET) c.routes.addHttpHandler(HandlerType.HEAD, path, guarded);
  }

  private static Handler typed(BiConsumer<Context, EntityType> action, EntityType type) {
    return ctx -> action.accept(ctx, type);
  }
}
