package cn.qingdao.peipao.core.model;

import java.time.Instant;
import java.util.List;

/**
 * An event of the programme (活动): a competition, roadshow, training camp, salon, 创业第一课 or a
 * mentor's visit, with its time, place, the needs it serves and its seats. {@code series} names the
 * programme it belongs to (马兰花, 源来好创业, 青创四季…); {@code capacity} null means unlimited seats; {@code
 * waitlist} whether sign-ups past capacity wait for a seat.
 */
public record Event(
    String id,
    String name,
    String description,
    List<String> tags,
    String kind,
    String series,
    Organiser organiser,
    List<String> sectors,
    List<String> stages,
    Location location,
    List<String> needs,
    Instant start,
    Instant end,
    Instant registrationDeadline,
    Integer capacity,
    boolean waitlist,
    String status,
    long version,
    Instant updatedAt)
    implements Entity {
  /**
   * Who organises it: a park, mentor or investor of the catalogue (by id), or a government body.
   */
  public record Organiser(String type, String id, String name) {}

  @Override
  public EntityType type() {
    return EntityType.EVENTS;
  }

  /** Whether sign-ups are taken at {@code now}: open, not started, before the deadline. */
  public boolean openAt(Instant now) {
    return "open".equals(status)
        && start.isAfter(now)
        && (registrationDeadline == null || !now.isAfter(registrationDeadline));
  }

  @Override
  public Event withServerFields(String id, long version, Instant updatedAt) {
    return new Event(
        id,
        name,
        description,
        tags,
        kind,
        series,
        organiser,
        sectors,
        stages,
        location,
        needs,
        start,
        end,
        registrationDeadline,
        capacity,
        waitlist,
        status,
        version,
        updatedAt);
  }
}
