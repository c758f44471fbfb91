package cn.qingdao.peipao.core.eligibility;

import java.util.Locale;
import java.util.Optional;

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
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Verdict> of(String code) {
    for (Verdict v : values()) if (v.code().equals(code)) return Optional.of(v);
    return Optional.empty();
  }
}
