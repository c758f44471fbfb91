package cn.qingdao.peipao.index.spaces;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Park;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.search.SearchRequest;
import cn.qingdao.peipao.index.search.SearchResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic inventory for every demo park that states its areas (names marked 合成), sized so that
 * its free offices add up to the park's stated {@code areaAvailable} exactly — matching is the same
 * before and after — plus a meeting room, a roadshow hall for the larger ones, and a few bookings
 * over the coming week. Seeded: the same demo every time.
 */
public final class DemoSpaces {
  private DemoSpaces() {}

  /** How many parks got an inventory and how many bookings were made. */
  public record Counts(int parks, int spaces, int bookings) {}

  public static Counts generate(Spaces spaces, Bookings bookings, long seed, Instant now) {
    Catalog catalog = spaces.catalog;
    Random rnd = new Random(seed);
    SearchResult all =
        catalog.search(new SearchRequest(EntityType.PARKS, null, Map.of(), 0, 10_000));
    int parks = 0;
    int made = 0;
    int booked = 0;
    ZoneId beijing = ZoneId.of("Asia/Shanghai");
    for (SearchResult.Hit h : all.hits()) {
      Park p = (Park) catalog.entity(EntityType.PARKS, h.id()).orElseThrow();
      List<Spaces.SpaceInput> items = new ArrayList<>();
      // offices only where the park states its areas: they add up to its figures exactly
      if (p.areaTotal() != null && p.areaAvailable() != null && p.areaTotal() > 0) {
        long free = Math.min(p.areaAvailable(), p.areaTotal());
        double unit = Math.max(40, p.areaTotal() / 24.0);
        addOffices(items, "F", free, unit, "free", rnd);
        addOffices(items, "T", p.areaTotal() - free, unit, "occupied", rnd);
      }
      items.add(new Spaces.SpaceInput("mr-1", "meeting_room", "合成·会议室", 40, null, null, "free"));
      if ("high_level_park".equals(p.kind()) || (p.areaTotal() != null && p.areaTotal() >= 5000))
        items.add(
            new Spaces.SpaceInput("hall-1", "roadshow_hall", "合成·路演厅", 240, null, null, "free"));
      spaces.replace(p.id(), items, "demo-synthetic");
      parks++;
      made += items.size();
      // a few bookings ahead, on the hour, in office hours
      for (int i = 0; i < 3; i++) {
        LocalDate d = LocalDate.ofInstant(now, beijing).plusDays(1 + rnd.nextInt(6));
        Instant start = d.atTime(9 + rnd.nextInt(8), 0).atZone(beijing).toInstant();
        try {
          bookings.book(
              p.id(),
              "mr-1",
              null,
              start,
              start.plus(Duration.ofHours(1 + rnd.nextInt(2))),
              "合成·企业沙龙",
              "demo-synthetic");
          booked++;
        } catch (EntityConflictException e) {
          // the same slot drawn twice: one booking is enough
        }
      }
    }
    return new Counts(parks, made, booked);
  }

  /**
   * A synthetic yearly report for every park for {@code year} (filed by demo-synthetic), so that
   * the evaluation and its ranking have something to show. Returns how many were filed.
   */
  public static int reports(ParkEvaluation evaluation, Catalog catalog, long seed, int year) {
    Random rnd = new Random(seed ^ year);
    int n = 0;
    for (SearchResult.Hit h :
        catalog.search(new SearchRequest(EntityType.PARKS, null, Map.of(), 0, 10_000)).hits()) {
      int tenants = 20 + rnd.nextInt(160);
      evaluation.file(
          h.id(),
          new ParkEvaluation.Report(
              year,
              5_000 + rnd.nextInt(60_000),
              tenants,
              tenants * (2e6 + rnd.nextDouble() * 8e6),
              tenants * (5 + rnd.nextInt(15)),
              rnd.nextInt(Math.max(1, tenants / 4)),
              rnd.nextInt(Math.max(1, tenants / 8)),
              0.6 + rnd.nextDouble() * 0.35,
              2 + rnd.nextInt(5),
              4 + rnd.nextInt(10),
              5 + rnd.nextInt(9),
              10 + rnd.nextInt(90),
              6 + rnd.nextInt(10)),
          "demo-synthetic");
      n++;
    }
    return n;
  }

  /** Offices of about {@code unit} m² adding up to {@code area} exactly (at most 20 of them). */
  private static void addOffices(
      List<Spaces.SpaceInput> out,
      String prefix,
      long area,
      double unit,
      String status,
      Random rnd) {
    if (area <= 0) return;
    int n = (int) Math.max(1, Math.min(20, Math.round(area / unit)));
    long each = area / n;
    for (int i = 1; i <= n; i++) {
      long a = i < n ? each : area - each * (n - 1);
      out.add(
          new Spaces.SpaceInput(
              prefix + "-" + (100 + i),
              "office",
              "合成·" + (status.equals("free") ? "空置" : "在租") + "办公室" + (100 + i),
              a,
              a * (30L + rnd.nextInt(40)),
              false,
              status));
    }
  }
}
