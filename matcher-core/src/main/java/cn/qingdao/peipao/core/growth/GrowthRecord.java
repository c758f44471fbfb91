package cn.qingdao.peipao.core.growth;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Problems;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One dated measurement of a project: at least one of {@link #KNOWN} or other named, non-negative
 * numbers ({@code patents}, {@code exportShare}…). Immutable; measures in name order.
 */
public record GrowthRecord(LocalDate date, Map<String, Double> measures) {
  /** The measures the risk analysis reads. */
  public static final List<String> KNOWN =
      List.of("revenue", "employees", "runwayMonths", "customers");

  /** Most measures one record may carry. */
  public static final int MAX_MEASURES = 32;

  /** Largest value a measure may have (10^15: a trillion-yuan revenue is already absurd). */
  public static final double MAX_VALUE = 1e15;

  private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9_]{0,39}");

  public GrowthRecord {
    measures = Collections.unmodifiableMap(new TreeMap<>(measures));
  }

  public Double measure(String name) {
    return measures.get(name);
  }

  /**
   * Reads one record ({@code date} plus measures) under {@code path}, adding every problem found to
   * {@code problems}; null when there were problems.
   */
  public static GrowthRecord read(JsonNode node, String path, Problems problems, LocalDate today) {
    return read(node, path, problems, List.of(), today);
  }

  /**
   * As {@link #read(JsonNode, String, Problems, LocalDate)}, ignoring the fields named in {@code
   * skip}. A record dated after {@code today} is refused: growth records report what happened.
   */
  public static GrowthRecord read(
      JsonNode node, String path, Problems problems, List<String> skip, LocalDate today) {
    int before = problems.size();
    Fields f = Fields.of(node, path, problems);
    LocalDate date = f.date("date", true);
    if (date != null && date.isAfter(today))
      problems.add(
          f.pathOf("date"),
          "is after today (" + today + "): growth records report what has already happened");
    Map<String, Double> measures = new TreeMap<>();
    if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String name = e.getKey();
        if (name.equals("date") || skip.contains(name)) continue;
        String at = f.pathOf(name);
        if (!NAME.matcher(name).matches()) {
          problems.add(at, "is not a measure name (lowerCamelCase letters and digits, ≤ 40)");
          continue;
        }
        Double v = f.number(name, true, 0, MAX_VALUE);
        if (v != null) measures.put(name, v);
      }
    }
    if (measures.isEmpty() && problems.size() == before)
      problems.add(
          path.isEmpty() ? "measures" : path,
          "has no measure: give at least one of " + String.join(", ", KNOWN));
    if (measures.size() > MAX_MEASURES)
      problems.add(
          path.isEmpty() ? "measures" : path, "has more than " + MAX_MEASURES + " measures");
    return problems.size() == before ? new GrowthRecord(date, measures) : null;
  }
}
