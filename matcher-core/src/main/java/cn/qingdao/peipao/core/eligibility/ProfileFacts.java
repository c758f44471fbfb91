package cn.qingdao.peipao.core.eligibility;

import cn.qingdao.peipao.core.model.ProfileField;
import cn.qingdao.peipao.core.model.Project;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * A project profile as eligibility reads it: which fields it states, code sets as bit masks (see
 * {@link ProfileEncoder}) and numbers as doubles. Immutable; built once per project version.
 */
public final class ProfileFacts {
  private final Project project;
  private final int given;
  private final long sectors;
  private final long groups;
  private final long needs;
  private final long awardLevels;
  private final long flags;
  private final int stage;
  private final int district;
  private final int status;
  private final double graduationYear;
  private final double fundingNeed;
  private final double employees;
  private final long registeredDay;
  private final int[] awardYears;
  private final List<String> regions;

  ProfileFacts(
      Project project,
      int given,
      long sectors,
      long groups,
      long needs,
      long awardLevels,
      long flags,
      int stage,
      int district,
      int status,
      double graduationYear,
      double fundingNeed,
      double employees,
      long registeredDay,
      int[] awardYears,
      List<String> regions) {
    this.project = project;
    this.given = given;
    this.sectors = sectors;
    this.groups = groups;
    this.needs = needs;
    this.awardLevels = awardLevels;
    this.flags = flags;
    this.stage = stage;
    this.district = district;
    this.status = status;
    this.graduationYear = graduationYear;
    this.fundingNeed = fundingNeed;
    this.employees = employees;
    this.registeredDay = registeredDay;
    this.awardYears = awardYears;
    this.regions = regions;
  }

  public Project project() {
    return project;
  }

  /** The project's place and every place around it, innermost first (empty when unknown). */
  List<String> regions() {
    return regions;
  }

  /** True when the profile states {@code field} (derived fields: when their source is stated). */
  public boolean states(ProfileField field) {
    return (given & ProfileEncoder.bit(field)) != 0;
  }

  /** The code mask of a code or boolean field (a single bit for single codes; 0 for none). */
  long mask(ProfileField field) {
    return switch (field) {
      case SECTORS -> sectors;
      case FOUNDER_GROUPS -> groups;
      case NEEDS -> needs;
      case AWARD_LEVEL -> awardLevels;
      case STAGE -> stage < 0 ? 0 : 1L << stage;
      case DISTRICT -> district < 0 ? 0 : 1L << district;
      case REGION -> 0;
      case STATUS -> status < 0 ? 0 : 1L << status;
      case HIGH_TECH, SPECIALIZED, IN_PARK -> (flags & ProfileEncoder.bit(field)) != 0 ? 1 : 0;
      default -> throw new IllegalArgumentException(field.path() + " is not a code field");
    };
  }

  /** The position of a single-valued ordered code (stage), or -1. */
  int position(ProfileField field) {
    if (field != ProfileField.STAGE) throw new IllegalArgumentException(field.path());
    return stage;
  }

  /** The value of a scalar number or date field (dates as epoch days) as of {@code at}. */
  double number(ProfileField field, AsOf at) {
    return switch (field) {
      case GRADUATION_YEAR -> graduationYear;
      case FUNDING_NEED -> fundingNeed;
      case EMPLOYEES -> employees;
      case REGISTERED_AT -> registeredDay;
      case YEARS_SINCE_GRADUATION -> at.year() - graduationYear;
      case YEARS_SINCE_REGISTRATION -> yearsBetween(LocalDate.ofEpochDay(registeredDay), at.date());
      default -> throw new IllegalArgumentException(field.path() + " is not a scalar number");
    };
  }

  /** The years of a list-valued number field (award years). */
  int[] numbers(ProfileField field) {
    if (field != ProfileField.AWARD_YEAR) throw new IllegalArgumentException(field.path());
    return awardYears;
  }

  List<String> tags() {
    return project.tags();
  }

  /**
   * Years from {@code from} to {@code to}: whole years plus the elapsed fraction of the current
   * one, so that an anniversary gives a whole number (registered 2022-03-01 is 3.0 years on
   * 2025-03-01).
   */
  static double yearsBetween(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) return -yearsBetween(to, from);
    int whole = Period.between(from, to).getYears();
    LocalDate anniversary = from.plusYears(whole);
    LocalDate next = from.plusYears(whole + 1L);
    double part =
        (double) (to.toEpochDay() - anniversary.toEpochDay())
            / (next.toEpochDay() - anniversary.toEpochDay());
    return whole + part;
  }
}
