package cn.qingdao.peipao.core.model;

import java.util.Arrays;
import java.util.Optional;

/** The six kinds of entity, named as in the API paths. */
public enum EntityType {
  PROJECTS("projects", "p"),
  MENTORS("mentors", "m"),
  PARKS("parks", "k"),
  INVESTORS("investors", "i"),
  POLICIES("policies", "pol"),
  EVENTS("events", "ev");

  private final String path;
  private final String idPrefix;

  EntityType(String path, String idPrefix) {
    this.path = path;
    this.idPrefix = idPrefix;
  }

  /** The plural name used in URLs and JSON ({@code projects}, …). */
  public String path() {
    return path;
  }

  /** Prefix of generated ids ({@code p-…}). */
  public String idPrefix() {
    return idPrefix;
  }

  public static Optional<EntityType> fromPath(String path) {
    return Arrays.stream(values()).filter(t -> t.path.equals(path)).findFirst();
  }

  public static String paths() {
    return String.join(", ", Arrays.stream(values()).map(EntityType::path).toList());
  }
}
