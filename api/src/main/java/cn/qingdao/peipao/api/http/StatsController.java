package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.index.tickets.Ledger;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * {@code GET /api/v1/stats}: the service ledger as JSON, or as the CSV and XLSX files officers file
 * upward (Chinese headers, one line per group, then 合计).
 */
public final class StatsController {
  private final Ledger ledger;
  private final CodeFilters codeFilters;
  private final Clock clock;

  public StatsController(Ledger ledger, CodeFilters codeFilters, Clock clock) {
    this.ledger = ledger;
    this.codeFilters = codeFilters;
    this.clock = clock;
  }

  /** The columns of the files: header and value of a line. */
  private record Column(String header, Function<Ledger.Line, Object> value) {}

  private static final List<Column> COLUMNS =
      List.of(
          new Column("分组", Ledger.Line::key),
          new Column("名称", Ledger.Line::label),
          new Column("需求数", Ledger.Line::needsRaised),
          new Column("已响应", Ledger.Line::responded),
          new Column("已解决", Ledger.Line::resolved),
          new Column("超时", Ledger.Line::overdue),
          new Column("响应率", Ledger.Line::responseRate),
          new Column("首次响应用时中位数（小时）", Ledger.Line::firstResponseHours),
          new Column("服务项目数", Ledger.Line::projectsServed),
          new Column("陪跑次数", Ledger.Line::sessions),
          new Column("陪跑时长（小时）", Ledger.Line::sessionHours),
          new Column("政策已联系", Ledger.Line::contacted),
          new Column("政策已申报", Ledger.Line::applied),
          new Column("政策已兑现", Ledger.Line::granted),
          new Column("兑现金额（元）", Ledger.Line::grantedAmount),
          new Column("活动报名", Ledger.Line::registrations),
          new Column("场地预约", Ledger.Line::bookings));

  public void report(Context ctx) {
    Requests.onlyParams(ctx, Set.of("groupBy", "from", "to", "city", "district", "format"));
    String groupBy = ctx.queryParam("groupBy") == null ? "month" : ctx.queryParam("groupBy");
    if (!Ledger.GROUPS.contains(groupBy))
      throw ApiException.badField("groupBy", "must be one of " + String.join(", ", Ledger.GROUPS));
    LocalDate today = LocalDate.ofInstant(clock.instant(), Ledger.ZONE);
    LocalDate to = Requests.dateParam(ctx, "to", today);
    LocalDate from = Requests.dateParam(ctx, "from", to.withDayOfMonth(1).minusMonths(11));
    if (to.isBefore(from))
      throw ApiException.badField("to", "must not be before from (" + from + ")");
    if (from.plusYears(10).isBefore(to))
      throw ApiException.badField("from", "the period may span at most ten years");
    var places =
        codeFilters.inRegion(ctx, codeFilters.fromQuery(ctx, null, List.of("city", "district")));
    String city = places.getOrDefault("city", List.of()).stream().findFirst().orElse(null);
    String district = places.getOrDefault("district", List.of()).stream().findFirst().orElse(null);
    String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
    Ledger.Report r = ledger.report(groupBy, from, to, new Ledger.Place(city, district));
    String name = "ledger-" + groupBy + "-" + from + "-" + to;
    switch (format) {
      case "json" -> Http.json(ctx, 200, r);
      case "csv" -> {
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
        ctx.contentType("text/csv; charset=utf-8");
        ctx.result(csv(r));
      }
      case "xlsx" -> {
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
        ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        ctx.result(xlsx(r));
      }
      default -> throw ApiException.badField("format", "must be json, csv or xlsx");
    }
  }

  /** UTF-8 with a byte-order mark, so that Excel reads the Chinese headers. */
  static byte[] csv(Ledger.Report r) {
    StringBuilder b = new StringBuilder("\uFEFF");
    b.append(String.join(",", COLUMNS.stream().map(Column::header).toList())).append("\r\n");
    for (Ledger.Line line : lines(r)) {
      List<String> cells = COLUMNS.stream().map(c -> cell(c.value().apply(line))).toList();
      b.append(String.join(",", cells)).append("\r\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String cell(Object v) {
    if (v == null) return "";
    String s = v.toString();
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  static byte[] xlsx(Ledger.Report r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Workbook wb = new Workbook(out, "matcher", "1.0")) {
      Worksheet ws = wb.newWorksheet("陪跑台账");
      for (int c = 0; c < COLUMNS.size(); c++) ws.value(0, c, COLUMNS.get(c).header());
      int row = 1;
      for (Ledger.Line line : lines(r)) {
        for (int c = 0; c < COLUMNS.size(); c++) {
          Object v = COLUMNS.get(c).value().apply(line);
          if (v instanceof Number n) ws.value(row, c, n);
          else if (v != null) ws.value(row, c, v.toString());
        }
        row++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static List<Ledger.Line> lines(Ledger.Report r) {
    List<Ledger.Line> all = new java.util.ArrayList<>(r.lines());
    all.add(r.total());
    return all;
  }
}
