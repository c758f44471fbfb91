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
  /** Feedback on recommendations and the scoring profiles it measures (admin and portal). */
  FEEDBACK,
  /** Growth files and risk alerts: a project's business figures. */
  GROWTH,
  WRITE,
  IMPORT
}
