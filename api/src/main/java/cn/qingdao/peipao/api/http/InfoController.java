package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Codes;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.District;
import cn.qingdao.peipao.core.taxonomy.FounderGroup;
import cn.qingdao.peipao.core.taxonomy.Place;
import cn.qingdao.peipao.core.taxonomy.Sector;
import cn.qingdao.peipao.core.taxonomy.Service;
import cn.qingdao.peipao.core.taxonomy.Stage;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.Catalog;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Health, taxonomy and the OpenAPI document: the public, read-only part of the API. */
public final class InfoController {
  private final Catalog catalog;
  private final Taxonomy taxonomy;
  private final byte[] openApi;
  private final java.util.function.BooleanSupplier warming;

  public InfoController(
      Catalog catalog, Taxonomy taxonomy, java.util.function.BooleanSupplier warming) {
    this.catalog = catalog;
    this.warming = warming;
    this.taxonomy = taxonomy;
    this.openApi = resource("/openapi.json");
  }

  /** What {@code /health} answers. */
  public record Health(
      String status,
      boolean consistent,
      String problem,
      Long storeSeq,
      String taxonomy,
      Map<String, Long> store,
      Map<String, Long> index,
      Sync sync) {}

  /**
   * Where the store is and how far this node's index is behind it (0 on the embedded store, which
   * no other node writes).
   */
  public record Sync(
      String store, boolean shared, long appliedSeq, long storeSeq, long behind, long lagMillis) {}

  /**
   * How long a node on a shared store may trail the others before {@code /health} says {@code
   * lagging} (503, so that a load balancer stops sending it reads); writes are caught up in
   * milliseconds, so this means the node cannot keep up or cannot read the store.
   */
  static final long MAX_LAG_MILLIS = 10_000;

  /**
   * Liveness and readiness: 200 {@code ok} when store and index answer and agree; 503 with {@code
   * damaged} (store pages damaged: restore a backup), {@code degraded} (index being rebuilt) or
   * {@code inconsistent} (store and index counts differ) otherwise, with the problem in words.
   */
  public void health(Context ctx) {
    String damage = catalog.storeDamage();
    if (damage != null) {
      Http.json(
          ctx,
          503,
          new Health("damaged", false, damage, null, taxonomy.version(), null, null, null));
      return;
    }
    String indexProblem = catalog.checkIndex();
    if (indexProblem != null) {
      // no counting while the index is gone or being rebuilt: it would fail, not inform
      Http.json(
          ctx,
          503,
          new Health("degraded", false, indexProblem, null, taxonomy.version(), null, null, null));
      return;
    }
    long seqBefore = catalog.storeSeq();
    Map<String, Long> store = new TreeMap<>();
    Map<String, Long> index = new TreeMap<>();
    boolean agree = true;
    for (Map.Entry<EntityType, long[]> e : catalog.counts().entrySet()) {
      store.put(e.getKey().path(), e.getValue()[0]);
      index.put(e.getKey().path(), e.getValue()[1]);
      agree &= e.getValue()[0] == e.getValue()[1];
    }

    var lag = catalog.syncLag();
    var config = catalog.storeConfig();
    // a node on a shared store that has not applied the newest writes yet may count differently
    // for a moment: that is lag, reported as such, not damage
    // (another node may also have committed while the counts were read)
    boolean catchingUp = config.shared() && (lag.behind() > 0 || catalog.storeSeq() != seqBefore);
    // a node that has not even looked at the store for that long is stuck (its index thread waits
    // on something): as bad as trailing it
    boolean lagging =
        config.shared()
            && (lag.lagMillis() > MAX_LAG_MILLIS || lag.lastLookMillisAgo() > MAX_LAG_MILLIS);
    String status = lagging ? "lagging" : agree || catchingUp ? "ok" : "inconsistent";
    String problem =
        lagging
            ? "this node's index is "
                + lag.lagMillis()
                + " ms ("
                + lag.behind()
                + " changes) behind the shared store, which it last read "
                + lag.lastLookMillisAgo()
                + " ms ago"
            : status.equals("ok") ? null : "store and index hold different numbers of entities";
    Sync sync =
        new Sync(
            config.describe(),
            config.shared(),
            lag.appliedSeq(),
            lag.storeSeq(),
            lag.behind(),
            lag.lagMillis());
    // counts and the write sequence are for callers with a key: anonymously they would let anyone
    // watch the programme's write activity
    boolean detailed = Http.principal(ctx).role() != Principal.Role.ANONYMOUS;
    Http.json(
        ctx,
        status.equals("ok") ? 200 : 503,
        detailed
            ? new Health(
                status, agree, problem, catalog.storeSeq(), taxonomy.version(), store, index, sync)
            : new Health(status, agree, problem, null, taxonomy.version(), null, null, null));
  }

  /**
   * {@code GET /health/ready}: as {@code /health}, and 503 {@code warming} while the service sends
   * itself its hot requests after start ({@code WarmUp}): a balancer waits for it.
   */
  public void ready(Context ctx) {
    if (warming.getAsBoolean()) {
      Http.json(
          ctx,
          503,
          new Health(
              "warming",
              false,
              "warming up the request path after start; ready shortly",
              null,
              taxonomy.version(),
              null,
              null,
              null));
      return;
    }
    health(ctx);
  }

  /** {@code GET /health/live}: the process answers; nothing else is checked. */
  public void live(Context ctx) {
    Http.json(ctx, 200, java.util.Map.of("status", "live"));
  }

  /** What {@code /api/v1/taxonomy} answers: the taxonomy and the closed code lists. */
  public record TaxonomyAnswer(
      String version,
      Collection<Sector> sectors,
      Collection<Stage> stages,
      Collection<District> districts,
      Collection<Service> services,
      Collection<FounderGroup> founderGroups,
      CodeLists codes,
      Collection<Place> places) {}

  /** The closed code lists of the entity fields. */
  public record CodeLists(
      List<String> projectStatus,
      List<String> awardLevels,
      List<String> mentorKinds,
      List<String> parkKinds,
      List<String> parkLevels,
      List<String> investorKinds,
      List<String> instruments,
      List<String> policyCategories,
      List<String> policyAudiences,
      List<String> benefitTypes) {}

  /**
   * Who the caller is: the role of its key, the name the audit log records, what it is bound to (an
   * entity, or for an officer key its region: adcode and name).
   */
  public record Me(
      String role,
      String name,
      String boundType,
      String boundId,
      String region,
      String regionName) {}

  /** {@code GET /api/v1/me}: the caller's role (anonymous without a key); the console asks it. */
  public void me(Context ctx) {
    Principal p = Http.principal(ctx);
    Http.json(
        ctx,
        200,
        new Me(
            p.roleCode(),
            p.name(),
            p.isBound() ? p.boundType().path() : null,
            p.isBound() ? p.boundEntityId() : null,
            p.region(),
            p.region() == null ? null : taxonomy.places().name(p.region())));
  }

  public void taxonomy(Context ctx) {
    Http.json(
        ctx,
        200,
        new TaxonomyAnswer(
            taxonomy.version(),
            taxonomy.sectors(),
            taxonomy.stages(),
            taxonomy.districts(),
            taxonomy.services(),
            taxonomy.founderGroups(),
            new CodeLists(
                Codes.PROJECT_STATUS,
                Codes.AWARD_LEVELS,
                Codes.MENTOR_KINDS,
                Codes.PARK_KINDS,
                Codes.PARK_LEVELS,
                Codes.INVESTOR_KINDS,
                Codes.INSTRUMENTS,
                Codes.POLICY_CATEGORIES,
                Codes.POLICY_AUDIENCES,
                Codes.BENEFIT_TYPES),
            taxonomy.places().all()));
  }

  /**
   * {@code GET /openapi.json}: the contract, with {@code servers} naming the address the caller
   * reached (so a generated client talks to this server, whatever its host and port).
   */
  public void openApi(Context ctx) {
    ObjectNode doc = (ObjectNode) Json.parse(openApi);
    String host = ctx.header("Host");
    String base = ctx.scheme() + "://" + (host == null || host.isBlank() ? ctx.host() : host);
    doc.putArray("servers").addObject().put("url", base);
    Http.json(ctx, 200, doc);
  }

  private static byte[] resource(String name) {
    try (InputStream in = InfoController.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
