package cn.qingdao.peipao.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Conversions of single JSON values shared by readers; problems go to {@link Problems}. */
public final class Values {
  private Values() {}

  public static Long integer(JsonNode v, String path, long min, long max, Problems problems) {
    if (!v.isIntegralNumber()) {
      problems.add(path, "must be an integer");
      return null;
    }
    if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
      problems.add(
          path, "must be between " + min + " and " + max + " (got " + Texts.clip(v.asText()) + ")");
      return null;
    }
    return v.longValue();
  }

  public static LocalDate date(JsonNode v, String path, Problems problems) {
    if (!v.isTextual()) {
      problems.add(path, "must be a date written yyyy-MM-dd");
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(v.textValue());
      if (d.getYear() < 1900 || d.getYear() > 2200) {
        problems.add(path, "must be a date between 1900 and 2200 (got '" + v.textValue() + "')");
        return null;
      }
      return d;
    } catch (DateTimeParseException e) {
      problems.add(
          path, "must be a date written yyyy-MM-dd (got '" + Texts.clip(v.textValue()) + "')");
      return null;
    }
  }
}
