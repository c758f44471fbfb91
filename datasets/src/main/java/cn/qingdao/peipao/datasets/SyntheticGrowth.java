package cn.qingdao.peipao.datasets;

import cn.qingdao.peipao.core.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded monthly growth files for projects, a known share of them with a planted risk — a steady
 * revenue decline, a sharp revenue drop, a shrinking team or a short cash runway — and the rest
 * healthy (growing or flat, with noise). The generator knows the truth, so the risk analysis can be
 * scored against it. Plainly synthetic.
 */
public final class SyntheticGrowth {
  /** What was planted in a file; {@code NONE} for a healthy one. */
  public enum Planted {
    NONE,
    REVENUE_DECLINE,
    REVENUE_DROP,
    TEAM_SHRINK,
    SHORT_RUNWAY
  }

  /** One project's file: its records (JSON Lines objects with {@code projectId}) and the truth. */
  public record History(String projectId, Planted planted, List<ObjectNode> records) {}

  private final long seed;
  private final double riskShare;
  private final int months;

  /**
   * @param riskShare share of projects with a planted risk, in [0,1]
   * @param months records per file, one per month (at least 6)
   */
  public SyntheticGrowth(long seed, double riskShare, int months) {
    if (!(riskShare >= 0 && riskShare <= 1))
      throw new IllegalArgumentException("riskShare in [0,1]");
    if (months < 6) throw new IllegalArgumentException("months must be at least 6");
    this.seed = seed;
    this.riskShare = riskShare;
    this.months = months;
  }

  /** The files of {@code projectIds}, the last record in the month before {@code end}. */
  public List<History> histories(List<String> projectIds, LocalDate end) {
    List<History> out = new ArrayList<>();
    for (String id : projectIds) {
      Random r = new Random(seed ^ id.hashCode() * 0x9E3779B97F4A7C15L);
      Planted planted =
          r.nextDouble() < riskShare
              ? Planted.values()[1 + r.nextInt(Planted.values().length - 1)]
              : Planted.NONE;
      out.add(new History(id, planted, file(id, planted, r, end)));
    }
    return out;
  }

  private List<ObjectNode> file(String id, Planted planted, Random r, LocalDate end) {
    LocalDate first = end.withDayOfMonth(1).minusMonths(months);
    double revenue = 200_000 + r.nextInt(2_000_000);
    double growth = planted == Planted.NONE && r.nextBoolean() ? 0.02 + r.nextDouble() * 0.05 : 0;
    double employees = 5 + r.nextInt(60);
    double customers = 5 + r.nextInt(200);
    double runway = 12 + r.nextInt(24);
    // planted risks range from faint to plain, so that detection is measured, not given
    double fall = 0.015 + r.nextDouble() * 0.07; // revenue share lost per month
    double shrink = 0.02 + r.nextDouble() * 0.05; // staff share lost per month
    double noise = 0.03 + r.nextDouble() * 0.05; // month-to-month revenue noise
    List<ObjectNode> out = new ArrayList<>();
    for (int m = 0; m < months; m++) {
      boolean last = m == months - 1;
      double trend =
          switch (planted) {
            case REVENUE_DECLINE -> Math.max(0.05, 1 - fall * m);
            default -> Math.pow(1 + growth, m);
          };
      double rev = revenue * trend * (1 + r.nextGaussian() * noise);
      if (planted == Planted.REVENUE_DROP && last) rev = revenue * (0.15 + r.nextDouble() * 0.5);
      double staff =
          planted == Planted.TEAM_SHRINK
              ? Math.max(1, employees * (1 - shrink * m))
              : employees * (1 + r.nextGaussian() * 0.02);
      double run =
          planted == Planted.SHORT_RUNWAY && last
              ? 1 + r.nextInt(6)
              : Math.max(7, runway + r.nextGaussian());
      ObjectNode o = Json.mapper().createObjectNode();
      o.put("projectId", id);
      o.put("date", first.plusMonths(m).toString());
      o.put("revenue", Math.round(Math.max(0, rev)));
      o.put("employees", Math.round(staff));
      o.put("customers", Math.round(customers * (1 + r.nextGaussian() * 0.03)));
      o.put("runwayMonths", Math.round(run * 10) / 10.0);
      out.add(o);
    }
    return out;
  }
}
