package cn.qingdao.peipao.core.growth;

import java.util.Locale;

/** How urgently a risk calls for help; ordered. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
