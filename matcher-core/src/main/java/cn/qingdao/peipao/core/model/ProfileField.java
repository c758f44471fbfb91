package cn.qingdao.peipao.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fields of a project profile that eligibility conditions may address, with the kind of value
 * each holds (which decides the operators that make sense for it).
 */
public enum ProfileField {
  SECTORS("sectors", Kind.CODES, "所属行业", Change.FIXED),
  STAGE("stage", Kind.CODE, "发展阶段", Change.GROWS),
  DISTRICT("location.district", Kind.CODE, "所在区市", Change.FIXED),
  FOUNDER_GROUPS("founder.groups", Kind.CODES, "创业者群体", Change.FIXED),
  GRADUATION_YEAR("founder.graduationYear", Kind.NUMBER, "毕业年份", Change.FIXED),
  NEEDS("needs", Kind.CODES, "服务需求", Change.FIXED),
  FUNDING_NEED("fundingNeed", Kind.NUMBER, "融资需求（元）", Change.FIXED),
  EMPLOYEES("employees", Kind.NUMBER, "员工人数", Change.GROWS),
  REGISTERED_AT("registeredAt", Kind.DATE, "注册日期", Change.APPEARS),
  AWARD_LEVEL("awards.level", Kind.ORDERED_CODES, "获奖级别", Change.GROWS),
  AWARD_YEAR("awards.year", Kind.NUMBER, "获奖年份", Change.GROWS),
  HIGH_TECH("flags.highTech", Kind.BOOLEAN, "高新技术企业", Change.GROWS),
  SPECIALIZED("flags.specialized", Kind.BOOLEAN, "专精特新企业", Change.GROWS),
  /** A tenant of a park (stated, or derived from an active park assignment). */
  IN_PARK("inPark", Kind.BOOLEAN, "入驻园区", Change.GROWS),
  STATUS("status", Kind.CODE, "项目状态", Change.FIXED),
  TAGS("tags", Kind.CODES, "标签", Change.FIXED),
  YEARS_SINCE_REGISTRATION("yearsSinceRegistration", Kind.NUMBER, "注册年限", Change.GROWS),
  YEARS_SINCE_GRADUATION("yearsSinceGraduation", Kind.NUMBER, "毕业年限", Change.GROWS),
  /**
   * The places the project lies in (its county, city and province), derived from its location: a
   * condition on it holds when one of its codes is among them.
   */
  REGION("location.region", Kind.CODES, "所在地区", Change.FIXED);

  /**
   * How a field can change as a project develops, which decides whether an unmet condition is a gap
   * the founder can close (a {@code partial} verdict) or a barrier ({@code ineligible}).
   */
  public enum Change {
    /** Who and where the founder is: does not change by developing the project. */
    FIXED,
    /** Absent until the project gets it (registration), then fixed. */
    APPEARS,
    /** Only grows: numbers and stages increase, sets gain members, flags turn true. */
    GROWS
  }

  /** The shape of a field's value. */
  public enum Kind {
    CODE(List.of("eq", "ne", "in", "exists")),
    CODES(List.of("intersects", "eq", "ne", "exists")),
    ORDERED_CODES(List.of("eq", "ne", "in", "intersects", "lt", "lte", "gt", "gte", "exists")),
    NUMBER(List.of("eq", "ne", "in", "lt", "lte", "gt", "gte", "exists")),
    DATE(List.of("eq", "ne", "lt", "lte", "gt", "gte", "exists")),
    BOOLEAN(List.of("eq", "ne", "exists"));

    private final List<String> ops;

    Kind(List<String> ops) {
      this.ops = ops;
    }

    public List<String> ops() {
      return ops;
    }
  }

  private final String path;
  private final Kind kind;
  private final String label;
  private final Change change;

  ProfileField(String path, Kind kind, String label, Change change) {
    this.path = path;
    this.kind = kind;
    this.label = label;
    this.change = change;
  }

  /** The Chinese name used in gaps ("员工人数 60 &gt; 上限 50"). */
  public String label() {
    return label;
  }

  public Change change() {
    return change;
  }

  public String path() {
    return path;
  }

  public Kind kind() {
    return kind;
  }

  public static Optional<ProfileField> of(String path) {
    return Arrays.stream(values()).filter(f -> f.path.equals(path)).findFirst();
  }

  public static String paths() {
    return String.join(", ", Arrays.stream(values()).map(ProfileField::path).toList());
  }
}
