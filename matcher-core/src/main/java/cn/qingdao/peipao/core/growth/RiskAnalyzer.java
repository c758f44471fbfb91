package cn.qingdao.peipao.core.growth;

import cn.qingdao.peipao.core.model.Project;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Reads the risks of one project from its growth file, as of a date. For revenue, customers and
 * employees: a decline is a least-squares slope below zero that is significant (p ≤ {@code
 * significance}) and large (a fall of at least {@code declineShare} of the mean over the file's
 * span); a sharp drop is the latest value at least {@code dropShare} below the median of the three
 * before it. A short runway is the latest {@code runwayMonths} at or below the thresholds; a
 * stalled stage is a seed-stage project registered longer ago than {@code stalledYears} (a
 * start-up, twice that). Each signal names the teams it calls for. O(records).
 */
public final class RiskAnalyzer {
  private static final double DAYS_PER_MONTH = 365.2425 / 12;

  /** Runway figures older than this are stale and not judged. */
  private static final long RUNWAY_FRESH_DAYS = 183;

  private record Measure(
      String name, String label, String unit, List<String> declineTeams, List<String> dropTeams) {}

  private static final List<Measure> TRENDED =
      List.of(
          new Measure("revenue", "营业收入", "元", List.of("market"), List.of("market", "finance")),
          new Measure("customers", "客户数", "个", List.of("market"), List.of("market")),
          new Measure("employees", "员工人数", "人", List.of("talent"), List.of("talent")));

  private final RiskParams params;

  public RiskAnalyzer(RiskParams params) {
    this.params = params;
  }

  public RiskParams params() {
    return params;
  }

  /** The project's risks as of {@code asOf} (records after it are ignored); empty when none. */
  public Optional<RiskAssessment> assess(
      Project project, List<GrowthRecord> records, LocalDate asOf) {
    List<GrowthRecord> file =
        records.stream()
            .filter(r -> !r.date().isAfter(asOf))
            .sorted(Comparator.comparing(GrowthRecord::date))
            .toList();
    List<RiskSignal> signals = new ArrayList<>();
    for (Measure m : TRENDED) {
      List<GrowthRecord> series = file.stream().filter(r -> r.measure(m.name()) != null).toList();
      decline(m, series).ifPresent(signals::add);
      drop(m, series).ifPresent(signals::add);
    }
    runway(file, asOf).ifPresent(signals::add);
    stalled(project, asOf).ifPresent(signals::add);
    return signals.isEmpty()
        ? Optional.empty()
        : Optional.of(new RiskAssessment(project.id(), asOf, signals));
  }

  private Optional<RiskSignal> decline(Measure m, List<GrowthRecord> series) {
    if (series.size() < params.minPoints()) return Optional.empty();
    LocalDate first = series.get(0).date();
    SimpleRegression fit = new SimpleRegression();
    double sum = 0;
    for (GrowthRecord r : series) {
      double x = ChronoUnit.DAYS.between(first, r.date()) / DAYS_PER_MONTH;
      double y = r.measure(m.name());
      fit.addData(x, y);
      sum += y;
    }
    double mean = sum / series.size();
    double slope = fit.getSlope();
    double span =
        ChronoUnit.DAYS.between(first, series.get(series.size() - 1).date()) / DAYS_PER_MONTH;
    if (!(slope < 0) || mean <= 0 || span <= 0) return Optional.empty();
    double p = fit.getSignificance();
    if (Double.isNaN(p)) p = fit.getSumSquaredErrors() == 0 ? 0 : 1; // a perfect line is certain
    double fall = -slope * span / mean;
    if (p > params.significance() || fall < params.declineShare()) return Optional.empty();
    Severity severity = fall >= 0.5 ? Severity.HIGH : fall >= 0.3 ? Severity.MEDIUM : Severity.LOW;
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("measure", m.name());
    evidence.put("points", series.size());
    evidence.put("from", first.toString());
    evidence.put("to", series.get(series.size() - 1).date().toString());
    evidence.put("first", series.get(0).measure(m.name()));
    evidence.put("last", series.get(series.size() - 1).measure(m.name()));
    evidence.put("slopePerMonth", round(slope, 2));
    evidence.put("pValue", round(p, 4));
    evidence.put("r2", round(fit.getRSquare(), 3));
    evidence.put("fallShare", round(fall, 3));
    String label =
        m.label()
            + "持续下降："
            + Math.round(span)
            + " 个月内拟合下降约 "
            + Math.round(fall * 100)
            + "%（"
            + (p < 0.001 ? "p<0.001" : "p=" + round(p, 3))
            + "）";
    return Optional.of(
        new RiskSignal(m.name() + "_decline", severity, evidence, m.declineTeams(), label));
  }

  private Optional<RiskSignal> drop(Measure m, List<GrowthRecord> series) {
    if (series.size() < 4) return Optional.empty();
    int n = series.size();
    double latest = series.get(n - 1).measure(m.name());
    double[] before = new double[3];
    for (int i = 0; i < 3; i++) before[i] = series.get(n - 4 + i).measure(m.name());
    Arrays.sort(before);
    double median = before[1];
    if (median <= 0) return Optional.empty();
    double share = 1 - latest / median;
    if (share < params.dropShare()) return Optional.empty();
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("measure", m.name());
    evidence.put("date", series.get(n - 1).date().toString());
    evidence.put("latest", latest);
    evidence.put("previousMedian", median);
    evidence.put("dropShare", round(share, 3));
    String label =
        m.label()
            + "骤降：最新 "
            + plain(latest)
            + " "
            + m.unit()
            + "，较此前中位数 "
            + plain(median)
            + " "
            + m.unit()
            + "下降 "
            + Math.round(share * 100)
            + "%";
    return Optional.of(
        new RiskSignal(
            m.name() + "_drop",
            share >= 0.6 ? Severity.HIGH : Severity.MEDIUM,
            evidence,
            m.dropTeams(),
            label));
  }

  private Optional<RiskSignal> runway(List<GrowthRecord> file, LocalDate asOf) {
    GrowthRecord latest = null;
    for (GrowthRecord r : file) if (r.measure("runwayMonths") != null) latest = r;
    if (latest == null || ChronoUnit.DAYS.between(latest.date(), asOf) > RUNWAY_FRESH_DAYS)
      return Optional.empty();
    double months = latest.measure("runwayMonths");
    if (months > params.runwayMedium()) return Optional.empty();
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("runwayMonths", months);
    evidence.put("date", latest.date().toString());
    return Optional.of(
        new RiskSignal(
            "runway_short",
            months <= params.runwayHigh() ? Severity.HIGH : Severity.MEDIUM,
            evidence,
            List.of("finance", "capital"),
            "现金仅够维持 " + plain(months) + " 个月"));
  }

  private Optional<RiskSignal> stalled(Project project, LocalDate asOf) {
    if (project.registeredAt() == null || project.stage() == null) return Optional.empty();
    double limit =
        switch (project.stage()) {
          case "seed" -> params.stalledYears();
          case "startup" -> 2 * params.stalledYears();
          default -> Double.POSITIVE_INFINITY;
        };
    double years = ChronoUnit.DAYS.between(project.registeredAt(), asOf) / 365.2425;
    if (years <= limit) return Optional.empty();
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("stage", project.stage());
    evidence.put("registeredAt", project.registeredAt().toString());
    evidence.put("years", round(years, 1));
    evidence.put("limitYears", limit);
    String stage = project.stage().equals("seed") ? "种子期" : "初创期";
    return Optional.of(
        new RiskSignal(
            "stage_stalled",
            project.stage().equals("seed") ? Severity.MEDIUM : Severity.LOW,
            evidence,
            List.of("industry", "training"),
            stage + "已持续 " + round(years, 1) + " 年"));
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  /** A number without a trailing ".0". */
  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(round(v, 2));
  }
}
