package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.model.EntityType;
import io.javalin.http.Context;

/**
 * Access by API key ({@code Authorization: Bearer <key>}), with the roles of the API contract:
 *
 * <ul>
 *   <li>anonymous (no key): health, taxonomy, OpenAPI and the policy calculator;
 *   <li>{@code admin}: everything;
 *   <li>{@code portal}: reads, searches and recommends everything, records impressions and clicks,
 *       reads the feedback log; writes nothing;
 *   <li>{@code officer}: bound to a city or county: reads, searches and recommends, and acts on the
 *       projects of its region (edits, growth, tickets, alerts, allocations and their decisions,
 *       outreach, the ledger); a project elsewhere does not exist for it (404), lists hold only its
 *       region's ({@link RegionScope}, applied by the guard and the controllers); creates, deletes
 *       and imports nothing, and does not touch the feedback log;
 *   <li>{@code founder}: bound to one project: reads, edits and records growth for it, its
 *       recommendations and assignments, and feedback on its own pairs;
 *   <li>{@code mentor}, {@code park}, {@code investor}: bound to one entity; recommendations and
 *       assignments for that entity only, feedback on its own pairs, entity reads (projects only
 *       when active and consenting to its kind, or assigned to it, with contact masked, which the
 *       controllers enforce), search of everything but projects.
 * </ul>
 *
 * An unknown key is a 401 (never treated as anonymous); a known key without the right a 403 that
 * says what the key may do instead.
 */
public final class KeyAccessControl implements AccessControl {
  private final ApiKeys keys;

  public KeyAccessControl(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public Principal authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null) return Principal.ANONYMOUS;
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7)
      throw ApiException.unauthorized("Authorization must be 'Bearer <key>'");
    return keys.principal(header.substring(7).trim())
        .orElseThrow(() -> ApiException.unauthorized("unknown API key"));
  }

  @Override
  public void authorize(Principal p, Operation op, Target target) {
    if (op == Operation.PUBLIC || op == Operation.CALCULATE) return;
    switch (p.role()) {
      case ADMIN -> {}
      case ANONYMOUS ->
          throw ApiException.unauthorized(
              "this needs an API key: send 'Authorization: Bearer <key>'");
      case PORTAL -> {
        switch (op) {
          case WRITE,
              IMPORT,
              UPDATE,
              ALLOCATE,
              SERVICE_LOG_WRITE,
              DECIDE,
              OUTREACH,
              PARK_DESK,
              BOOK,
              APPLY,
              EVENT_DESK ->
              throw forbidden(p, "reads, searches and recommends; writes need an admin key");
          default -> {}
        }
      }
      case OFFICER -> officer(p, op, target);
      case FOUNDER, MENTOR, PARK, INVESTOR -> bound(p, op, target);
    }
  }

  private static void officer(Principal p, Operation op, Target target) {
    switch (op) {
      case READ,
          SEARCH,
          RECOMMEND,
          ASSIGNMENTS,
          ALLOCATE,
          DECIDE,
          OUTREACH,
          TICKETS,
          STATS,
          GROWTH,
          TENANT_GROWTH,
          SERVICE_LOG,
          APPLY,
          EVENT_DESK,
          PROJECT_RECORDS,
          PARK_REVIEW,
          PUBLIC,
          CALCULATE -> {}
      case PARK_DESK, BOOK ->
          throw forbidden(p, "does not run a park's desk: its own park key or an admin key does");
      case UPDATE -> {
        if (target.type() != EntityType.PROJECTS)
          throw forbidden(p, "edits the projects of its region; other entities need an admin key");
      }
      case FEEDBACK, FEEDBACK_RECORD ->
          throw forbidden(
              p,
              "does not record or read feedback: it is a project's and its counterparts' (the"
                  + " log is for admin and portal keys)");
      case SERVICE_LOG_WRITE -> throw forbidden(p, "does not log sessions: a mentor logs its own");
      case WRITE, IMPORT ->
          throw forbidden(
              p,
              "acts in its region; creating, deleting and importing entities needs an admin key");
    }
  }

  private static void bound(Principal p, Operation op, Target target) {
    boolean self = p.owns(target.type(), target.id());
    String own = p.boundType().path() + "/" + p.boundEntityId();
    switch (op) {
      case READ, FEEDBACK_RECORD -> {} // the controllers check what the key may see
      case SERVICE_LOG, SERVICE_LOG_WRITE -> {
        if (!self || p.role() != Principal.Role.MENTOR)
          throw forbidden(p, "reads and logs only the service log of its own mentor");
      }
      case TICKETS -> {
        if (p.role() != Principal.Role.FOUNDER && p.role() != Principal.Role.MENTOR)
          throw forbidden(p, "has no tickets: they are a project's and its responders'");
      }
      case SEARCH -> {
        if (target.type() == EntityType.PROJECTS)
          throw forbidden(p, "finds projects through its own recommendations, not by search");
      }
      case RECOMMEND, ASSIGNMENTS -> {
        if (!self) throw forbidden(p, "acts only for " + own + ", its own entity");
      }
      case TENANT_GROWTH -> {
        boolean founder = self && p.role() == Principal.Role.FOUNDER;
        boolean accompanies =
            (p.role() == Principal.Role.PARK || p.role() == Principal.Role.MENTOR)
                && target.type() == EntityType.PROJECTS;
        if (!founder && !accompanies)
          throw forbidden(
              p,
              "does not read growth files: admin and portal keys do, a project's founder key, and"
                  + " a park or mentor key those of the projects it accompanies");
      }
      case GROWTH, UPDATE -> {
        if (!self || p.role() != Principal.Role.FOUNDER)
          throw forbidden(
              p,
              op == Operation.GROWTH
                  ? "does not read growth files and alerts: they are for admin and portal keys"
                      + " and a project's own founder key"
                  : "does not change this: only an admin key, or a founder key for its own"
                      + " project, may");
      }
      case STATS ->
          throw forbidden(
              p,
              "does not read the ledger, outreach or event rosters: admin, portal and officer keys"
                  + " do");
      case PARK_DESK -> {
        if (!self || p.role() != Principal.Role.PARK)
          throw forbidden(p, "does not run this park's desk: only the park's own key does");
      }
      case BOOK -> {
        boolean ownPark = self && p.role() == Principal.Role.PARK;
        if (!ownPark && p.role() != Principal.Role.FOUNDER)
          throw forbidden(
              p, "does not book rooms here: the park's own key, or a founder for its project");
      }
      case APPLY -> {
        if (p.role() != Principal.Role.FOUNDER)
          throw forbidden(p, "does not sign projects up: a project's founder does");
      }
      case EVENT_DESK ->
          throw forbidden(p, "does not record attendance or results: admin and officer keys do");
      case PARK_REVIEW -> {
        if (!self || p.role() != Principal.Role.PARK)
          throw forbidden(p, "reads only its own park's reports and evaluation");
      }
      case PROJECT_RECORDS -> {
        if (!self || p.role() != Principal.Role.FOUNDER)
          throw forbidden(
              p, "does not read a project's bookings or sign-ups: its own founder key does");
      }
      case FEEDBACK ->
          throw forbidden(
              p,
              "records feedback on its own pairs; the feedback log is for admin and portal keys");
      case WRITE, IMPORT, ALLOCATE, DECIDE, OUTREACH, PUBLIC, CALCULATE ->
          throw forbidden(p, "acts for " + own + " only; this write needs an admin key");
    }
  }

  private static ApiException forbidden(Principal p, String what) {
    return new ApiException(403, article(p.roleCode()) + " " + p.roleCode() + " key " + what);
  }

  /** "an" before a vowel sound ("an officer", "an admin"), else "a". */
  static String article(String word) {
    return !word.isEmpty() && "aeio".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }
}
