package cn.qingdao.peipao.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fields of a project profile that eligibility conditions may address, with the kind of value
 * each holds (which decides the operators that make sense for it).
 */
public enum ProfileField {
  SECTORS("sectors", Kind.CODES),
  STAGE("stage", Kind.CODE),
  DISTRICT("location.district", Kind.CODE),
  FOUNDER_GROUPS("founder.groups", Kind.CODES),
  GRADUATION_YEAR("founder.graduationYear", Kind.NUMBER),
  NEEDS("needs", Kind.CODES),
  FUNDING_NEED("fundingNeed", Kind.NUMBER),
  EMPLOYEES("employees", Kind.NUMBER),
  REGISTERED_AT("registeredAt", Kind.DATE),
  AWARD_LEVEL("awards.level", Kind.ORDERED_CODES),
  AWARD_YEAR("awards.year", Kind.NUMBER),
  HIGH_TECH("flags.highTech", Kind.BOOLEAN),
  SPECIALIZED("flags.specialized", Kind.BOOLEAN),
  STATUS("status", Kind.CODE),
  TAGS("tags", Kind.CODES),
  YEARS_SINCE_REGISTRATION("yearsSinceRegistration", Kind.NUMBER),
  YEARS_SINCE_GRADUATION("yearsSinceGraduation", Kind.NUMBER);

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

  ProfileField(String path, Kind kind) {
    this.path = path;
    this.kind = kind;
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
