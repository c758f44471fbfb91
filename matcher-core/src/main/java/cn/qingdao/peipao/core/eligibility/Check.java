package cn.qingdao.peipao.core.eligibility;

import static cn.qingdao.peipao.core.eligibility.Truth.MAYBE;
import static cn.qingdao.peipao.core.eligibility.Truth.NO;
import static cn.qingdao.peipao.core.eligibility.Truth.YES;

import cn.qingdao.peipao.core.model.ProfileField;
import cn.qingdao.peipao.core.model.ProfileField.Kind;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.model.Rule;
import cn.qingdao.peipao.core.taxonomy.Place;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One compiled condition {@code field op value} of a policy; evaluation is O(1) on {@link
 * ProfileFacts} (bit tests and comparisons), except list-valued numbers and tags (O(items)).
 *
 * <p>A field the profile does not state gives {@code unknown}; {@code exists} tests exactly whether
 * it is stated. List fields hold when some item satisfies the condition ({@code ne}: when none
 * equals the value). Tags are open-world: a missing tag is {@code unknown}, never {@code unmet}.
 */
final class Check {
  /** Operators as an enum: evaluation switches on it per profile, not on strings. */
  private enum Op {
    EQ,
    NE,
    IN,
    INTERSECTS,
    LT,
    LTE,
    GT,
    GTE,
    EXISTS
  }

  private final ProfileField field;
  private final String op;
  private final Op code;
  private final boolean tags;
  private final JsonNode value;
  private final long mask;
  private final double[] numbers;
  private final List<String> tagValues;
  private final boolean wantPresent;
  private final int codeCount;

  /** For region conditions: the hierarchy, to tell a city-level place from its counties. */
  private final cn.qingdao.peipao.core.taxonomy.Places places;

  Check(Rule.Condition c, ProfileEncoder encoder) {
    this.field =
        ProfileField.of(c.field())
            .orElseThrow(() -> new IllegalArgumentException("unknown field " + c.field()));
    this.op = c.op();
    this.code = Op.valueOf(op.toUpperCase(Locale.ROOT));
    this.tags = field == ProfileField.TAGS;
    this.value = c.value();
    List<JsonNode> items = new ArrayList<>();
    if (op.equals("exists")) {
      // the value says whether presence is wanted; nothing to compare
    } else if (value != null && value.isArray()) value.forEach(items::add);
    else if (value != null) items.add(value);
    long m = 0;
    double[] nums = new double[items.size()];
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode v = items.get(i);
      switch (field.kind()) {
        case NUMBER -> nums[i] = v.asDouble();
        case DATE -> nums[i] = LocalDate.parse(v.asText()).toEpochDay();
        case BOOLEAN -> m = v.asBoolean() ? 1 : 0;
        default -> {
          texts.add(v.asText());
          int p = encoder.position(field, v.asText());
          if (p >= 0) m |= 1L << p;
        }
      }
    }
    this.mask = m;
    this.numbers = nums;
    this.tagValues = List.copyOf(texts);
    this.places = encoder.places();
    this.wantPresent = code != Op.EXISTS || value == null || value.asBoolean();
    this.codeCount =
        field.kind() == Kind.CODE || field.kind() == Kind.ORDERED_CODES
            ? Math.max(encoder.size(field), 0)
            : 0;
  }

  ProfileField field() {
    return field;
  }

  String op() {
    return op;
  }

  JsonNode value() {
    return value;
  }

  /** The condition's own truth for {@code f} as of {@code at}. */
  int test(ProfileFacts f, AsOf at) {
    if (tags) return tagTruth(f.tags());
    if (code == Op.EXISTS) return present(f) == wantPresent ? YES : NO;
    if (!f.states(field)) return MAYBE;
    if (field == ProfileField.REGION) return regionTruth(f.regions());
    return switch (field.kind()) {
      case NUMBER ->
          field == ProfileField.AWARD_YEAR
              ? yearsTruth(f.numbers(field), Double.NaN)
              : numberTruth(f.number(field, at));
      case DATE -> numberTruth(f.number(field, at));
      default -> codeTruth(f.mask(field));
    };
  }

  /**
   * True when the condition's truth can become {@code target} as the project grows (see {@link
   * ProfileField.Change}); called for stated fields whose truth is not {@code target}.
   */
  boolean canBecome(ProfileFacts f, AsOf at, int target) {
    if (code == Op.EXISTS) {
      boolean wantsPresence = wantPresent == (target == YES);
      return wantsPresence && field.change() != ProfileField.Change.FIXED && !tags;
    }
    if (field.change() != ProfileField.Change.GROWS || !f.states(field)) return false;
    switch (field.kind()) {
      case BOOLEAN -> {
        return codeTruth(1) == target;
      }
      case CODE -> {
        for (int s = Math.max(f.position(field), 0); s < codeCount; s++)
          if (codeTruth(1L << s) == target) return true;
        return false;
      }
      case ORDERED_CODES -> {
        long m = f.mask(field);
        for (int e = 0; e < codeCount; e++) if (codeTruth(m | 1L << e) == target) return true;
        return false;
      }
      case NUMBER -> {
        return field == ProfileField.AWARD_YEAR
            ? growsTo(at.year(), target, f.numbers(field))
            : growsTo(f.number(field, at), target, null);
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * True when a number growing from {@code from} (or, with {@code years}, a new award year from
   * {@code from} on) can give {@code target}: tries itself, far beyond, each bound and just past
   * it.
   */
  private boolean growsTo(double from, int target, int[] years) {
    if (truthAt(from, years) == target || truthAt(from + 1e9, years) == target) return true;
    for (double v : numbers) {
      for (double c = v; c <= v + 1; c += 0.5) {
        if (c >= from && truthAt(c, years) == target) return true;
      }
    }
    return false;
  }

  private int truthAt(double x, int[] years) {
    return years == null ? numberTruth(x) : yearsTruth(years, x);
  }

  private boolean present(ProfileFacts f) {
    if (!f.states(field)) return false;
    return switch (field) {
      case AWARD_LEVEL -> f.mask(field) != 0;
      case AWARD_YEAR -> f.numbers(field).length > 0;
      default -> true;
    };
  }

  private int tagTruth(List<String> have) {
    boolean any = false;
    for (String t : tagValues) any |= have.contains(t);
    return switch (code) {
      case EXISTS -> have.isEmpty() ? MAYBE : (wantPresent ? YES : NO);
      case NE -> any ? NO : MAYBE;
      default -> any ? YES : MAYBE;
    };
  }

  private int codeTruth(long m) {
    if (field.kind() == Kind.BOOLEAN) return (code == Op.EQ) == (m == mask) ? YES : NO;
    boolean hit =
        switch (code) {
          case EQ, IN, INTERSECTS -> (m & mask) != 0;
          case NE -> (m & mask) == 0;
          case LT, LTE, GT, GTE -> (m & orderRange()) != 0;
          case EXISTS -> throw new IllegalStateException("exists on " + field.path());
        };
    return hit ? YES : NO;
  }

  /** The codes below/above the value, for order comparisons of award levels. */
  private long orderRange() {
    int v = Long.numberOfTrailingZeros(mask);
    long below = (1L << v) - 1;
    long upTo = (1L << (v + 1)) - 1;
    return switch (code) {
      case LT -> below;
      case LTE -> upTo;
      case GT -> ~upTo;
      default -> ~below;
    };
  }

  private int numberTruth(double x) {
    return compare(x) ? YES : NO;
  }

  private boolean compare(double x) {
    double v = numbers.length == 0 ? Double.NaN : numbers[0];
    return switch (code) {
      case EQ -> x == v;
      case NE -> x != v;
      case LT -> x < v;
      case LTE -> x <= v;
      case GT -> x > v;
      case GTE -> x >= v;
      case IN -> {
        for (double n : numbers) if (x == n) yield true;
        yield false;
      }
      case INTERSECTS, EXISTS -> throw new IllegalStateException(op + " on " + field.path());
    };
  }

  /** Some year satisfies the condition ({@code ne}: none equals); {@code extra} NaN for none. */
  private int yearsTruth(int[] years, double extra) {
    boolean ne = code == Op.NE;
    boolean any = false;
    for (int y : years) any |= ne ? y == numbers[0] : compare(y);
    if (!Double.isNaN(extra)) any |= ne ? extra == numbers[0] : compare(extra);
    return (ne ? !any : any) ? YES : NO;
  }

  /** The profile's value of the field, as JSON would show it; null when not stated. */
  Object shown(ProfileFacts f, AsOf at) {
    Project p = f.project();
    if (tags) return p.tags().isEmpty() ? null : p.tags();
    if (!f.states(field)) return null;
    return switch (field) {
      case SECTORS -> p.sectors();
      case STAGE -> p.stage();
      case DISTRICT -> p.location().district();
      case REGION -> f.regions();
      case FOUNDER_GROUPS -> p.founder().groups();
      case GRADUATION_YEAR -> p.founder().graduationYear();
      case NEEDS -> p.needs();
      case FUNDING_NEED -> p.fundingNeed();
      case EMPLOYEES -> p.employees();
      case REGISTERED_AT -> p.registeredAt().toString();
      case AWARD_LEVEL -> p.awards().stream().map(Project.Award::level).toList();
      case AWARD_YEAR -> p.awards().stream().map(Project.Award::year).toList();
      case HIGH_TECH -> p.flags().highTech();
      case SPECIALIZED -> p.flags().specialized();
      case IN_PARK -> p.inPark();
      case STATUS -> p.status();
      case YEARS_SINCE_REGISTRATION, YEARS_SINCE_GRADUATION ->
          Math.round(f.number(field, at) * 100) / 100.0;
      case TAGS -> p.tags();
    };
  }

  /**
   * Whether a place (its chain, innermost first) lies in one of the condition's places: yes when
   * one encloses it; unknown when the place is a city and one of them is a county of that city (the
   * county is not known); else no. {@code ne} is the negation. O(values × depth).
   */
  private int regionTruth(List<String> chain) {
    int t = NO;
    for (String v : tagValues) {
      if (chain.contains(v)) {
        t = YES;
        break;
      }
      if (places.get(chain.get(0)).map(p -> p.level() != Place.Level.COUNTY).orElse(false)
          && places.within(v, chain.get(0))) t = MAYBE;
    }
    return code == Op.NE ? 2 - t : t;
  }

  /**
   * For an unmet comparison on a scalar number or date, how far the profile is from the bound
   * ("员工人数 60 &gt; 上限 50"), as the requirement reads after {@code negated}; otherwise null.
   */
  String gap(ProfileFacts f, AsOf at, boolean negated) {
    boolean scalar =
        (field.kind() == Kind.NUMBER && field != ProfileField.AWARD_YEAR)
            || field.kind() == Kind.DATE;
    if (!scalar || !f.states(field) || numbers.length == 0) return null;
    String x = format(f.number(field, at));
    String v = format(numbers[0]);
    String need = negated ? negate(op) : op;
    return field.label()
        + " "
        + x
        + switch (need) {
          case "lte" -> " > 上限 " + v;
          case "lt" -> " ≥ 上限 " + v;
          case "gte" -> " < 下限 " + v;
          case "gt" -> " ≤ 下限 " + v;
          case "eq" -> " ≠ " + v;
          case "ne" -> " = " + v + "（不应等于）";
          case "in" -> " 不在 " + inList();
          default -> " 不满足（" + need + "）";
        };
  }

  private String inList() {
    List<String> out = new ArrayList<>();
    for (double n : numbers) out.add(format(n));
    return String.join("、", out);
  }

  private String format(double x) {
    if (field.kind() == Kind.DATE) return LocalDate.ofEpochDay((long) x).toString();
    if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
    return String.format(Locale.ROOT, "%.2f", x);
  }

  private static String negate(String op) {
    return switch (op) {
      case "lt" -> "gte";
      case "lte" -> "gt";
      case "gt" -> "lte";
      case "gte" -> "lt";
      case "eq" -> "ne";
      case "ne" -> "eq";
      default -> "not " + op;
    };
  }
}
