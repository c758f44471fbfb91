package cn.qingdao.peipao.api.http;

/** What a request does, as access control sees it. */
public enum Operation {
  /** Health, taxonomy, OpenAPI document: open to everyone. */
  PUBLIC,
  READ,
  SEARCH,
  /** Recommendations for a stored subject or an ad-hoc profile. */
  RECOMMEND,
  /** The policy calculator: open to anonymous callers, stores nothing. */
  CALCULATE,
  /** Allocations and the assignments they made: who accompanies or hosts which project. */
  ASSIGNMENTS,
  /** The feedback log and the scoring profiles it measures (admin and portal). */
  FEEDBACK,
  /**
   * Recording one feedback event: admin; portal for impressions and clicks only; a bound key only
   * for a pair that includes its own entity (the controller checks the body).
   */
  FEEDBACK_RECORD,
  /**
   * Need tickets: admin and portal keys; a founder key for its project's, a mentor key for those
   * assigned to it (the controller checks which ticket).
   */
  TICKETS,
  /** The service ledger (statistics and its downloads): admin and portal keys. */
  STATS,
  /** A mentor's service log and performance: admin, portal, the mentor's own key. */
  SERVICE_LOG,
  /** Logging a session: admin, the mentor's own key. */
  SERVICE_LOG_WRITE,
  /** Growth files and risk alerts: a project's business figures. */
  GROWTH,
  /**
   * A project's growth file and its current alert: as {@link #GROWTH}, and a park or mentor key for
   * the projects it accompanies that consent to its kind (实时掌握园区和企业发展动态; the controller checks the
   * assignment).
   */
  TENANT_GROWTH,
  /** Drafting an allocation: admin only; it scores a whole cohort on the index. */
  ALLOCATE,
  /**
   * Decisions on a project's accompaniment: publishing an allocation, ending an assignment,
   * reopening an exited project. Admin; an officer key in its region.
   */
  DECIDE,
  /** Recording a policy-outreach step (政策找人): admin; an officer key for its region's projects. */
  OUTREACH,
  /**
   * A park's desk: its space inventory, the move-in applications it receives and its decisions on
   * them. Admin; a park key for its own park.
   */
  PARK_DESK,
  /**
   * Booking a room or cancelling a booking: admin; a park key at its own park; a founder key for
   * its own project (the controller checks the body and the booking).
   */
  BOOK,
  /**
   * Signing a project up — applying to move into a park, registering for an event or cancelling
   * that: admin; a founder key for its own project; an officer key for a project of its region (the
   * controller checks the body or path).
   */
  APPLY,
  /**
   * An event's desk: recording attendance and competition results. Admin; an officer key for its
   * region's projects.
   */
  EVENT_DESK,
  /**
   * A park's yearly reports and evaluation: admin, portal, an officer (its region's parks), the
   * park's own key; the ranking of all parks (no id) is not a park key's.
   */
  PARK_REVIEW,
  /**
   * A project's own records (its bookings): admin, portal, its founder key, an officer of its
   * region.
   */
  PROJECT_RECORDS,
  /** Replacing one entity ({@code PUT}): admin, or a founder key for its own project. */
  UPDATE,
  WRITE,
  IMPORT
}
