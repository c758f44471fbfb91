package cn.qingdao.peipao.index.spaces;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Park;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.store.ParkReportStore;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Parks' yearly reports scored against the targets of the 高能级园区 plan (003, 《青岛市促进高能级创业孵化园区
 * 创新发展行动方案》), each indicator with the sentence that sets its target. Four groups of 25 points — the
 * four things the plan's performance assessment looks at (孵化绩效, 创新成果, 带动就业, 公共服务和创业活动) — split
 * equally among their indicators; an indicator earns its share in proportion to how much of its
 * target was reached (capped at the target). City-wide targets are split evenly over the parks
 * reporting that year, as the plan asks 细化分解目标任务. The weights and the keep/watch/exit lines are
 * this service's choices, which the sheet says; the targets and the 50万 cap are the plan's.
 */
public final class ParkEvaluation {
  /** The plan's yearly cap on a park's subsidy, in yuan. */
  public static final long MAX_SUBSIDY = 500_000;

  static final String SUBSIDY_QUOTE =
      "根据园区孵化绩效、创新成果、带动就业等情况,以及运营机构开展就业创业公共服务和创业活动等成效,每年给予不超过50万元的创业孵化服务补助";
  static final String SPLIT_QUOTE = "细化分解目标任务";
  static final String EXIT_QUOTE = "对发展潜力大、条件完备的园区择优纳入扶持范围;对因区域政策调整或市场环境发生重大变化等原因难以继续推进实施的予以退出";
  static final String STAFF_QUOTE = "配备10名以上具有相应专业知识的专兼职工作人员";

  /** A yearly report's figures (counts per year; techShare a fraction 0..1). */
  public record Report(
      int year,
      double area,
      int tenants,
      double revenue,
      int jobs,
      int highTech,
      int specialized,
      double techShare,
      int roadshows,
      int investmentEvents,
      int financeInstitutions,
      int students,
      int staff) {}

  /**
   * One indicator: its group, how a report gives its value, its target (per park, or city-wide to
   * be split), a floor below which it earns nothing, and the sentence that sets the target.
   */
  record Indicator(
      String key,
      String name,
      String group,
      java.util.function.ToDoubleFunction<Report> value,
      double target,
      boolean cityWide,
      double floor,
      String quote) {}

  static final List<Indicator> INDICATORS =
      List.of(
          new Indicator(
              "area", "孵化面积（㎡）", "孵化绩效", Report::area, 500_000, true, 0, "园区孵化总面积达到50万平方米"),
          new Indicator(
              "tenants", "入驻企业（家）", "孵化绩效", Report::tenants, 1500, true, 0, "入驻企业数量达到1500家"),
          new Indicator(
              "revenue", "企业营收（元）", "孵化绩效", Report::revenue, 2e10, true, 0, "企业营收总值达到200亿元"),
          new Indicator(
              "techShare",
              "科技型企业占比",
              "创新成果",
              Report::techShare,
              0.85,
              false,
              0.70,
              "科技型企业占比由现在的70%提高到85%以上"),
          new Indicator(
              "highTech", "高新技术企业（家）", "创新成果", Report::highTech, 350, true, 0, "培育高新技术企业350家以上"),
          new Indicator(
              "specialized",
              "专精特新中小企业（家）",
              "创新成果",
              Report::specialized,
              170,
              true,
              0,
              "专精特新中小企业170家以上"),
          new Indicator("jobs", "带动就业（人）", "带动就业", Report::jobs, 18000, true, 0, "带动就业人数超过18000人"),
          new Indicator(
              "students",
              "大学生实习见习（人）",
              "带动就业",
              Report::students,
              500,
              true,
              0,
              "每年组织500名大学生进入园区企业参与就业创业实习和见习"),
          new Indicator(
              "roadshows",
              "创业项目路演（场）",
              "公共服务和创业活动",
              Report::roadshows,
              4,
              false,
              0,
              "每季度至少举办1场创业项目路演"),
          new Indicator(
              "investmentEvents",
              "招商活动（场）",
              "公共服务和创业活动",
              Report::investmentEvents,
              10,
              false,
              0,
              "每年组织10场以上的产业链招商、会展赛事招商、赴外招商等招商活动"),
          new Indicator(
              "financeInstitutions",
              "服务金融机构（家）",
              "公共服务和创业活动",
              Report::financeInstitutions,
              10,
              false,
              0,
              "每年组织10家以上金融机构为园区企业提供金融服务"),
          new Indicator("staff", "运营人员（名）", "公共服务和创业活动", Report::staff, 10, false, 0, STAFF_QUOTE));

  static final List<String> GROUPS = List.of("孵化绩效", "创新成果", "带动就业", "公共服务和创业活动");

  /** Points of each group. */
  static final double GROUP_POINTS = 25;

  /** A total at or above this is proposed to keep, below {@link #WATCH} to exit; between, watch. */
  static final double KEEP = 60;

  static final double WATCH = 40;

  private final Catalog catalog;

  public ParkEvaluation(Catalog catalog) {
    this.catalog = catalog;
  }

  /** One line of a score sheet. */
  public record Line(
      String key,
      String name,
      String group,
      double value,
      double target,
      boolean cityWideSplit,
      double points,
      double maxPoints,
      String source) {}

  /** A park's score sheet for a year. */
  public record Sheet(
      String parkId,
      String parkName,
      int year,
      int parksReporting,
      double score,
      long proposedSubsidy,
      String proposal,
      List<String> notes,
      List<Line> lines) {}

  /** A year's parks, best first. */
  public record Ranking(int year, int parks, List<Sheet> items) {}

  /** A filed report and whether it replaced one for the same year. */
  public record Filed(String parkId, Report report, boolean replaced) {}

  /** Files (or replaces) a park's report for its year. */
  public Filed file(String parkId, Report r, String actor) {
    park(parkId);
    boolean replaced =
        catalog.writeLogged(
            tx ->
                ParkReportStore.put(
                    tx,
                    new ParkReportStore.Stored(
                        parkId,
                        r.year(),
                        Json.write(r),
                        catalog.clock().instant().truncatedTo(ChronoUnit.MILLIS),
                        actor)));
    return new Filed(parkId, r, replaced);
  }

  /** A park's reports, newest first. */
  public List<Report> reports(String parkId) {
    park(parkId);
    return catalog.parkReports().ofPark(parkId).stream().map(ParkEvaluation::read).toList();
  }

  /**
   * The score sheet of a park for a year.
   *
   * @throws EntityNotFoundException when the park is unknown or filed no report for that year
   */
  public Sheet sheet(String parkId, int year) {
    return rank(year, id -> true).items().stream()
        .filter(s -> s.parkId().equals(parkId))
        .findFirst()
        .orElseThrow(
            () -> {
              park(parkId);
              return new EntityNotFoundException("report of " + year + " for park", parkId);
            });
  }

  /**
   * Every park that reported for {@code year}, best first (ties by id), among those {@code visible}
   * accepts; the city-wide targets are split over all reporting parks, visible or not.
   */
  public Ranking rank(int year, Predicate<Park> visible) {
    List<ParkReportStore.Stored> all = catalog.parkReports().ofYear(year);
    int n = all.size();
    List<Sheet> out = new ArrayList<>();
    for (ParkReportStore.Stored s : all) {
      Park p = (Park) catalog.entity(EntityType.PARKS, s.parkId()).orElse(null);
      if (p == null || !visible.test(p)) continue;
      out.add(score(p, read(s), n));
    }
    out.sort(Comparator.comparingDouble(Sheet::score).reversed().thenComparing(Sheet::parkId));
    return new Ranking(year, out.size(), out);
  }

  static Sheet score(Park p, Report r, int parksReporting) {
    List<Line> lines = new ArrayList<>();
    double total = 0;
    for (Indicator i : INDICATORS) {
      long inGroup = INDICATORS.stream().filter(x -> x.group().equals(i.group())).count();
      double max = GROUP_POINTS / inGroup;
      double target = i.cityWide() ? i.target() / parksReporting : i.target();
      double v = i.value().applyAsDouble(r);
      double reached = Math.max(0, Math.min(1, (v - i.floor()) / (target - i.floor())));
      double points = round(max * reached);
      total += points;
      lines.add(
          new Line(
              i.key(),
              i.name(),
              i.group(),
              v,
              round(target),
              i.cityWide(),
              points,
              round(max),
              i.quote()));
    }
    double score = round(total);
    List<String> notes = new ArrayList<>();
    notes.add("补助依据：" + SUBSIDY_QUOTE + "。补助建议 = 50万元 × 得分 ÷ 100，取整到千元（本服务的算法）。");
    notes.add("全市目标按当年报送年报的 " + parksReporting + " 个园区平均分解（“" + SPLIT_QUOTE + "”）。");
    String proposal = score >= KEEP ? "keep" : score >= WATCH ? "watch" : "exit";
    if (r.staff() < 10 && proposal.equals("keep")) {
      proposal = "watch";
      notes.add("运营人员不足10名，不满足“" + STAFF_QUOTE + "”，最高列为观察。");
    }
    notes.add("去留建议（保留≥60分，观察40–60分，退出<40分，本服务的划线）依据：" + EXIT_QUOTE + "。");
    long subsidy = Math.min(MAX_SUBSIDY, Math.round(MAX_SUBSIDY * score / 100 / 1000.0) * 1000);
    return new Sheet(
        p.id(), p.name(), r.year(), parksReporting, score, subsidy, proposal, notes, lines);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static Report read(ParkReportStore.Stored s) {
    try {
      return Json.mapper().readValue(s.json(), Report.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a stored park report does not read back: " + e, e);
    }
  }

  private Park park(String id) {
    return (Park)
        catalog
            .entity(EntityType.PARKS, id)
            .orElseThrow(() -> new EntityNotFoundException(EntityType.PARKS, id));
  }
}
