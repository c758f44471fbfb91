package cn.qingdao.peipao.core.eligibility;

/** A policy's verdict for a profile, in the order answers list them. */
public enum Verdict {
  /** Every condition is met. */
  ELIGIBLE,
  /** Not yet: some conditions are unknown, or unmet but attainable as the project grows. */
  PARTIAL,
  /** A condition is unmet that the project cannot come to meet (who, where, or too far along). */
  INELIGIBLE;

  /** The lowercase code used in JSON. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static java.util.Optional<Verdict> of(String code) {
    for (Verdict v : values()) if (v.code().equals(code)) return java.util.Optional.of(v);
    return java.util.Optional.empty();
  }
}
