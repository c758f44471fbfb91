package cn.qingdao.peipao.api.cli;

import cn.qingdao.peipao.api.Services;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticGrowth;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.ImportReport;
import cn.qingdao.peipao.index.growth.GrowthFiles;
import cn.qingdao.peipao.index.spaces.DemoSpaces;
import cn.qingdao.peipao.index.spaces.ParkEvaluation;
import cn.qingdao.peipao.index.tickets.DemoActivity;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the shipped Qingdao data on the first start of a data directory, never again: the real
 * organisations and policies, the synthetic ecosystem, synthetic growth files for the demo projects
 * (a fifth with a planted risk) ending last month, and a synthetic year of need tickets, sessions
 * and policy outreach.
 */
public final class DemoData {
  static final String MARKER = "demo.loaded";

  private DemoData() {}

  /** The demo projects' growth files, ending in the month before {@code end}. */
  static List<SyntheticGrowth.History> histories(Taxonomy taxonomy, LocalDate end) {
    List<String> ids =
        QingdaoDataset.demo(EntityType.PROJECTS, taxonomy).stream()
            .map(p -> p.get("id").asText())
            .toList();
    return new SyntheticGrowth(QingdaoDataset.DEMO_SEED, RISK_SHARE, MONTHS).histories(ids, end);
  }

  /** Share of demo projects whose growth file carries a planted risk. */
  static final double RISK_SHARE = 0.2;

  /** Months of growth records per demo project. */
  static final int MONTHS = 12;

  /** Loads the demo into an empty data directory, once (a marker in the store says it was). */
  public static void loadOnce(
      Catalog catalog, Taxonomy taxonomy, Services services, PrintStream out) {
    GrowthFiles growth = services.growth();
    if (catalog.meta(MARKER).isPresent()) return;
    if (catalog.storeSeq() > 0) {
      out.println("data directory already has data: demo data not loaded");
      return;
    }
    for (EntityType type : EntityType.values()) {
      var lines = QingdaoDataset.demo(type, taxonomy).stream().map(Json::write).iterator();
      ImportReport r = catalog.importLines(type, lines, true, "demo-loader");
      if (!r.committed())
        throw new IllegalStateException(
            "shipped " + type.path() + " data is invalid: " + r.errors());
      out.println("loaded " + r.applied() + " " + type.path());
    }
    List<String> lines = new ArrayList<>();
    for (SyntheticGrowth.History h : histories(taxonomy, LocalDate.now(catalog.clock())))
      for (var r : h.records()) lines.add(Json.write(r));
    var alerted = growth.importLines(lines, "demo-loader");
    out.println(
        "loaded "
            + lines.size()
            + " growth records ("
            + alerted.values().stream().filter(a -> a.isPresent()).count()
            + " projects with risk alerts)");
    var activity =
        DemoActivity.generate(
            catalog,
            taxonomy,
            services.tickets().sla(),
            QingdaoDataset.DEMO_SEED,
            catalog.clock().instant());
    out.println(
        "loaded a synthetic year of accompaniment: "
            + activity.tickets()
            + " need tickets, "
            + activity.sessions()
            + " sessions, "
            + activity.outreach()
            + " outreach steps");
    var rooms =
        DemoSpaces.generate(
            services.spaces(),
            services.bookings(),
            QingdaoDataset.DEMO_SEED,
            catalog.clock().instant());
    out.println(
        "loaded synthetic spaces for "
            + rooms.parks()
            + " parks ("
            + rooms.spaces()
            + " spaces, "
            + rooms.bookings()
            + " room bookings this week)");
    int lastYear = java.time.LocalDate.now(catalog.clock()).getYear() - 1;
    int reports =
        DemoSpaces.reports(
            new ParkEvaluation(catalog), catalog, QingdaoDataset.DEMO_SEED, lastYear);
    out.println("loaded " + reports + " synthetic park reports for " + lastYear);
    catalog.putMeta(MARKER, taxonomy.version());
  }
}
