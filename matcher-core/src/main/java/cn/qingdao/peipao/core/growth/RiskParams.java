package cn.qingdao.peipao.core.growth;

/**
 * The tunables of {@link RiskAnalyzer}, each with its default.
 *
 * @param minPoints records a measure needs before its trend is judged; default 4
 * @param significance largest p-value of a fitted slope that counts as a trend; default 0.05
 * @param declineShare smallest fitted fall over the file's span, as a share of the measure's mean,
 *     that counts as a decline (a significant but tiny slope is not a risk); default 0.2
 * @param dropShare smallest fall of the latest value below the median of the three before it that
 *     counts as a sharp drop; default 0.4
 * @param runwayHigh cash runway in months at or below which the risk is high; default 3
 * @param runwayMedium cash runway in months at or below which the risk is medium; default 6
 * @param stalledYears years since registration after which a seed-stage project counts as stalled
 *     (twice that for a start-up); default 2
 */
public record RiskParams(
    int minPoints,
    double significance,
    double declineShare,
    double dropShare,
    double runwayHigh,
    double runwayMedium,
    double stalledYears) {
  public RiskParams {
    if (minPoints < 3) throw new IllegalArgumentException("minPoints must be at least 3");
    if (!(significance > 0 && significance < 1))
      throw new IllegalArgumentException("significance must be in (0,1)");
    if (!(declineShare > 0 && declineShare < 1) || !(dropShare > 0 && dropShare < 1))
      throw new IllegalArgumentException("declineShare and dropShare must be in (0,1)");
    if (!(runwayHigh >= 0 && runwayMedium >= runwayHigh))
      throw new IllegalArgumentException("need 0 <= runwayHigh <= runwayMedium");
    if (!(stalledYears > 0)) throw new IllegalArgumentException("stalledYears must be > 0");
  }

  public static RiskParams defaults() {
    return new RiskParams(4, 0.05, 0.2, 0.4, 3, 6, 2);
  }
}
