package cn.qingdao.peipao.core.scoring;

import cn.qingdao.peipao.core.model.EntityType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who is recommended to whom, with the components each side's view weighs. Two-sided directions
 * have a reverse (the counterpart's view of the same pair).
 */
public enum Direction {
  PROJECT_MENTORS(
      "project-mentors",
      EntityType.PROJECTS,
      EntityType.MENTORS,
      List.of("sector", "stage", "location", "needs", "text", "capacity", "related")),
  PROJECT_PARKS(
      "project-parks",
      EntityType.PROJECTS,
      EntityType.PARKS,
      List.of(
          "sector", "stage", "location", "needs", "text", "space", "kind", "freeSpace", "related")),
  PROJECT_INVESTORS(
      "project-investors",
      EntityType.PROJECTS,
      EntityType.INVESTORS,
      List.of("sector", "stage", "location", "text", "ticket", "instrument", "track", "related")),
  PROJECT_POLICIES(
      "project-policies",
      EntityType.PROJECTS,
      EntityType.POLICIES,
      List.of("sector", "stage", "location", "text", "benefit")),
  MENTOR_PROJECTS(
      "mentor-projects",
      EntityType.MENTORS,
      EntityType.PROJECTS,
      List.of("sector", "stage", "location", "needs", "text")),
  PARK_PROJECTS(
      "park-projects",
      EntityType.PARKS,
      EntityType.PROJECTS,
      List.of("sector", "stage", "location", "needs", "text", "space", "kind", "freeSpace")),
  INVESTOR_PROJECTS(
      "investor-projects",
      EntityType.INVESTORS,
      EntityType.PROJECTS,
      List.of("sector", "stage", "location", "text", "ticket", "instrument")),
  /** Upcoming events open for sign-up, for a project: one-sided, sooner is better. */
  PROJECT_EVENTS(
      "project-events",
      EntityType.PROJECTS,
      EntityType.EVENTS,
      List.of("sector", "stage", "location", "needs", "text", "time", "organiser", "related")),
  /** The projects to invite to an event: one-sided. */
  EVENT_PROJECTS(
      "event-projects",
      EntityType.EVENTS,
      EntityType.PROJECTS,
      List.of("sector", "stage", "location", "needs", "text"));

  private final String code;
  private final EntityType subject;
  private final EntityType target;
  private final List<String> components;

  Direction(String code, EntityType subject, EntityType target, List<String> components) {
    this.code = code;
    this.subject = subject;
    this.target = target;
    this.components = components;
  }

  public String code() {
    return code;
  }

  public EntityType subject() {
    return subject;
  }

  public EntityType target() {
    return target;
  }

  /** The components of this side's view, in display order. */
  public List<String> components() {
    return components;
  }

  /** The counterpart's view of the same pair, or empty for one-sided directions (policies). */
  public Optional<Direction> reverse() {
    return switch (this) {
      case PROJECT_MENTORS -> Optional.of(MENTOR_PROJECTS);
      case MENTOR_PROJECTS -> Optional.of(PROJECT_MENTORS);
      case PROJECT_PARKS -> Optional.of(PARK_PROJECTS);
      case PARK_PROJECTS -> Optional.of(PROJECT_PARKS);
      case PROJECT_INVESTORS -> Optional.of(INVESTOR_PROJECTS);
      case INVESTOR_PROJECTS -> Optional.of(PROJECT_INVESTORS);
      case PROJECT_POLICIES, PROJECT_EVENTS, EVENT_PROJECTS -> Optional.empty();
    };
  }

  /** True when the subject is the project (the candidate is the counterpart). */
  public boolean projectIsSubject() {
    return subject == EntityType.PROJECTS;
  }

  public static Optional<Direction> of(EntityType subject, EntityType target) {
    return Arrays.stream(values())
        .filter(d -> d.subject == subject && d.target == target)
        .findFirst();
  }

  public static Optional<Direction> ofCode(String code) {
    return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
  }
}
