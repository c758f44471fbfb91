package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.growth.GrowthRecord;
import cn.qingdao.peipao.core.growth.Severity;
import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.growth.Alerts;
import cn.qingdao.peipao.index.growth.GrowthFiles;
import cn.qingdao.peipao.index.growth.SecondIncubation;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Growth records and risk alerts: parses, validates, delegates. */
public final class GrowthController {
  /** Most records one POST may carry. */
  public static final int MAX_RECORDS = 1000;

  private final Taxonomy taxonomy;
  private final CodeFilters codeFilters;
  private final GrowthFiles files;
  private final Alerts alerts;
  private final long maxImportBytes;
  private final SecondIncubation secondIncubation;
  private final Catalog catalog;

  public GrowthController(
      Catalog catalog,
      Taxonomy taxonomy,
      GrowthFiles files,
      Alerts alerts,
      SecondIncubation secondIncubation,
      long maxImportBytes) {
    this.catalog = catalog;
    this.taxonomy = taxonomy;
    this.codeFilters = new CodeFilters(taxonomy);
    this.files = files;
    this.alerts = alerts;
    this.secondIncubation = secondIncubation;
    this.maxImportBytes = maxImportBytes;
  }

  /**
   * {@code POST /api/v1/projects/{id}/reopen} with an optional {@code {"reason"}}: a failed project
   * re-enters through the second-incubation channel; 409 when it is not failed.
   */
  public void reopen(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    String id = Requests.pathId(ctx);
    String reason = null;
    if (ctx.bodyAsBytes().length > 0) {
      Problems problems = new Problems();
      Fields f = Fields.of(Requests.jsonBody(ctx), "", problems);
      reason = f.string("reason", false, SecondIncubation.MAX_REASON);
      f.finish();
      problems.throwIfAny();
    }
    var w = secondIncubation.reopen(id, reason, Http.principal(ctx).name());
    ctx.header("ETag", "\"" + w.stored().version() + "\"");
    Http.json(ctx, 200, w.stored().tree());
  }

  /** {@code GET /api/v1/projects/{id}/history}: every write of the project, newest first. */
  public void projectHistory(Context ctx) {
    Requests.onlyParams(ctx, Set.of("limit"));
    String id = Requests.pathId(ctx);
    int limit = Requests.intParam(ctx, "limit", 50, 1, 1000);
    List<GrowthAnswers.Write> items = new ArrayList<>();
    for (var a : secondIncubation.history(id, limit))
      items.add(
          new GrowthAnswers.Write(
              a.at(), a.actor(), a.action(), a.version() == null ? null : a.version().longValue()));
    Http.json(ctx, 200, new GrowthAnswers.History(id, items));
  }

  /** {@code POST /api/v1/projects/{id}/growth}: one record, or an array of records. */
  public void record(Context ctx) {
    String id = Requests.pathId(ctx);
    JsonNode body = Requests.jsonBody(ctx);
    Problems problems = new Problems();
    List<GrowthRecord> records = new ArrayList<>();
    if (body.isArray()) {
      if (body.isEmpty()) problems.add("", "must not be an empty array");
      if (body.size() > MAX_RECORDS)
        problems.add(
            "", "at most " + MAX_RECORDS + " records per request; use /api/v1/growth/import");
      for (int i = 0; i < body.size() && i < MAX_RECORDS; i++) {
        GrowthRecord r = GrowthRecord.read(body.get(i), "[" + i + "]", problems, files.today());
        if (r != null) records.add(r);
      }
    } else {
      GrowthRecord r = GrowthRecord.read(body, "", problems, files.today());
      if (r != null) records.add(r);
    }
    problems.throwIfAny();
    GrowthFiles.Written w = files.record(id, records, Http.principal(ctx).name());
    Http.json(
        ctx, 201, new GrowthAnswers.Recorded(w.projectId(), w.records(), w.alert().orElse(null)));
  }

  /** {@code GET /api/v1/projects/{id}/growth}: the project's growth file, oldest first. */
  public void history(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    String id = Requests.pathId(ctx);
    requireAccompanied(ctx, id);
    List<Map<String, Object>> items = new ArrayList<>();
    for (GrowthRecord r : files.history(id)) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("date", r.date());
      o.putAll(r.measures());
      items.add(o);
    }
    Http.json(ctx, 200, new GrowthAnswers.File(id, items));
  }

  /** {@code POST /api/v1/growth/import}: JSON Lines of {projectId, date, …}, all or nothing. */
  public void importLines(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    Requests.requireMediaType(ctx, ImportController.MEDIA_TYPES);
    String body;
    try {
      body =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(Requests.bodyUpTo(ctx, maxImportBytes)))
              .toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badField("lines", "the body is not valid UTF-8; nothing was imported");
    }
    List<String> lines = Arrays.asList(body.split("\r?\n", -1));
    var alerted = files.importLines(lines, Http.principal(ctx).name());
    Http.json(
        ctx,
        200,
        new GrowthAnswers.Imported(
            alerted.size(),
            lines.stream().filter(l -> !l.isBlank()).count(),
            alerted.values().stream().filter(a -> a.isPresent()).count()));
  }

  /** {@code GET /api/v1/alerts?district=&city=&sector=&severity=&offset=&limit=}. */
  public void list(Context ctx) {
    Requests.onlyParams(ctx, Set.of("district", "city", "sector", "severity", "offset", "limit"));
    Map<String, List<String>> f =
        codeFilters.inRegion(
            ctx,
            codeFilters.fromQuery(ctx, EntityType.PROJECTS, List.of("district", "city", "sector")));
    List<String> districts = f.getOrDefault("district", List.of());
    List<String> cities = f.getOrDefault("city", List.of());
    List<String> sectors = f.getOrDefault("sector", List.of());
    Severity min = severity(ctx);
    int offset = Requests.intParam(ctx, "offset", 0, 0, 1_000_000);
    int limit = Requests.intParam(ctx, "limit", 20, 1, 100);
    Alerts.Page page = alerts.list(districts, cities, sectors, min, offset, limit);
    Pages.linkNext(ctx, page.total(), offset, limit);
    Http.json(ctx, 200, new GrowthAnswers.AlertPage(page.total(), offset, limit, page.items()));
  }

  /** {@code GET /api/v1/projects/{id}/alerts}: its current alert, if any. */
  public void ofProject(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    String id = Requests.pathId(ctx);
    requireAccompanied(ctx, id);
    Http.json(ctx, 200, new GrowthAnswers.ProjectAlerts(id, alerts.of(id).stream().toList()));
  }

  /**
   * To a park or mentor key, a project is visible here only while that park or mentor accompanies
   * it (an active assignment: a tenant, a mentee) and it consents to that kind; otherwise it does
   * not exist (404).
   */
  private void requireAccompanied(Context ctx, String projectId) {
    Principal p = Http.principal(ctx);
    if (p.role() != Principal.Role.PARK && p.role() != Principal.Role.MENTOR) return;
    boolean accompanied =
        catalog.assignments().assignmentsOf(p.boundType(), p.boundEntityId(), true).stream()
            .anyMatch(a -> a.projectId().equals(projectId));
    boolean consents =
        catalog
            .entity(EntityType.PROJECTS, projectId)
            .map(e -> (cn.qingdao.peipao.core.model.Project) e)
            .map(x -> p.role() == Principal.Role.PARK ? x.consent().parks() : x.consent().mentors())
            .orElse(false);
    if (!accompanied || !consents)
      throw new ApiException(404, "no projects with id '" + projectId + "'");
  }

  private static Severity severity(Context ctx) {
    String v = ctx.queryParam("severity");
    if (v == null || v.isBlank()) return Severity.LOW;
    try {
      return Severity.valueOf(v.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badField(
          "severity",
          "must be low, medium or high (the least severity listed), got '"
              + Requests.clip(v)
              + "'");
    }
  }
}
