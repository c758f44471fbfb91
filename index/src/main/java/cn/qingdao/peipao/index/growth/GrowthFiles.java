package cn.qingdao.peipao.index.growth;

import cn.qingdao.peipao.core.growth.GrowthRecord;
import cn.qingdao.peipao.core.growth.RiskAnalyzer;
import cn.qingdao.peipao.core.growth.RiskAssessment;
import cn.qingdao.peipao.core.growth.RiskSignal;
import cn.qingdao.peipao.core.json.FieldError;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.store.GrowthStore;
import cn.qingdao.peipao.index.store.StoredEntity;
import cn.qingdao.peipao.index.store.Tx;
import cn.qingdao.peipao.index.tickets.TicketSla;
import cn.qingdao.peipao.index.tickets.Tickets;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes growth records and keeps each project's alert in step: the records and the alert they lead
 * to (as of today) commit in one transaction, so an alert never lags the file it was read from.
 */
public final class GrowthFiles {
  /** Most lines one bulk import takes. */
  public static final int MAX_IMPORT_LINES = 100_000;

  private final Catalog catalog;
  private final RiskAnalyzer analyzer;
  private final TicketSla sla;

  public GrowthFiles(Catalog catalog, RiskAnalyzer analyzer) {
    this(catalog, analyzer, null);
  }

  /**
   * As above; with an SLA, every risk signal opens a ticket (channel {@code alert}) for each team
   * it calls for, once while that need is open for the project — the intervention the alert asks
   * for (“预警经营风险并触发陪跑团适时介入”, 001).
   */
  public GrowthFiles(Catalog catalog, RiskAnalyzer analyzer, TicketSla sla) {
    this.catalog = catalog;
    this.analyzer = analyzer;
    this.sla = sla;
  }

  /** The system name alert tickets are opened under. */
  public static final String ALERT_ACTOR = "risk-alert";

  /** Today in the service's clock: the latest date a growth record may carry. */
  public LocalDate today() {
    return LocalDate.now(catalog.clock());
  }

  /** The alert a project has after a write: empty when no risk. */
  public record Written(String projectId, int records, Optional<AlertView> alert) {}

  /**
   * Adds (or, for a date already recorded, replaces) records of one project.
   *
   * @throws EntityNotFoundException when the project does not exist
   */
  public Written record(String projectId, List<GrowthRecord> records, String actor) {
    Map<String, List<GrowthRecord>> byProject = Map.of(projectId, records);
    Map<String, Optional<AlertView>> alerts = write(byProject, actor);
    return new Written(projectId, records.size(), alerts.get(projectId));
  }

  /**
   * Imports JSON Lines of {@code {projectId, date, measures…}}, all or nothing: every invalid line
   * or unknown project is reported as {@code lines[N]…} and nothing is written.
   */
  public Map<String, Optional<AlertView>> importLines(List<String> lines, String actor) {
    if (lines.size() > MAX_IMPORT_LINES)
      throw new ValidationException(
          List.of(
              new FieldError(
                  "lines", "at most " + MAX_IMPORT_LINES + " lines per import; split the file")));
    Problems problems = new Problems();
    Map<String, List<GrowthRecord>> byProject = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) continue;
      String at = "lines[" + (i + 1) + "]";
      JsonNode node;
      try {
        node = Json.parse(line);
      } catch (ValidationException e) {
        problems.add(at, e.errors().get(0).message());
        continue;
      }
      JsonNode id = node.get("projectId");
      if (id == null || !id.isTextual()) {
        problems.add(at + ".projectId", "is required: the project's id");
        continue;
      }
      GrowthRecord r = GrowthRecord.read(node, at, problems, List.of("projectId"), today());
      if (r == null) continue;
      if (catalog.get(EntityType.PROJECTS, id.textValue()).isEmpty()) {
        problems.add(at + ".projectId", "unknown project '" + id.textValue() + "'");
        continue;
      }
      byProject.computeIfAbsent(id.textValue(), k -> new ArrayList<>()).add(r);
    }
    problems.throwIfAny();
    return write(byProject, actor);
  }

  private Map<String, Optional<AlertView>> write(
      Map<String, List<GrowthRecord>> byProject, String actor) {
    Instant now = catalog.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    LocalDate today = LocalDate.ofInstant(now, catalog.clock().getZone());
    return catalog.writeLogged(
        tx -> {
          Map<String, Optional<AlertView>> out = new LinkedHashMap<>();
          for (var e : byProject.entrySet()) {
            StoredEntity row =
                tx.get(EntityType.PROJECTS, e.getKey())
                    .orElseThrow(
                        () -> new EntityNotFoundException(EntityType.PROJECTS, e.getKey()));
            for (GrowthRecord r : e.getValue()) GrowthStore.put(tx, e.getKey(), r, actor, now);
            out.put(e.getKey(), reassess(tx, row, today, now));
          }
          return out;
        });
  }

  /** Reads the project's whole file and stores (or clears) its alert; returns the alert. */
  private Optional<AlertView> reassess(Tx tx, StoredEntity row, LocalDate today, Instant now)
      throws SQLException {
    Project project = (Project) catalog.reader().read(EntityType.PROJECTS, row.tree());
    project = project.withServerFields(row.id(), row.version(), row.updatedAt());
    Optional<RiskAssessment> a = analyzer.assess(project, GrowthStore.records(tx, row.id()), today);
    AlertView alert = a.map(AlertView::of).orElse(null);
    if (sla != null) {
      // the needs the risks still call for; open alert tickets of other needs are closed
      java.util.Set<String> called =
          new java.util.HashSet<>(a.map(x -> x.teams()).orElse(List.of()));
      Tickets.clearAlerts(tx, row.id(), called, ALERT_ACTOR, now);
    }
    if (sla != null && a.isPresent()) {
      for (RiskSignal s : a.get().signals()) {
        for (String need : s.teams()) {
          if (catalog.reader().taxonomy().service(need).isEmpty()) continue;
          Tickets.openOnce(
              tx,
              row.id(),
              need,
              "风险预警：" + s.label() + "（依据：" + s.evidence() + "）",
              "alert",
              ALERT_ACTOR,
              now,
              sla.of(need));
        }
      }
    }
    GrowthStore.setAlert(
        tx,
        row.id(),
        a.map(x -> x.severity().ordinal()).orElse(-1),
        alert == null ? null : Json.write(alert),
        now);
    return Optional.ofNullable(alert);
  }

  /** The growth file of a project, oldest first. */
  public List<GrowthRecord> history(String projectId) {
    if (catalog.get(EntityType.PROJECTS, projectId).isEmpty())
      throw new EntityNotFoundException(EntityType.PROJECTS, projectId);
    return catalog.growth().records(projectId);
  }
}
