package cn.qingdao.peipao.index.tickets;

import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.store.OutreachStore;
import cn.qingdao.peipao.index.store.TicketStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The service ledger (项目陪跑台账): per month, district, sector or need over a period — needs raised,
 * responded, resolved and overdue, the response rate and time to first response, projects served,
 * sessions and hours — computed from the store's rows on each request (dates in Beijing time).
 * O(tickets and sessions of the period), each ticket one narrow row whose month, durations and
 * overdue flag SQLite computes; by place or sector, plus one read of every project's place columns.
 */
public final class Ledger {
  /** Dates and months are those of Qingdao. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  public static final List<String> GROUPS = List.of("month", "district", "city", "sector", "need");

  private final Catalog catalog;
  private final Taxonomy taxonomy;

  public Ledger(Catalog catalog, Taxonomy taxonomy) {
    this.catalog = catalog;
    this.taxonomy = taxonomy;
  }

  /**
   * One line of the ledger.
   *
   * @param responseRate needs with a first response ÷ needs raised (null when none raised)
   * @param firstResponseHours median hours from raising to the first response (null when none)
   */
  public record Line(
      String key,
      String label,
      long needsRaised,
      long responded,
      long resolved,
      long overdue,
      Double responseRate,
      Double firstResponseHours,
      long projectsServed,
      long sessions,
      double sessionHours,
      long contacted,
      long applied,
      long granted,
      long grantedAmount,
      long registrations,
      long bookings) {}

  /** The ledger: its lines in key order, and the period's total. */
  public record Report(
      String groupBy, LocalDate from, LocalDate to, List<Line> lines, Line total) {}

  /** Where the projects counted lie: none (all), a city or a Qingdao district. */
  public record Place(String city, String district) {}

  /**
   * The ledger of {@code [from, to]} grouped by {@code groupBy}, over projects in {@code place}.
   *
   * @throws IllegalArgumentException for an unknown grouping or a reversed period
   */
  public Report report(String groupBy, LocalDate from, LocalDate to, Place place) {
    if (!GROUPS.contains(groupBy))
      throw new IllegalArgumentException("groupBy must be one of " + GROUPS);
    if (to.isBefore(from)) throw new IllegalArgumentException("to is before from");
    Instant start = from.atStartOfDay(ZONE).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(ZONE).toInstant();
    Instant now = catalog.clock().instant();
    // by month or need, over every place, no row needs its project's place
    boolean needsPlace =
        place.city() != null
            || place.district() != null
            || groupBy.equals("district")
            || groupBy.equals("city")
            || groupBy.equals("sector");
    Map<String, TicketStore.ProjectPlace> places =
        needsPlace ? catalog.tickets().projectPlaces() : Map.of();
    Map<String, Acc> groups = new TreeMap<>();
    // by month, every month of the period has its line, zeros included: a month with nothing yet
    // (the first hours of a month) is still part of the year an officer reads
    if (groupBy.equals("month"))
      for (LocalDate m = from.withDayOfMonth(1); !m.isAfter(to); m = m.plusMonths(1))
        groups.put(month(m), new Acc());
    Acc total = new Acc();
    catalog
        .tickets()
        .forLedger(
            start,
            end,
            now,
            t -> {
              TicketStore.ProjectPlace p = places.get(t.projectId());
              if (!inPlace(p, place)) return;
              String key =
                  switch (groupBy) {
                    case "month" -> t.month();
                    case "need" -> t.need();
                    default -> key(groupBy, p);
                  };
              groups.computeIfAbsent(key, k -> new Acc()).add(t);
              total.add(t);
            });
    for (TicketStore.Session s : catalog.tickets().sessionsBetween(from, to.plusDays(1))) {
      TicketStore.ProjectPlace p = places.get(s.projectId());
      if (!inPlace(p, place)) continue;
      // sessions have no need: by need they count only in the total
      if (!groupBy.equals("need")) {
        String key = groupBy.equals("month") ? month(s.date()) : key(groupBy, p);
        groups.computeIfAbsent(key, k -> new Acc()).add(s);
      }
      total.add(s);
    }
    for (OutreachStore.Step o : catalog.outreach().between(start, end)) {
      TicketStore.ProjectPlace p = places.get(o.projectId());
      if (!inPlace(p, place)) continue;
      // policy reach has no need either
      if (!groupBy.equals("need")) {
        String key =
            groupBy.equals("month") ? month(o.at().atZone(ZONE).toLocalDate()) : key(groupBy, p);
        groups.computeIfAbsent(key, k -> new Acc()).add(o);
      }
      total.add(o);
    }
    // sign-ups for events and room bookings made in the period; like sessions, they have no need
    for (var g : catalog.registrations().createdBetween(start, end)) {
      TicketStore.ProjectPlace p = places.get(g.projectId());
      if (!inPlace(p, place)) continue;
      if (!groupBy.equals("need"))
        groups.computeIfAbsent(periodKey(groupBy, g.createdAt(), p), k -> new Acc())
            .registrations++;
      total.registrations++;
    }
    for (var b : catalog.spaces().projectBookingsMadeBetween(start, end)) {
      TicketStore.ProjectPlace p = places.get(b.projectId());
      if (!inPlace(p, place)) continue;
      if (!groupBy.equals("need"))
        groups.computeIfAbsent(periodKey(groupBy, b.createdAt(), p), k -> new Acc()).bookings++;
      total.bookings++;
    }
    List<Line> lines = new ArrayList<>();
    groups.forEach((k, a) -> lines.add(a.line(k, label(groupBy, k))));
    return new Report(groupBy, from, to, lines, total.line("total", "合计"));
  }

  /** The group of a record made at {@code at} for a project at {@code p} (not by need). */
  private static String periodKey(String groupBy, Instant at, TicketStore.ProjectPlace p) {
    return groupBy.equals("month") ? month(at.atZone(ZONE).toLocalDate()) : key(groupBy, p);
  }

  private static String month(LocalDate day) {
    return day.toString().substring(0, 7);
  }

  private static boolean inPlace(TicketStore.ProjectPlace p, Place place) {
    if (place.city() == null && place.district() == null) return true;
    if (p == null) return false;
    if (place.city() != null && !place.city().equals(p.city())) return false;
    return place.district() == null || place.district().equals(p.district());
  }

  /** The district or sector key of a project's place ("unknown" for a project gone). */
  private static String key(String groupBy, TicketStore.ProjectPlace p) {
    if (p == null) return "unknown";
    String k =
        switch (groupBy) {
          case "district" -> p.district() != null ? p.district() : p.city();
          case "city" -> p.city();
          default -> p.sector();
        };
    return k == null ? "unknown" : k;
  }

  private String label(String groupBy, String key) {
    return switch (groupBy) {
      case "month" -> key.substring(0, 4) + "年" + key.substring(5) + "月";
      case "district" ->
          taxonomy.district(key).map(d -> d.name()).orElse(taxonomy.places().name(key));
      case "city" -> taxonomy.places().name(key);
      case "sector" -> taxonomy.sector(key).map(s -> s.name()).orElse(key);
      default -> taxonomy.service(key).map(s -> s.name()).orElse(key);
    };
  }

  /** Sums of one group. */
  private static final class Acc {
    long raised;
    long responded;
    long resolved;
    long overdue;
    final List<Double> firstHours = new ArrayList<>();
    final Set<String> projects = new HashSet<>();
    long sessions;
    double hours;
    long registrations;
    long bookings;

    /** Policy and project pairs reached, by the status of their steps in the period. */
    final Map<String, Set<String>> reached = new HashMap<>();

    /** The amount granted per pair (a corrected grant replaces the earlier one). */
    final Map<String, Long> grantedAmounts = new HashMap<>();

    void add(TicketStore.LedgerRow t) {
      raised++;
      projects.add(t.projectId());
      if (t.firstResponseMillis() != null) {
        responded++;
        firstHours.add(t.firstResponseMillis() / 3.6e6);
      }
      if (t.resolved()) resolved++;
      if (t.overdue()) overdue++;
    }

    void add(TicketStore.Session s) {
      sessions++;
      hours += s.hours();
      projects.add(s.projectId());
    }

    void add(OutreachStore.Step o) {
      String pair = o.policyId() + "/" + o.projectId();
      reached.computeIfAbsent(o.status(), k -> new HashSet<>()).add(pair);
      if (o.amount() != null) grantedAmounts.put(pair, o.amount());
    }

    long reachedAs(String status) {
      return reached.getOrDefault(status, Set.of()).size();
    }

    Line line(String key, String label) {
      return new Line(
          key,
          label,
          raised,
          responded,
          resolved,
          overdue,
          raised == 0 ? null : Math.round(10000.0 * responded / raised) / 10000.0,
          ServiceLog.percentile(firstHours, 0.5),
          projects.size(),
          sessions,
          Math.round(hours * 100) / 100.0,
          reachedAs("contacted"),
          reachedAs("applied"),
          reachedAs("granted"),
          grantedAmounts.values().stream().mapToLong(Long::longValue).sum(),
          registrations,
          bookings);
    }
  }
}
