package cn.qingdao.peipao.core.scoring;

import cn.qingdao.peipao.core.model.EntityType;
import java.util.ArrayList;
import java.util.List;

/**
 * Short Chinese phrases a portal shows as they are, derived from the component values of the
 * subject's view: a reason is given only for a component that counts (positive weight) and scores
 * well, so reasons never contradict the components.
 */
final class Reasons {
  /** A component at or above this value earns its reason. */
  static final double GOOD = 0.6;

  static final double TEXT_GOOD = 0.15;

  private final FeatureExtractor fx;
  private final ScoringParams params;

  Reasons(FeatureExtractor fx, ScoringParams params) {
    this.fx = fx;
    this.params = params;
  }

  List<String> of(Direction d, Features p, Features o, double[] v, double[] weights) {
    List<String> out = new ArrayList<>();
    for (String name : d.components()) {
      Component c = Component.of(name).orElseThrow();
      double value = v[c.ordinal()];
      if (weights[c.ordinal()] <= 0) continue;
      String reason = reason(c, value, d, p, o);
      if (reason != null) out.add(reason);
    }
    return out;
  }

  private String reason(Component c, double value, Direction d, Features p, Features o) {
    return switch (c) {
      case SECTOR -> sector(value, p, o);
      case STAGE ->
          value >= 1.0 && p.stage >= 0
              ? "阶段匹配：" + fx.stageName(p.stage)
              : value > 0 && value >= params.adjacentStage() && p.stage >= 0
                  ? "阶段相近：" + fx.stageName(p.stage)
                  : null;
      case LOCATION -> location(value, p, o);
      case NEEDS -> {
        int shared = p.services & o.services;
        if (shared == 0 || value < 0.3) yield null;
        String names = String.join("、", fx.serviceNames(shared));
        yield d.projectIsSubject() ? "可提供：" + names : "需要：" + names;
      }
      case TEXT -> value >= TEXT_GOOD ? "项目描述与其方向相近" : null;
      case CAPACITY -> o.capacity > 0 ? "可再带 " + o.capacity + " 个项目" : null;
      case SPACE ->
          value >= GOOD
              ? (o.areaAvailable > 0 ? "可用面积约 " + o.areaAvailable + " 平方米" : "尚有入驻名额")
              : null;
      case KIND -> value >= 0.8 && p.stage >= 0 ? "园区类型适合" + fx.stageName(p.stage) + "项目" : null;
      case FREE_SPACE -> value >= 1.0 ? "政府投资载体：30%场地免费提供给高校毕业生和返乡创业者" : null;
      case TICKET -> value >= 1.0 && p.fundingNeed > 0 ? "可接受额度 " + range(o) : null;
      case INSTRUMENT -> value >= 1.0 ? instrument(o) : null;
      case BENEFIT -> o.benefitMax > 0 ? "最高 " + money(o.benefitMax) : null;
      case TRACK -> value >= GOOD && o.portfolio > 0 ? "已投资 " + o.portfolio + " 个项目" : null;
      case TIME -> when(value, o);
      case RELATED -> value >= RELATED_GOOD ? RELATED_REASONS.get(o.type) : null;
      case ORGANISER ->
          value >= 1.0 && o.organiser >= 0
              ? "主办方为" + ORGANISER_NAMES.get(o.organiser) + "，对口您的需求"
              : null;
    };
  }

  /**
   * A related value from here on: among the counterparts projects like the subject went to most.
   */
  static final double RELATED_GOOD = 0.5;

  /** The related reason by counterpart type: what projects like the subject did with it. */
  static final java.util.Map<EntityType, String> RELATED_REASONS =
      java.util.Map.of(
          EntityType.MENTORS, "与您相似的项目曾由该导师辅导",
          EntityType.PARKS, "与您相似的项目曾入驻或对接该园区",
          EntityType.INVESTORS, "与您相似的项目曾与该机构对接",
          EntityType.EVENTS, "与您相似的项目曾报名该活动");

  /** Names of the organiser kinds, in {@code Codes.ORGANISER_TYPES} order. */
  static final List<String> ORGANISER_NAMES = List.of("孵化园区", "创业导师", "金融投资机构", "政府部门");

  /** When and where an event is: "3 天后 · 崂山区" (the days recovered from the time value). */
  private String when(double value, Features o) {
    long days = value <= 0 ? -1 : Math.round(-Math.log(value) * PairScorer.TIME_SCALE_DAYS);
    String day = days < 0 ? null : days == 0 ? "今天" : days == 1 ? "明天" : days + " 天后";
    if (day == null) return null;
    return o.district >= 0 ? day + " · " + fx.district(o.district).name() : day;
  }

  private String sector(double value, Features p, Features o) {
    if (o.sectors == 0) return value >= params.sectorAgnostic() && value < GOOD ? "不限行业" : null;
    if (value < GOOD) return null;
    long shared = p.sectors & o.sectors;
    if (shared != 0 && value >= params.secondarySector()) {
      int bit =
          (p.mainSector >= 0 && (shared & (1L << p.mainSector)) != 0)
              ? p.mainSector
              : Long.numberOfTrailingZeros(shared);
      return "行业匹配：" + fx.sector(bit).name();
    }
    // related via affinity or keywords: name the counterpart's closest sector
    int best = -1;
    double bestAff = 0;
    for (long os = o.sectors; os != 0; os &= os - 1) {
      int j = Long.numberOfTrailingZeros(os);
      for (long ps = p.sectors; ps != 0; ps &= ps - 1) {
        double a = fx.affinity(Long.numberOfTrailingZeros(ps), j);
        if (a > bestAff) {
          bestAff = a;
          best = j;
        }
      }
    }
    if (best >= 0) return "行业相关：" + fx.sector(best).name();
    return "业务关键词相近";
  }

  private String location(double value, Features p, Features o) {
    if (o.type == EntityType.POLICIES) {
      return o.scope != 0 && p.district >= 0 ? "本地政策：" + fx.district(p.district).name() : null;
    }
    if (p.district >= 0 && p.district == o.district) return "同在" + fx.district(p.district).name();
    if (value < 0.2 || !p.hasPoint() || !o.hasPoint()) return null;
    long km = Math.round(fx.km(p, o));
    return "距离约 " + Math.max(1, km) + " 公里";
  }

  private static String instrument(Features o) {
    List<String> kinds = new ArrayList<>();
    if ((o.instruments & Features.DEBT) != 0) kinds.add("债权融资（贷款）");
    if ((o.instruments & Features.EQUITY) != 0) kinds.add("股权投资");
    return "提供" + String.join("、", kinds);
  }

  private static String range(Features o) {
    long min = Math.max(0, o.ticketMin);
    return o.ticketMax >= 0 ? money(min) + "–" + money(o.ticketMax) : money(min) + " 起";
  }

  static String money(long yuan) {
    if (yuan >= 100_000_000 && yuan % 10_000_000 == 0) return trim(yuan / 100_000_000.0) + " 亿元";
    if (yuan >= 10_000) return trim(yuan / 10_000.0) + " 万元";
    return yuan + " 元";
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.1f", v);
  }
}
