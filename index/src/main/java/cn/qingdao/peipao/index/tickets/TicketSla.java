package cn.qingdao.peipao.index.tickets;

import cn.qingdao.peipao.core.taxonomy.Service;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long a need may wait for its first response, per need (service code). Validated when built:
 * every need of the taxonomy has a time between one hour and thirty days, and no other key is given
 * — an error names the key.
 *
 * @param hours time to first response by need
 */
public record TicketSla(Map<String, Duration> hours) {
  /** Three working days by default; 24 hours for finance and space, where delay costs most. */
  public static TicketSla defaults(Taxonomy taxonomy) {
    Map<String, Duration> m = new LinkedHashMap<>();
    for (Service s : taxonomy.services()) m.put(s.code(), Duration.ofHours(72));
    m.computeIfPresent("finance", (k, v) -> Duration.ofHours(24));
    m.computeIfPresent("space", (k, v) -> Duration.ofHours(24));
    return of(taxonomy, m);
  }

  /**
   * An SLA from hours per need.
   *
   * @throws IllegalArgumentException naming the key that is missing, unknown or out of range
   */
  public static TicketSla of(Taxonomy taxonomy, Map<String, Duration> hours) {
    for (Service s : taxonomy.services())
      if (!hours.containsKey(s.code()))
        throw new IllegalArgumentException(
            "sla." + s.code() + ": missing; every need needs a time");
    for (Map.Entry<String, Duration> e : hours.entrySet()) {
      if (taxonomy.service(e.getKey()).isEmpty())
        throw new IllegalArgumentException(
            "sla." + e.getKey() + ": unknown need; allowed: " + taxonomy.serviceCodes());
      if (e.getValue().compareTo(Duration.ofHours(1)) < 0
          || e.getValue().compareTo(Duration.ofDays(30)) > 0)
        throw new IllegalArgumentException(
            "sla."
                + e.getKey()
                + ": must be between 1 hour and 30 days (got "
                + e.getValue()
                + ")");
    }
    return new TicketSla(Map.copyOf(hours));
  }

  /**
   * An SLA from a JSON object of hours per need ({@code {"finance": 24, "market": 72, …}}); needs
   * not named keep their default.
   *
   * @throws IllegalArgumentException naming the key ({@code sla.finance}) that is not a number,
   *     unknown, or out of range
   */
  public static TicketSla read(Taxonomy taxonomy, com.fasterxml.jackson.databind.JsonNode json) {
    if (json == null || !json.isObject())
      throw new IllegalArgumentException("sla: must be a JSON object of hours per need");
    Map<String, Duration> m = new LinkedHashMap<>(defaults(taxonomy).hours());
    for (var it = json.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().isNumber())
        throw new IllegalArgumentException("sla." + e.getKey() + ": must be a number of hours");
      m.put(e.getKey(), Duration.ofMinutes(Math.round(e.getValue().asDouble() * 60)));
    }
    return of(taxonomy, m);
  }

  /** The time to first response of {@code need}. */
  public Duration of(String need) {
    return hours.get(need);
  }
}
