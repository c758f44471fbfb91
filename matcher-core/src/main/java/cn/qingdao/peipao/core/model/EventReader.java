package cn.qingdao.peipao.core.model;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.model.EntityReader.Common;
import java.time.Instant;

/**
 * Reads an {@link Event}: its times in order (start before end, the deadline not after the start),
 * its organiser, its seats, and where it takes place.
 */
final class EventReader {
  private final EntityReader r;

  EventReader(EntityReader r) {
    this.r = r;
  }

  Event read(Fields f, Common c) {
    String kind = f.code("kind", true, Codes.EVENT_KINDS);
    String series = f.string("series", false, 60);
    Event.Organiser organiser = null;
    Fields o = f.object("organiser", false);
    if (o != null) {
      String type = o.code("type", true, Codes.ORGANISER_TYPES);
      String id = o.matching("id", false, EntityReader.ID, EntityReader.ID_RULE);
      String name = o.string("name", false, EntityReader.NAME_MAX);
      o.finish();
      if ("gov".equals(type) && id != null)
        f.problems().add(o.pathOf("id"), "a government organiser has a name, not a catalogue id");
      organiser = new Event.Organiser(type, id, name);
    }
    var sectors = r.sectors(f, false);
    var stages = r.stages(f, "stages");
    Location location = r.location(f, true);
    var needs = r.services(f, "needs");
    Instant start = f.instant("start", true);
    Instant end = f.instant("end", true);
    Instant deadline = f.instant("registrationDeadline", false);
    if (start != null && end != null && !end.isAfter(start))
      f.problems().add("end", "must be after start (" + start + ")");
    if (start != null && deadline != null && deadline.isAfter(start))
      f.problems().add("registrationDeadline", "must not be after start (" + start + ")");
    Long capacity = f.integer("capacity", false, 1, 100_000);
    Boolean waitlist = f.bool("waitlist", false);
    String status = f.code("status", false, Codes.EVENT_STATUS);
    return new Event(
        c.id(),
        c.name(),
        c.description(),
        c.tags(),
        kind,
        series,
        organiser,
        sectors,
        stages,
        location,
        needs,
        start,
        end,
        deadline,
        EntityReader.intOrNull(capacity),
        waitlist != null && waitlist,
        status == null ? "open" : status,
        0,
        null);
  }
}
