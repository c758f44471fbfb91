package cn.qingdao.peipao.core.growth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One risk read from a growth file: its kind (e.g. {@code revenue_decline}, {@code runway_short}),
 * the numbers that show it, how severe it is, the service teams it calls for and a short Chinese
 * phrase a portal can show as-is.
 */
public record RiskSignal(
    String kind,
    Severity severity,
    Map<String, Object> evidence,
    List<String> teams,
    String label) {
  public RiskSignal {
    evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    teams = List.copyOf(teams);
  }
}
