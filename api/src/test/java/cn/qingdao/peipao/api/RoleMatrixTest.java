package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.KeyAccessControl;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.index.store.Assignment;
import cn.qingdao.peipao.index.store.AssignmentStore;
import cn.qingdao.peipao.index.store.FeedbackStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation of {@code /openapi.json} × every role (anonymous, admin, portal, an officer key
 * for 崂山区 against a project there and one elsewhere, and founder, mentor, park and investor keys
 * each against its own and another entity), GET routes also as HEAD. The expected outcome of each
 * comes from {@link #EXPECT}, one row per operation written from the README's security section, not
 * from the code: a route added without a row fails the test, and so does a row left for a route
 * that is gone. A refused request must leave the store exactly as it was (no entity, assignment or
 * feedback written).
 */
class RoleMatrixTest {
  enum Role {
    ANONYMOUS(null),
    ADMIN(null),
    PORTAL(null),
    OFFICER(null),
    FOUNDER(EntityType.PROJECTS),
    MENTOR(EntityType.MENTORS),
    PARK(EntityType.PARKS),
    INVESTOR(EntityType.INVESTORS);

    final EntityType bound;

    Role(EntityType bound) {
      this.bound = bound;
    }

    String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What a role gets: allowed, refused (401/403), or not even told the entity exists (404). */
  enum Outcome {
    OK,
    DENY,
    HIDE
  }

  enum Variant {
    OWN,
    OTHER
  }

  /**
   * Per operation: clauses {@code roles: rule} separated by {@code ;}. A rule is {@code ok}, {@code
   * own} (allowed on its own entity, refused on another's), {@code own-hide} (another's answers
   * 404, as if absent) or {@code deny-hide} (refused on its own, another's answers 404). Roles not
   * named are refused. {@code TYPE} rows stand for each entity type; {@code TYPE!} for each type
   * but projects.
   */
  static final Map<String, String> EXPECT = new LinkedHashMap<>();

  static {
    String all = "anonymous admin portal officer founder mentor park investor";
    String bound = "founder mentor park investor";
    EXPECT.put("GET /health", all + ": ok");
    EXPECT.put("GET /health/ready", all + ": ok");
    EXPECT.put("GET /health/live", all + ": ok");
    // on loopback (where the test runs) anyone; elsewhere only the admin key
    EXPECT.put("GET /metrics", all + ": ok");
    EXPECT.put("GET /api/v1/allocations", "admin portal officer: ok");
    EXPECT.put("GET /openapi.json", all + ": ok");
    EXPECT.put("GET /api/v1/taxonomy", all + ": ok");
    EXPECT.put("GET /api/v1/me", all + ": ok");
    EXPECT.put("POST /api/v1/policies/match", all + ": ok");
    EXPECT.put("GET /api/v1/projects", "admin portal officer: ok");
    EXPECT.put("GET /api/v1/TYPE!", "admin portal officer " + bound + ": ok");
    EXPECT.put("POST /api/v1/TYPE", "admin: ok");
    EXPECT.put("POST /api/v1/TYPE/import", "admin: ok");
    EXPECT.put(
        "GET /api/v1/projects/{id}",
        "admin portal mentor park investor: ok; founder officer: own-hide");
    EXPECT.put("GET /api/v1/TYPE!/{id}", "admin portal officer " + bound + ": ok");
    EXPECT.put("PUT /api/v1/projects/{id}", "admin: ok; founder: own; officer: own-hide");
    EXPECT.put("PUT /api/v1/TYPE!/{id}", "admin: ok");
    EXPECT.put("DELETE /api/v1/TYPE/{id}", "admin: ok");
    EXPECT.put(
        "GET /api/v1/projects/{id}/recommendations",
        "admin portal: ok; founder: own; officer: own-hide");
    EXPECT.put("GET /api/v1/mentors/{id}/recommendations", "admin portal officer: ok; mentor: own");
    EXPECT.put("GET /api/v1/parks/{id}/recommendations", "admin portal officer: ok; park: own");
    EXPECT.put(
        "GET /api/v1/investors/{id}/recommendations", "admin portal officer: ok; investor: own");
    EXPECT.put("POST /api/v1/recommendations", "admin portal officer: ok");
    EXPECT.put("GET /api/v1/events/{id}/recommendations", "admin portal officer: ok");
    // sign-ups: a founder for its own project, an officer for its region's (OTHER: elsewhere)
    EXPECT.put("POST /api/v1/events/{id}/registrations", "admin: ok; founder officer: own");
    EXPECT.put("GET /api/v1/events/{id}/registrations", "admin portal officer: ok");
    EXPECT.put(
        "DELETE /api/v1/events/{id}/registrations/{projectId}",
        "admin: ok; founder officer: own-hide");
    EXPECT.put(
        "GET /api/v1/projects/{id}/registrations",
        "admin portal: ok; founder: own; officer: own-hide");
    EXPECT.put("POST /api/v1/events/{id}/attendance", "admin: ok; officer: own");
    EXPECT.put("POST /api/v1/events/{id}/results", "admin: ok; officer: own");
    EXPECT.put("GET /api/v1/policies/{id}/recommendations", "admin portal officer: ok");
    // an officer's cohort named outside its region is refused (403 naming projects[0])
    EXPECT.put("POST /api/v1/allocations", "admin: ok; officer: own");
    EXPECT.put("GET /api/v1/allocations/{id}", "admin portal: ok; officer: own-hide");
    EXPECT.put("POST /api/v1/allocations/{id}/publish", "admin: ok; officer: own-hide");
    EXPECT.put("POST /api/v1/assignments/{id}/end", "admin: ok; officer: own-hide");
    EXPECT.put(
        "GET /api/v1/projects/{id}/assignments",
        "admin portal: ok; founder: own; officer: own-hide");
    EXPECT.put("GET /api/v1/mentors/{id}/assignments", "admin portal officer: ok; mentor: own");
    EXPECT.put("GET /api/v1/parks/{id}/assignments", "admin portal officer: ok; park: own");
    EXPECT.put("POST /api/v1/projects/{id}/growth", "admin: ok; founder: own; officer: own-hide");
    // a park or mentor key reads the growth of the consenting projects it accompanies; the
    // matrix's project is accompanied by neither: 404
    EXPECT.put(
        "GET /api/v1/projects/{id}/growth",
        "admin portal: ok; founder: own; officer: own-hide; park mentor: hide");
    EXPECT.put(
        "GET /api/v1/projects/{id}/alerts",
        "admin portal: ok; founder: own; officer: own-hide; park mentor: hide");
    EXPECT.put(
        "GET /api/v1/projects/{id}/history", "admin portal: ok; founder: own; officer: own-hide");
    EXPECT.put("POST /api/v1/growth/import", "admin: ok");
    EXPECT.put("GET /api/v1/alerts", "admin portal officer: ok");
    EXPECT.put("POST /api/v1/projects/{id}/reopen", "admin: ok; officer: own-hide");
    // the body is an accept: a portal key cannot decide for a project, a bound key only its own
    // pair
    EXPECT.put("POST /api/v1/feedback", "admin: ok; " + bound + ": own");
    EXPECT.put("GET /api/v1/feedback", "admin portal: ok");
    EXPECT.put("GET /api/v1/profiles", "admin portal: ok");
    EXPECT.put("POST /api/v1/tickets", "admin portal: ok; founder officer: own");
    EXPECT.put("GET /api/v1/stats", "admin portal officer: ok");
    EXPECT.put("POST /api/v1/policies/{id}/outreach", "admin: ok; officer: own");
    EXPECT.put("GET /api/v1/policies/{id}/outreach", "admin portal officer: ok");
    EXPECT.put("POST /api/v1/mentors/{id}/sessions", "admin: ok; mentor: own");
    EXPECT.put("GET /api/v1/mentors/{id}/sessions", "admin portal officer: ok; mentor: own");
    EXPECT.put("GET /api/v1/mentors/{id}/performance", "admin portal officer: ok; mentor: own");
    EXPECT.put("GET /api/v1/tickets", "admin portal officer founder mentor: ok");
    EXPECT.put("GET /api/v1/tickets/{id}", "admin portal: ok; founder mentor officer: own-hide");
    EXPECT.put("POST /api/v1/tickets/{id}/assign", "admin: ok; officer: own-hide");
    // another's ticket is hidden (404) from founder and mentor keys, whatever the move
    EXPECT.put(
        "POST /api/v1/tickets/{id}/respond",
        "admin: ok; mentor officer: own-hide; founder: deny-hide");
    EXPECT.put(
        "POST /api/v1/tickets/{id}/resolve",
        "admin: ok; mentor officer: own-hide; founder: deny-hide");
    EXPECT.put(
        "POST /api/v1/tickets/{id}/close",
        "admin: ok; founder officer: own-hide; mentor: deny-hide");
    EXPECT.put(
        "POST /api/v1/tickets/{id}/reopen",
        "admin: ok; founder officer: own-hide; mentor: deny-hide");
    // spaces: any key reads a park's rooms and calendar; the park's own key runs its desk; a
    // founder books and applies for its own project (its OTHER variant names another project)
    EXPECT.put("GET /api/v1/parks/{id}/spaces", "admin portal officer " + bound + ": ok");
    EXPECT.put("PUT /api/v1/parks/{id}/spaces", "admin: ok; park: own");
    EXPECT.put("GET /api/v1/parks/{id}/bookings", "admin portal officer " + bound + ": ok");
    EXPECT.put("POST /api/v1/parks/{id}/bookings", "admin: ok; park founder: own");
    // another project's booking does not exist for a founder key
    EXPECT.put(
        "DELETE /api/v1/parks/{id}/bookings/{bookingId}",
        "admin: ok; park: own; founder: own-hide");
    EXPECT.put(
        "GET /api/v1/projects/{id}/bookings", "admin portal: ok; founder: own; officer: own-hide");
    EXPECT.put("POST /api/v1/parks/{id}/applications", "admin: ok; founder officer: own");
    EXPECT.put("GET /api/v1/parks/{id}/applications", "admin: ok; park: own");
    EXPECT.put("POST /api/v1/parks/{id}/applications/{appId}/decision", "admin: ok; park: own");
    // park reports: the park files its own; admin, portal and officers read them (an officer:
    // its region's parks — the matrix's parks lie outside 崂山区, so an officer is told none exist)
    EXPECT.put("POST /api/v1/parks/{id}/reports", "admin: ok; park: own");
    EXPECT.put("GET /api/v1/parks/{id}/reports", "admin portal: ok; park: own; officer: hide");
    EXPECT.put("GET /api/v1/parks/{id}/evaluation", "admin portal: ok; park: own; officer: hide");
    EXPECT.put("GET /api/v1/parks/evaluations", "admin portal officer: ok");
    EXPECT.put(
        "POST /api/v1/tickets/{id}/rate",
        "admin: ok; founder officer: own-hide; mentor: deny-hide");
  }

  static final Map<Role, String> KEYS = new LinkedHashMap<>();
  static final Map<Role, String> OWN = new HashMap<>();

  @TempDir static Path dir;
  static TestServer s;
  static String otherProject;

  /** An active, consenting project outside the officer key's region. */
  static String farProject;

  /** The officer key's region: 崂山区. */
  static final String REGION = "370212";

  static int fresh;

  @BeforeAll
  static void start() {
    for (Role r : Role.values())
      if (r != Role.ANONYMOUS) KEYS.put(r, r.code() + "-matrix-key-0123456789");
    OWN.put(Role.FOUNDER, "syn-p-00003");
    OWN.put(Role.MENTOR, "syn-m-00001");
    OWN.put(Role.PARK, "k-shaohaihui");
    OWN.put(Role.INVESTOR, "i-qrcb-shinan");
    StringBuilder keys = new StringBuilder("[");
    for (Map.Entry<Role, String> k : KEYS.entrySet()) {
      if (keys.length() > 1) keys.append(',');
      keys.append("{\"name\":\"")
          .append(k.getKey().code())
          .append(" matrix\",\"role\":\"")
          .append(k.getKey().code())
          .append("\",\"key\":\"")
          .append(k.getValue())
          .append('"');
      if (OWN.containsKey(k.getKey()))
        keys.append(",\"entity\":\"").append(OWN.get(k.getKey())).append('"');
      if (k.getKey() == Role.OFFICER) keys.append(",\"region\":\"").append(REGION).append('"');
      keys.append('}');
    }
    keys.append(']');
    s =
        TestServer.withDemoData(
            dir, new KeyAccessControl(ApiKeys.read(Json.parse(keys.toString()))));
    // another project every bound key may see: active and consenting to every kind, in the
    // officer key's region; and one like it elsewhere
    otherProject = consenting(true);
    farProject = consenting(false);
  }

  static String consenting(boolean inLaoshan) {
    return IntStream.rangeClosed(1, 400)
        .mapToObj(i -> String.format("syn-p-%05d", i))
        .filter(id -> !id.equals(OWN.get(Role.FOUNDER)))
        .filter(
            id -> {
              Project p = (Project) s.catalog.entity(EntityType.PROJECTS, id).orElseThrow();
              return "active".equals(p.status())
                  && p.consent().mentors()
                  && p.consent().parks()
                  && p.consent().investors()
                  && "laoshan".equals(p.location().district()) == inLaoshan;
            })
        .findFirst()
        .orElseThrow();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  /** One operation of the document, with {@code TYPE} resolved. */
  record Op(String method, String path, EntityType type) {
    String key() {
      return method + " " + path;
    }
  }

  static List<Op> documentedOperations() {
    JsonNode doc = TestServer.ok(s.get("/openapi.json"));
    List<Op> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
        String method = m.next();
        if (Set.of("get", "post", "put", "delete", "patch").contains(method))
          out.add(
              new Op(method.toUpperCase(java.util.Locale.ROOT), p.getKey(), typeOf(p.getKey())));
      }
    }
    return out;
  }

  static EntityType typeOf(String path) {
    String[] parts = path.split("/");
    return parts.length > 3 ? EntityType.fromPath(parts[3]).orElse(null) : null;
  }

  /** The row for an operation: its own, or the TYPE row it falls under. */
  static String rowOf(Op op) {
    if (EXPECT.containsKey(op.key())) return op.key();
    if (op.type() == null) return null;
    String generic = op.key().replace("/" + op.type().path(), "/TYPE");
    String notProjects = op.key().replace("/" + op.type().path(), "/TYPE!");
    if (op.type() != EntityType.PROJECTS && EXPECT.containsKey(notProjects)) return notProjects;
    return EXPECT.containsKey(generic) ? generic : null;
  }

  /** The rule the row gives {@code role}, or null when the row does not name it (refused). */
  static String ruleOf(String row, Role role) {
    for (String clause : EXPECT.get(row).split(";")) {
      String[] parts = clause.split(":");
      List<String> roles = List.of(parts[0].trim().split("\\s+"));
      if (roles.contains(role.code())) return parts[1].trim();
    }
    return null;
  }

  static Outcome expected(String row, Role role, Variant variant) {
    String rule = ruleOf(row, role);
    if (rule == null) return Outcome.DENY;
    return switch (rule) {
      case "ok" -> Outcome.OK;
      case "own" -> variant == Variant.OWN ? Outcome.OK : Outcome.DENY;
      case "own-hide" -> variant == Variant.OWN ? Outcome.OK : Outcome.HIDE;
      case "deny-hide" -> variant == Variant.OWN ? Outcome.DENY : Outcome.HIDE;
      case "hide" -> Outcome.HIDE;
      default -> throw new IllegalArgumentException("bad rule in row " + row);
    };
  }

  @Test
  void everyOperationHasARowAndEveryRowAnOperation() {
    List<Op> ops = documentedOperations();
    List<String> missing = ops.stream().filter(o -> rowOf(o) == null).map(Op::key).toList();
    assertTrue(missing.isEmpty(), "operations without a row in EXPECT: " + missing);
    Set<String> used = new TreeSet<>();
    for (Op o : ops) used.add(rowOf(o));
    Set<String> stale = new TreeSet<>(EXPECT.keySet());
    stale.removeAll(used);
    assertTrue(stale.isEmpty(), "rows for operations that no longer exist: " + stale);
  }

  @Test
  void everyRoleGetsWhatTheTableSaysAndARefusalWritesNothing() {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Op op : documentedOperations()) {
      String row = rowOf(op);
      if (row == null) continue; // reported by the other test
      for (Role role : Role.values()) {
        for (Variant variant : variants(op, role, row)) {
          Outcome want = expected(row, role, variant);
          List<String> methods =
              op.method().equals("GET") ? List.of("GET", "HEAD") : List.of(op.method());
          for (String method : methods) {
            Request req = request(op, role, variant);
            Snapshot before = Snapshot.take();
            long writes = s.catalog.writeTransactions();
            TestServer.Response r = send(method, req, role);
            checked++;
            // a read never takes the write path (with several nodes, the cluster-wide lock)
            if ((method.equals("GET") || method.equals("HEAD"))
                && s.catalog.writeTransactions() != writes)
              failures.add(
                  method + " " + req.path() + " as " + role.code() + " took the write path");
            String got = describe(r, want);
            if (got != null)
              failures.add(
                  method + " " + req.path() + " as " + role.code() + " (" + variant + "): " + got);
            if (want != Outcome.OK && !before.equals(Snapshot.take()))
              failures.add(
                  method + " " + req.path() + " as " + role.code() + " was refused but wrote");
          }
        }
      }
    }
    assertTrue(checked > 400, "only " + checked + " requests checked");
    assertTrue(
        failures.isEmpty(),
        failures.size() + " of " + checked + " wrong:\n" + String.join("\n", failures));
  }

  /** Why the answer does not match {@code want}, or null. */
  static String describe(TestServer.Response r, Outcome want) {
    int st = r.status();
    return switch (want) {
      case OK ->
          st == 401 || st == 403 || st == 404 || st >= 500
              ? "expected access, got " + st + " " + r.body()
              : null;
      case DENY -> st == 401 || st == 403 ? null : "expected 401/403, got " + st + " " + r.body();
      case HIDE -> st == 404 ? null : "expected 404, got " + st + " " + r.body();
    };
  }

  /**
   * Own and other entity for a bound key on a route about its kind of entity, and for an officer
   * key wherever its row tells its region from elsewhere (OWN: a project in 崂山区, OTHER: one outside
   * it); else just other.
   */
  static List<Variant> variants(Op op, Role role, String row) {
    if (role == Role.OFFICER) {
      String rule = ruleOf(row, role);
      return rule == null || rule.equals("ok")
          ? List.of(Variant.OTHER)
          : List.of(Variant.OWN, Variant.OTHER);
    }
    if (role.bound == null) return List.of(Variant.OTHER);
    boolean aboutOwnKind = op.path().contains("{id}") && op.type() == role.bound;
    boolean ownTicket =
        op.path().startsWith("/api/v1/tickets") && (role == Role.FOUNDER || role == Role.MENTOR);
    boolean ownBooking =
        role == Role.FOUNDER
            && (op.key().equals("POST /api/v1/parks/{id}/bookings")
                || op.key().startsWith("POST /api/v1/events/{id}/registrations")
                || op.key().startsWith("DELETE /api/v1/events/{id}/registrations")
                || op.key().equals("POST /api/v1/parks/{id}/applications")
                || op.key().equals("DELETE /api/v1/parks/{id}/bookings/{bookingId}"));
    return aboutOwnKind || ownTicket || ownBooking || op.path().equals("/api/v1/feedback")
        ? List.of(Variant.OWN, Variant.OTHER)
        : List.of(Variant.OTHER);
  }

  record Request(String path, String contentType, String body) {}

  static TestServer.Response send(String method, Request req, Role role) {
    List<String> headers = new ArrayList<>();
    if (role != Role.ANONYMOUS) {
      headers.add("Authorization");
      headers.add("Bearer " + KEYS.get(role));
    }
    byte[] body = req.body() == null ? null : req.body().getBytes(StandardCharsets.UTF_8);
    return s.send(method, req.path(), req.contentType(), body, headers.toArray(String[]::new));
  }

  /** A request for the operation that an allowed caller would get a 2xx for. */
  static Request request(Op op, Role role, Variant variant) {
    EntityType type = op.type();
    String path = op.path();
    String json = "application/json";
    if (path.contains("{id}")) path = path.replace("{id}", idFor(op, role, variant));
    if (path.matches("/api/v1/parks/[^/]+/(bookings|applications).*")) lastPark(path);
    if (path.contains("{bookingId}"))
      path = path.replace("{bookingId}", booking(lastPark(path), projectFor(role, variant)));
    if (path.contains("{appId}")) path = path.replace("{appId}", application(lastPark(path)));
    if (path.contains("{projectId}"))
      path = path.replace("{projectId}", signedUp(path.split("/")[4], projectFor(role, variant)));
    return switch (op.key().replace("/" + (type == null ? "-" : type.path()), "/TYPE")) {
      case "POST /api/v1/TYPE" -> new Request(path, json, copyOf(type, "mx-" + (++fresh)));
      case "POST /api/v1/TYPE/import" ->
          new Request(path, "application/x-ndjson", copyOf(type, "mx-" + (++fresh)) + "\n");
      case "PUT /api/v1/TYPE/{id}" ->
          new Request(path, json, s.catalog.get(type, lastId(path)).orElseThrow().json());
      case "POST /api/v1/policies/match" ->
          new Request(path, json, "{\"profile\":{\"sectors\":[\"ai\"],\"stage\":\"seed\"}}");
      case "POST /api/v1/recommendations" ->
          new Request(
              path,
              json,
              "{\"target\":\"mentors\",\"limit\":2,\"profile\":{\"name\":\"x\",\"sectors\":[\"ai\"],"
                  + "\"stage\":\"seed\",\"location\":{\"district\":\"laoshan\"}}}");
      case "POST /api/v1/allocations" ->
          new Request(
              path,
              json,
              "{\"projects\":[\"" + projectFor(role, variant) + "\"],\"counterpart\":\"mentors\"}");
      case "POST /api/v1/TYPE/{id}/growth" ->
          new Request(
              path, json, "{\"date\":\"" + LocalDate.now().minusDays(3) + "\",\"revenue\":100}");
      case "POST /api/v1/growth/import" ->
          new Request(
              path,
              "application/x-ndjson",
              "{\"projectId\":\""
                  + otherProject
                  + "\",\"date\":\""
                  + LocalDate.now().minusDays(3)
                  + "\",\"revenue\":100}\n");
      case "POST /api/v1/feedback" -> new Request(path, json, feedback(role, variant));
      case "POST /api/v1/tickets" ->
          new Request(
              path,
              json,
              "{\"projectId\":\""
                  + projectFor(role, variant)
                  + "\",\"need\":\"finance\",\"text\":\"需要融资对接\"}");
      case "POST /api/v1/tickets/{id}/assign" ->
          new Request(
              path,
              json,
              "{\"responder\":{\"type\":\"mentors\",\"id\":\"" + TICKET_MENTOR + "\"}}");
      case "POST /api/v1/tickets/{id}/respond" -> new Request(path, json, "{\"text\":\"已联系\"}");
      case "POST /api/v1/tickets/{id}/resolve" -> new Request(path, json, "{\"outcome\":\"已解决\"}");
      case "POST /api/v1/tickets/{id}/rate" -> new Request(path, json, "{\"rating\":5}");
      case "PUT /api/v1/TYPE/{id}/spaces" -> new Request(path, json, INVENTORY);
      case "POST /api/v1/TYPE/{id}/bookings" ->
          new Request(
              path,
              json,
              "{\"spaceId\":\"mx-room\",\"projectId\":\""
                  + projectFor(role, variant)
                  + "\",\"start\":\""
                  + nextSlot()
                  + "\",\"end\":\""
                  + lastSlot.plusSeconds(1800)
                  + "\",\"purpose\":\"路演彩排\"}");
      case "POST /api/v1/TYPE/{id}/applications" ->
          new Request(
              path,
              json,
              "{\"projectId\":\"" + projectFor(role, variant) + "\",\"kinds\":[\"office\"]}");
      case "POST /api/v1/TYPE/{id}/reports" -> new Request(path, json, REPORT);
      case "POST /api/v1/TYPE/{id}/registrations" ->
          new Request(path, json, "{\"projectId\":\"" + projectFor(role, variant) + "\"}");
      case "POST /api/v1/TYPE/{id}/attendance" ->
          new Request(
              path,
              json,
              "[{\"projectId\":\"" + projectFor(role, variant) + "\",\"attended\":true}]");
      case "POST /api/v1/TYPE/{id}/results" ->
          new Request(
              path,
              json,
              "[{\"projectId\":\""
                  + projectFor(role, variant)
                  + "\",\"award\":{\"name\":\"优秀奖\",\"level\":\"city\"}}]");
      case "POST /api/v1/TYPE/{id}/applications/{appId}/decision" ->
          new Request(path, json, "{\"decision\":\"decline\",\"reason\":\"矩阵测试\"}");
      case "POST /api/v1/TYPE/{id}/outreach" ->
          new Request(
              path,
              json,
              "{\"projectId\":\"" + projectFor(role, variant) + "\",\"status\":\"contacted\"}");
      case "POST /api/v1/TYPE/{id}/sessions" ->
          new Request(
              path,
              json,
              "{\"projectId\":\""
                  + otherProject
                  + "\",\"date\":\""
                  + LocalDate.now().minusDays(1)
                  + "\",\"hours\":1.5,\"topic\":\"融资辅导\"}");
      default ->
          new Request(
              path,
              op.method().equals("GET") ? null : json,
              op.method().equals("GET") ? null : "{}");
    };
  }

  /** A yearly report of last year. */
  static final String REPORT =
      ("{\"year\":%d,\"area\":12000,\"tenants\":80,\"revenue\":3.5e8,\"jobs\":900,"
              + "\"highTech\":12,\"specialized\":5,\"techShare\":0.78,\"roadshows\":4,"
              + "\"investmentEvents\":11,\"financeInstitutions\":10,\"students\":40,"
              + "\"staff\":12}")
          .formatted(java.time.LocalDate.now().getYear() - 1);

  /** Every park the matrix uses gets a meeting room "mx-room" and an office "mx-office". */
  static final String INVENTORY =
      "[{\"id\":\"mx-room\",\"kind\":\"meeting_room\",\"name\":\"会议室\",\"area\":30},"
          + "{\"id\":\"mx-office\",\"kind\":\"office\",\"name\":\"办公室\",\"area\":50}]";

  static java.time.Instant lastSlot = java.time.Instant.now().plusSeconds(86_400L * 3);

  /** A fresh half-hour slot, later than every one before, so no booking collides. */
  static synchronized String nextSlot() {
    lastSlot = lastSlot.plusSeconds(3600);
    return lastSlot.toString();
  }

  /** The park id of a path under /api/v1/parks/{id}/…, given an inventory first time. */
  static String lastPark(String path) {
    String park = path.split("/")[4];
    if (STOCKED.add(park))
      assertEquals(
          200,
          s.json(
                  "PUT",
                  "/api/v1/parks/" + park + "/spaces",
                  INVENTORY,
                  "Authorization",
                  "Bearer " + KEYS.get(Role.ADMIN))
              .status());
    return park;
  }

  static final Set<String> STOCKED = new java.util.HashSet<>();

  /** A fresh booking of {@code project} at {@code park}, made by the admin key. */
  static String booking(String park, String project) {
    TestServer.Response r =
        s.json(
            "POST",
            "/api/v1/parks/" + park + "/bookings",
            "{\"spaceId\":\"mx-room\",\"projectId\":\""
                + project
                + "\",\"start\":\""
                + nextSlot()
                + "\",\"end\":\""
                + lastSlot.plusSeconds(1800)
                + "\",\"purpose\":\"矩阵\"}",
            "Authorization",
            "Bearer " + KEYS.get(Role.ADMIN));
    assertEquals(201, r.status(), r.body());
    return r.json().get("id").asText();
  }

  /**
   * Signs {@code project} up for {@code event} through the admin key, unless it is signed up;
   * returns the project id (the path's {@code {projectId}}).
   */
  static String signedUp(String event, String project) {
    TestServer.Response r =
        s.json(
            "POST",
            "/api/v1/events/" + event + "/registrations",
            "{\"projectId\":\"" + project + "\"}",
            "Authorization",
            "Bearer " + KEYS.get(Role.ADMIN));
    if (r.status() != 201 && r.status() != 409) throw new IllegalStateException(r.body());
    return project;
  }

  /** A fresh pending application to {@code park} of a fresh active project. */
  static String application(String park) {
    String project = put(EntityType.PROJECTS, "mx-" + (++fresh));
    TestServer.Response r =
        s.json(
            "POST",
            "/api/v1/parks/" + park + "/applications",
            "{\"projectId\":\"" + project + "\",\"kinds\":[\"office\"]}",
            "Authorization",
            "Bearer " + KEYS.get(Role.ADMIN));
    assertEquals(201, r.status(), r.body());
    return r.json().get("id").asText();
  }

  static String lastId(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** An accept on a pair that includes the key's own entity (OWN), or on someone else's pair. */
  static String feedback(Role role, Variant variant) {
    String project = otherProject;
    String targetType = "mentors";
    String target = "syn-m-00002";
    if (variant == Variant.OWN) {
      switch (role) {
        case FOUNDER -> project = OWN.get(role);
        case MENTOR -> target = OWN.get(role);
        case PARK -> {
          targetType = "parks";
          target = OWN.get(role);
        }
        case INVESTOR -> {
          targetType = "investors";
          target = OWN.get(role);
        }
        default -> {}
      }
    }
    return "{\"subjectType\":\"projects\",\"subjectId\":\""
        + project
        + "\",\"targetType\":\""
        + targetType
        + "\",\"targetId\":\""
        + target
        + "\",\"action\":\"accept\"}";
  }

  /** The {@code {id}} to use: the key's own entity, another, or a fresh thing to act on. */
  static String idFor(Op op, Role role, Variant variant) {
    if (op.path().startsWith("/api/v1/allocations/")) return draft(projectFor(role, variant));
    if (op.path().startsWith("/api/v1/tickets/")) return ticket(role, variant);
    if (op.path().startsWith("/api/v1/assignments/")) return assignment(projectFor(role, variant));
    EntityType type = op.type();
    // an officer's variants are about the project, whatever the path's entity
    if (variant == Variant.OWN && role != Role.OFFICER && type == role.bound) return OWN.get(role);
    // a delete acts on a copy, so that the entities the other rows use stay
    if (op.method().equals("DELETE")) return put(type, "mx-" + (++fresh));
    return switch (type) {
      case PROJECTS -> projectFor(role, variant);
      case MENTORS -> "syn-m-00002";
      case PARKS -> otherOf(EntityType.PARKS);
      case INVESTORS -> otherOf(EntityType.INVESTORS);
      case POLICIES -> otherOf(EntityType.POLICIES);
      case EVENTS -> "ev-competition-final"; // open, ahead, with seats: sign-ups go through
    };
  }

  static final Map<EntityType, String> OTHERS = new HashMap<>();

  static String otherOf(EntityType type) {
    return OTHERS.computeIfAbsent(
        type,
        t -> {
          JsonNode hits =
              TestServer.ok(
                      s.send(
                          "GET",
                          "/api/v1/" + t.path() + "?size=5",
                          null,
                          null,
                          "Authorization",
                          "Bearer " + KEYS.get(Role.ADMIN)))
                  .get("items");
          for (JsonNode h : hits) {
            String id = h.get("id").asText();
            if (!id.equals(OWN.get(Role.PARK)) && !id.equals(OWN.get(Role.INVESTOR))) return id;
          }
          throw new IllegalStateException("no other " + t.path());
        });
  }

  static String copyOf(EntityType type, String id) {
    return copyOf(type, id, type == EntityType.PROJECTS ? otherProject : otherOfAny(type));
  }

  static String copyOf(EntityType type, String id, String base) {
    ObjectNode o = (ObjectNode) Json.parse(s.catalog.get(type, base).orElseThrow().json());
    o.put("id", id);
    o.remove("version");
    o.remove("updatedAt");
    return Json.write(o);
  }

  static String otherOfAny(EntityType type) {
    return switch (type) {
      case MENTORS -> "syn-m-00002";
      case PARKS -> "k-shaohaihui";
      default -> otherOf(type);
    };
  }

  /** Stores a copy of another entity of {@code type} as {@code id}; returns the id. */
  static String put(EntityType type, String id) {
    return put(type, id, type == EntityType.PROJECTS ? otherProject : otherOfAny(type));
  }

  static String put(EntityType type, String id, String base) {
    var e = s.catalog.reader().read(type, Json.parse(copyOf(type, id, base)));
    s.catalog.put(e, null, "matrix");
    return id;
  }

  /**
   * The project a request about {@code role}'s variant names: the founder key's own, for an officer
   * key outside its region (OTHER) a project elsewhere, else the other project (in 崂山区).
   */
  static String projectFor(Role role, Variant variant) {
    if (role == Role.FOUNDER && variant == Variant.OWN) return OWN.get(role);
    if (role == Role.OFFICER && variant == Variant.OTHER) return farProject;
    return otherProject;
  }

  /** A fresh draft allocation of {@code project}, made through the API by the admin key. */
  static String draft(String project) {
    TestServer.Response r =
        s.json(
            "POST",
            "/api/v1/allocations",
            "{\"projects\":[\"" + project + "\"],\"counterpart\":\"mentors\"}",
            "Authorization",
            "Bearer " + KEYS.get(Role.ADMIN));
    assertEquals(201, r.status(), r.body());
    return r.json().get("id").asText();
  }

  /** A fresh active assignment of a fresh copy of {@code base}, written to the store directly. */
  static String assignment(String base) {
    String project = put(EntityType.PROJECTS, "mx-" + (++fresh), base);
    String id = "asg-matrix-" + fresh;
    s.catalog.writeLogged(
        tx -> {
          AssignmentStore.insert(
              tx,
              new Assignment(
                  id,
                  project,
                  EntityType.MENTORS,
                  "syn-m-00003",
                  null,
                  null,
                  Instant.now(),
                  "matrix",
                  null,
                  null));
          return null;
        });
    return id;
  }

  /** What a refused request must not change: the entity log, assignments and feedback. */
  record Snapshot(long seq, int activeAssignments, long feedback) {
    static Snapshot take() {
      int active = 0;
      for (EntityType t : List.of(EntityType.MENTORS, EntityType.PARKS))
        active += s.catalog.assignments().loads(t).values().stream().mapToInt(n -> n).sum();
      long events =
          s.catalog
              .feedback()
              .list(new FeedbackStore.Query(null, null, null, null, null, 0, 1_000_000))
              .size();
      return new Snapshot(s.catalog.storeSeq(), active, events);
    }
  }

  /** The mentor the assign row names: another mentor offering the tickets' need. */
  static String TICKET_MENTOR;

  static final Map<String, String> TICKETS = new HashMap<>();

  /**
   * A ticket the variant is about: of the founder key's project (OWN founder), assigned to the
   * mentor key's mentor (OWN mentor), or of another project and mentor (OTHER). Made once through
   * the API with the admin key, then reused (a move that no longer fits its status is a 409, which
   * still shows the access was granted).
   */
  static String ticket(Role role, Variant variant) {
    String project = projectFor(role, variant);
    boolean ownMentor = variant == Variant.OWN && role == Role.MENTOR;
    String key = project + (ownMentor ? "/own-mentor" : "");
    return TICKETS.computeIfAbsent(
        key,
        k -> {
          Mentor m =
              (Mentor) s.catalog.entity(EntityType.MENTORS, OWN.get(Role.MENTOR)).orElseThrow();
          String need = m.services().get(0);
          // an assign row re-assigns to the same other mentor, so that ownership stays put
          if (TICKET_MENTOR == null) TICKET_MENTOR = otherMentorFor(need);
          String responder = ownMentor ? OWN.get(Role.MENTOR) : otherMentorFor(need);
          String channel = ownMentor ? "visit" : "hotline";
          JsonNode opened =
              send(
                      "POST",
                      new Request(
                          "/api/v1/tickets",
                          "application/json",
                          "{\"projectId\":\""
                              + project
                              + "\",\"need\":\""
                              + need
                              + "\",\"text\":\"矩阵测试\",\"channel\":\""
                              + channel
                              + "\"}"),
                      Role.ADMIN)
                  .json();
          String id = opened.at("/ticket/id").asText();
          TestServer.Response assigned =
              send(
                  "POST",
                  new Request(
                      "/api/v1/tickets/" + id + "/assign",
                      "application/json",
                      "{\"responder\":{\"type\":\"mentors\",\"id\":\"" + responder + "\"}}"),
                  Role.ADMIN);
          if (assigned.status() != 200) throw new IllegalStateException(assigned.body());
          return id;
        });
  }

  /** A mentor other than the mentor key's that offers {@code need}. */
  static String otherMentorFor(String need) {
    for (int i = 2; i <= 120; i++) {
      String id = String.format("syn-m-%05d", i);
      Mentor m = (Mentor) s.catalog.entity(EntityType.MENTORS, id).orElseThrow();
      if (m.services().contains(need)) return id;
    }
    throw new IllegalStateException("no other mentor offers " + need);
  }
}
