package cn.qingdao.peipao.index.spaces;

import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.store.SpaceStore;
import cn.qingdao.peipao.index.store.SpaceStore.Booking;
import cn.qingdao.peipao.index.store.SpaceStore.Space;
import cn.qingdao.peipao.index.store.Tx;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Room bookings (场地预约): time slots of a park's meeting rooms and halls. Two live bookings of one
 * room never overlap: the store refuses it (a trigger), and this class checks first to name the
 * booking in the way. Services know no HTTP.
 */
public final class Bookings {
  /** The longest booking: a day. */
  public static final Duration MAX_BOOKING = Duration.ofHours(24);

  /** How far ahead a room may be booked. */
  public static final Duration HORIZON = Duration.ofDays(366);

  private final Spaces spaces;
  private final Catalog catalog;

  public Bookings(Spaces spaces) {
    this.spaces = spaces;
    this.catalog = spaces.catalog;
  }

  /**
   * Books a room for {@code [start, end)}. The store refuses an overlap even if this check were
   * skipped; the check is here to name the booking in the way.
   *
   * @throws EntityConflictException when the room is taken, not bookable, or the slot is past
   */
  public Booking book(
      String parkId,
      String spaceId,
      String projectId,
      Instant start,
      Instant end,
      String purpose,
      String actor) {
    if (!end.isAfter(start)) throw ValidationException.of("end", "must be after start");
    if (Duration.between(start, end).compareTo(MAX_BOOKING) > 0)
      throw ValidationException.of("end", "a booking lasts at most 24 hours");
    Instant now = spaces.now();
    if (start.isBefore(now.minus(Duration.ofMinutes(1))))
      throw new EntityConflictException("start " + start + " is past; book a slot ahead");
    if (start.isAfter(now.plus(HORIZON)))
      throw ValidationException.of("start", "is more than a year ahead");
    if (projectId != null) spaces.project(projectId);
    return catalog.writeLogged(
        tx -> {
          spaces.park(tx, parkId);
          Space room =
              SpaceStore.spaces(tx, parkId).stream()
                  .filter(s -> s.id().equals(spaceId))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          ValidationException.of(
                              "spaceId", "park '" + parkId + "' has no space '" + spaceId + "'"));
          if (!room.bookable())
            throw new EntityConflictException(
                "space '" + spaceId + "' (" + room.kind() + ") is not booked by the hour");
          Optional<Booking> clash = SpaceStore.overlapping(tx, parkId, spaceId, start, end);
          if (clash.isPresent())
            throw new EntityConflictException(
                "space '"
                    + spaceId
                    + "' is booked from "
                    + clash.get().start()
                    + " to "
                    + clash.get().end()
                    + " (booking '"
                    + clash.get().id()
                    + "'); pick another slot");
          Booking b =
              new Booking(
                  Spaces.newId("b-"),
                  parkId,
                  spaceId,
                  projectId,
                  start,
                  end,
                  purpose,
                  "booked",
                  now,
                  actor,
                  null,
                  null);
          try {
            SpaceStore.insertBooking(tx, b);
          } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("overlaps"))
              throw new EntityConflictException(
                  "space '" + spaceId + "' was booked for an overlapping slot meanwhile");
            throw e;
          }
          return b;
        });
  }

  /**
   * Cancels a live booking ahead. Returns it cancelled.
   *
   * @throws EntityConflictException when cancelled already or over
   */
  public Booking cancel(String parkId, String bookingId, String actor) {
    return catalog.writeLogged(
        tx -> {
          Booking b = booking(tx, parkId, bookingId);
          if (!b.status().equals("booked"))
            throw new EntityConflictException(
                "booking '" + bookingId + "' was cancelled at " + b.cancelledAt());
          Instant now = spaces.now();
          if (!b.end().isAfter(now))
            throw new EntityConflictException("booking '" + bookingId + "' is over");
          SpaceStore.cancelBooking(tx, bookingId, now, actor);
          return SpaceStore.booking(tx, bookingId).orElseThrow();
        });
  }

  /** The booking of a park, or a 404. */
  public Booking booking(String parkId, String bookingId) {
    // a read: no write transaction (on a shared store that would take the cluster-wide lock)
    return catalog
        .spaces()
        .booking(bookingId)
        .filter(b -> b.parkId().equals(parkId))
        .orElseThrow(() -> new EntityNotFoundException("booking", bookingId));
  }

  private static Booking booking(Tx tx, String parkId, String bookingId) throws SQLException {
    return SpaceStore.booking(tx, bookingId)
        .filter(b -> b.parkId().equals(parkId))
        .orElseThrow(() -> new EntityNotFoundException("booking", bookingId));
  }

  /** A park's calendar over {@code [from, to)}, of one room or all. */
  public List<Booking> calendar(String parkId, String spaceId, Instant from, Instant to) {
    spaces.park(parkId);
    if (!to.isAfter(from)) throw ValidationException.of("to", "must be after from");
    if (Duration.between(from, to).compareTo(Duration.ofDays(92)) > 0)
      throw ValidationException.of("to", "a calendar spans at most 92 days");
    if (spaceId != null
        && catalog.spaces().spaces(parkId).stream().noneMatch(x -> x.id().equals(spaceId)))
      throw ValidationException.of(
          "spaceId", "park '" + parkId + "' has no space '" + spaceId + "'");
    return catalog.spaces().calendar(parkId, spaceId, from, to);
  }

  /** A project's bookings, newest first. */
  public List<Booking> ofProject(String projectId) {
    if (catalog.entity(EntityType.PROJECTS, projectId).isEmpty())
      throw new EntityNotFoundException(EntityType.PROJECTS, projectId);
    return catalog.spaces().bookingsOf(projectId);
  }
}
