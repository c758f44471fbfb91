package cn.qingdao.peipao.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object, recording each problem with its path in a shared {@link
 * Problems} instead of stopping at the first. {@link #finish()} reports the fields nobody asked for
 * as unknown. A getter returns {@code null} (or an empty list) when the value is missing or
 * invalid, so callers can keep reading and build nothing until {@link Problems#throwIfAny()}.
 */
public final class Fields {
  private final JsonNode node;
  private final String path;
  private final Problems problems;
  private final Set<String> read = new HashSet<>();

  private Fields(JsonNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** Reader over {@code node}; records "must be an object" and reads nothing if it is not one. */
  public static Fields of(JsonNode node, String path, Problems problems) {
    if (node == null || !node.isObject()) {
      problems.add(path, "must be a JSON object");
      return new Fields(JsonNodeFactory.instance.objectNode(), path, problems);
    }
    return new Fields(node, path, problems);
  }

  public Problems problems() {
    return problems;
  }

  /** The path of a field of this object. */
  public String pathOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** The raw value of a field, or {@code null} when absent or JSON null; marks it as read. */
  public JsonNode raw(String name) {
    read.add(name);
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v;
  }

  public boolean has(String name) {
    return raw(name) != null;
  }

  private JsonNode required(String name, boolean required) {
    JsonNode v = raw(name);
    if (v == null && required) {
      problems.add(pathOf(name), "is required");
    }
    return v;
  }

  /** A string of at most {@code maxLength} characters; blank counts as missing. */
  public String string(String name, boolean required, int maxLength) {
    JsonNode v = required(name, required);
    if (v == null) return null;
    if (!v.isTextual()) {
      problems.add(pathOf(name), "must be a string");
      return null;
    }
    String s = v.textValue().strip();
    if (s.isEmpty()) {
      if (required) problems.add(pathOf(name), "must not be blank");
      return null;
    }
    if (s.length() > maxLength) {
      problems.add(
          pathOf(name), "must be at most " + maxLength + " characters (got " + s.length() + ")");
      return null;
    }
    return s;
  }

  /** A string that must match {@code pattern}; {@code rule} describes it for the error. */
  public String matching(String name, boolean required, Pattern pattern, String rule) {
    String s = string(name, required, 1000);
    if (s != null && !pattern.matcher(s).matches()) {
      problems.add(pathOf(name), rule + " (got '" + Texts.clip(s) + "')");
      return null;
    }
    return s;
  }

  /** An integer in [min, max]. */
  public Long integer(String name, boolean required, long min, long max) {
    JsonNode v = required(name, required);
    if (v == null) return null;
    return Values.integer(v, pathOf(name), min, max, problems);
  }

  /** A number in [min, max]. */
  public Double number(String name, boolean required, double min, double max) {
    JsonNode v = required(name, required);
    if (v == null) return null;
    if (!v.isNumber()) {
      problems.add(pathOf(name), "must be a number");
      return null;
    }
    double d = v.doubleValue();
    if (!Double.isFinite(d) || d < min || d > max) {
      problems.add(
          pathOf(name), "must be between " + min + " and " + max + " (got " + v.asText() + ")");
      return null;
    }
    return d;
  }

  public Boolean bool(String name, boolean required) {
    JsonNode v = required(name, required);
    if (v == null) return null;
    if (!v.isBoolean()) {
      problems.add(pathOf(name), "must be true or false");
      return null;
    }
    return v.booleanValue();
  }

  /** A calendar date written as {@code yyyy-MM-dd}. */
  public LocalDate date(String name, boolean required) {
    JsonNode v = required(name, required);
    if (v == null) return null;
    return Values.date(v, pathOf(name), problems);
  }

  /** A point in time written as ISO-8601 with its offset ({@code 2026-12-01T09:00:00+08:00}). */
  public java.time.Instant instant(String name, boolean required) {
    JsonNode v = required(name, required);
    if (v == null) return null;
    if (v.isTextual()) {
      try {
        return java.time.OffsetDateTime.parse(v.textValue()).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        // reported below
      }
    }
    problems.add(
        pathOf(name),
        "must be a time with its offset, e.g. 2026-12-01T09:00:00+08:00 (got '"
            + Texts.clip(v.asText())
            + "')");
    return null;
  }

  /** One code out of {@code allowed}; the error lists them. */
  public String code(String name, boolean required, Collection<String> allowed) {
    JsonNode v = required(name, required);
    if (v == null) return null;
    if (!v.isTextual()) {
      problems.add(pathOf(name), "must be a string, one of " + String.join(", ", allowed));
      return null;
    }
    if (!allowed.contains(v.textValue())) {
      problems.add(
          pathOf(name),
          "must be one of "
              + String.join(", ", allowed)
              + " (got '"
              + Texts.clip(v.textValue())
              + "')");
      return null;
    }
    return v.textValue();
  }

  /**
   * A list of distinct codes, each checked by {@code check} (returns an error message or {@code
   * null}); at most {@code maxItems}. Missing means empty unless {@code required}.
   */
  public List<String> codes(
      String name, boolean required, int maxItems, Function<String, String> check) {
    List<String> out = new ArrayList<>();
    for (Item item : array(name, required, maxItems)) {
      JsonNode v = item.value();
      if (!v.isTextual()) {
        problems.add(item.path(), "must be a string");
        continue;
      }
      String code = v.textValue();
      String error = check.apply(code);
      if (error != null) {
        problems.add(item.path(), error);
      } else if (out.contains(code)) {
        problems.add(item.path(), "duplicate '" + Texts.clip(code) + "'");
      } else {
        out.add(code);
      }
    }
    if (required
        && out.isEmpty()
        && raw(name) != null
        && node.get(name).isArray()
        && node.get(name).isEmpty()) {
      problems.add(pathOf(name), "must not be empty");
    }
    return List.copyOf(out);
  }

  /** A list of free strings (e.g. tags), each non-blank and at most {@code maxLength} long. */
  public List<String> strings(String name, int maxItems, int maxLength) {
    Set<String> out = new LinkedHashSet<>();
    for (Item item : array(name, false, maxItems)) {
      JsonNode v = item.value();
      if (!v.isTextual() || v.textValue().isBlank()) {
        problems.add(item.path(), "must be a non-blank string");
      } else if (v.textValue().strip().length() > maxLength) {
        problems.add(item.path(), "must be at most " + maxLength + " characters");
      } else {
        out.add(v.textValue().strip());
      }
    }
    return List.copyOf(out);
  }

  /** A nested object, or {@code null} when absent (recorded as a problem when required). */
  public Fields object(String name, boolean required) {
    JsonNode v = required(name, required);
    if (v == null) return null;
    if (!v.isObject()) {
      problems.add(pathOf(name), "must be a JSON object");
      return null;
    }
    return new Fields(v, pathOf(name), problems);
  }

  /** The elements of an array field with their paths ({@code name[i]}); empty when absent. */
  public List<Item> array(String name, boolean required, int maxItems) {
    JsonNode v = required(name, required);
    if (v == null) return List.of();
    if (!v.isArray()) {
      problems.add(pathOf(name), "must be an array");
      return List.of();
    }
    if (v.size() > maxItems) {
      problems.add(pathOf(name), "must have at most " + maxItems + " items (got " + v.size() + ")");
      return List.of();
    }
    List<Item> items = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      items.add(new Item(v.get(i), pathOf(name) + "[" + i + "]"));
    }
    return items;
  }

  /** Reports every field of the object that no getter asked for. Call once, last. */
  public void finish() {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!read.contains(n)) {
        problems.add(pathOf(n), "unknown field");
      }
    }
  }

  /** One element of a JSON array and its path. */
  public record Item(JsonNode value, String path) {
    /** This element as an object reader (records "must be a JSON object" otherwise). */
    public Fields fields(Problems problems) {
      return Fields.of(value, path, problems);
    }
  }
}
