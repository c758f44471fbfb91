package cn.qingdao.peipao.core.model;

import java.util.ArrayList;
import java.util.List;

/** The closed code lists of the entity contract (DOMAIN.md); the open ones are in the taxonomy. */
public final class Codes {
  private Codes() {}

  public static final List<String> PROJECT_STATUS = List.of("active", "paused", "closed", "failed");
  public static final List<String> AWARD_LEVELS =
      List.of("district", "city", "provincial", "national");
  public static final List<String> MENTOR_KINDS = List.of("mentor", "specialist", "expert");
  public static final List<String> PARK_KINDS =
      List.of(
          "incubation_park",
          "high_level_park",
          "startup_street",
          "community_station",
          "university_park",
          "enablement_center");
  public static final List<String> PARK_LEVELS =
      List.of("national", "provincial", "city", "district");
  public static final List<String> INVESTOR_KINDS =
      List.of("angel", "vc", "pe", "bank", "guarantee", "government_fund");
  public static final List<String> INSTRUMENTS = List.of("equity", "debt", "grant");
  public static final List<String> POLICY_CATEGORIES =
      List.of(
          "loan", "subsidy", "space", "insurance", "award", "talent", "service", "finance", "tax");
  public static final List<String> POLICY_AUDIENCES = List.of("founder", "park", "investor");
  public static final List<String> BENEFIT_TYPES =
      List.of(
          "loan",
          "interest_subsidy",
          "subsidy",
          "free_space",
          "insurance_subsidy",
          "award",
          "voucher",
          "service",
          "personnel",
          "guarantee_waiver",
          "loan_extension",
          "tax");

  /**
   * How a policy is granted beyond its conditions: {@code competitive} by a yearly selection
   * (需经评选), {@code pilot} only where it is piloted (园区试点), {@code reported} known from a report of
   * cases, its conditions set by the agency (以经办机构审核为准). A policy with one is at best {@code
   * partial}.
   */
  public static final List<String> SELECTIONS = List.of("competitive", "pilot", "reported");

  /** What an event is (活动): the programme's series are kept in {@code series}. */
  public static final List<String> EVENT_KINDS =
      List.of(
          "competition", "roadshow", "training", "salon", "first_lesson", "mentor_visit", "other");

  public static final List<String> EVENT_STATUS = List.of("open", "closed", "cancelled");

  /** Who organises an event: a park, a mentor, an investor, or a government body. */
  public static final List<String> ORGANISER_TYPES =
      List.of("parks", "mentors", "investors", "gov");

  /** The kind codes of {@code type} (policy categories for policies; none for projects). */
  public static List<String> kindsOf(EntityType type) {
    return switch (type) {
      case MENTORS -> MENTOR_KINDS;
      case PARKS -> PARK_KINDS;
      case INVESTORS -> INVESTOR_KINDS;
      case POLICIES -> POLICY_CATEGORIES;
      case EVENTS -> EVENT_KINDS;
      case PROJECTS -> List.of();
    };
  }

  /**
   * The service codes an investor's instruments answer: debt the need {@code finance}, equity
   * {@code capital}, grants {@code policy}.
   */
  public static List<String> investorServices(Investor i) {
    List<String> out = new ArrayList<>();
    if (i.instruments().contains("debt")) out.add("finance");
    if (i.instruments().contains("equity")) out.add("capital");
    if (i.instruments().contains("grant")) out.add("policy");
    return List.copyOf(out);
  }
}
