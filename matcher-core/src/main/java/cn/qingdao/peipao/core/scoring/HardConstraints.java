package cn.qingdao.peipao.core.scoring;

import cn.qingdao.peipao.core.model.EntityType;

/**
 * The hard constraints between a project and a counterpart, as O(1) tests on their features: the
 * one definition every path applies (recommendations, allocation, feedback's accept). The index
 * narrows candidates with the same rules as query clauses first; these tests decide.
 */
public final class HardConstraints {
  private HardConstraints() {}

  /**
   * The first hard constraint between project {@code p} and counterpart {@code o} that fails, or
   * null when they pass them all.
   *
   * @param consentNeeded whether the counterpart is looking for projects (then the project's
   *     consent to its kind is required; a project looking for help needs none of its own)
   * @param epochDay today, for a policy's validity
   */
  public static HardConstraint obstacle(
      Features p, Features o, boolean consentNeeded, long epochDay) {
    EntityType otherType = o.type;
    if (otherType != EntityType.POLICIES && !p.active) {
      boolean secondChance =
          p.failed
              && o.secondIncubation
              && (otherType == EntityType.MENTORS || otherType == EntityType.PARKS);
      if (!secondChance) return HardConstraint.PROJECT_NOT_ACTIVE;
    }
    if (consentNeeded && !HardConstraint.consents(p, otherType)) return HardConstraint.NO_CONSENT;
    if (o.scope != 0 && (p.district < 0 || (o.scope & (1 << p.district)) == 0))
      return HardConstraint.OUT_OF_SCOPE;
    switch (otherType) {
      case MENTORS -> {
        if (o.capacity <= 0) return HardConstraint.FULL;
      }
      case PARKS -> {
        if (!hasRoom(o)) return HardConstraint.FULL;
      }
      case POLICIES -> {
        // Stage and sector scope are eligibility conditions, judged by the eligibility engine.
        if (epochDay < o.validFrom || epochDay > o.validUntil || !o.founderAudience)
          return HardConstraint.POLICY_NOT_OPEN;
      }
      case EVENTS -> {
        if (!eventOpen(o, epochDay)) return HardConstraint.EVENT_NOT_OPEN;
      }
      default -> {}
    }
    return null;
  }

  /**
   * Whether event {@code o} takes sign-ups on {@code epochDay}, by the day as the index filters:
   * open, starting that day or later, sign-up not closed. O(1).
   */
  public static boolean eventOpen(Features o, long epochDay) {
    return o.active && eventDay(o.eventStart) >= epochDay && eventDay(o.eventDeadline) >= epochDay;
  }

  /** The UTC epoch day of an epoch second (the index compares seconds against day starts). */
  public static long eventDay(long epochSecond) {
    return Math.floorDiv(epochSecond, 86_400L);
  }

  /** Whether a park can take one more project: not full by count, and some area left. */
  public static boolean hasRoom(Features park) {
    boolean full = park.capacity >= 0 && park.tenants >= 0 && park.tenants >= park.capacity;
    return !full && park.areaAvailable != 0;
  }
}
