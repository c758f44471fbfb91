package cn.qingdao.peipao.core.scoring;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The score components, each a function of a (project, counterpart) pair into [0,1]. */
public enum Component {
  SECTOR("sector"),
  STAGE("stage"),
  LOCATION("location"),
  NEEDS("needs"),
  TEXT("text"),
  CAPACITY("capacity"),
  SPACE("space"),
  KIND("kind"),
  FREE_SPACE("freeSpace"),
  TICKET("ticket"),
  INSTRUMENT("instrument"),
  TRACK("track"),
  BENEFIT("benefit"),
  /** How soon an event starts: 1 today, falling by e each fortnight (appended: ordinals stay). */
  TIME("time"),
  /** Whether an event's organiser brings what the project needs (an investor: capital…). */
  ORGANISER("organiser"),
  /**
   * How strongly projects like the subject went to this counterpart: what people did (assignments,
   * accepted recommendations, sign-ups), not what profiles say; looked up per request, like text.
   */
  RELATED("related");

  static final Component[] ALL = values();

  /** By code: every answer looks up each of its items' components (a stream per lookup was 4 %). */
  private static final Map<String, Component> BY_CODE =
      Arrays.stream(ALL).collect(Collectors.toUnmodifiableMap(c -> c.code, c -> c));

  private final String code;

  Component(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The component of {@code code}, if any. O(1). */
  public static Optional<Component> of(String code) {
    return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
  }
}
