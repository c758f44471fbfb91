package cn.qingdao.peipao.core.model;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.model.EntityReader.Common;

/** Reads a {@link Park}; checks that available area and tenants fit the totals. */
final class ParkReader {
  private final EntityReader r;

  ParkReader(EntityReader r) {
    this.r = r;
  }

  Park read(Fields f, Common c) {
    String kind = f.code("kind", true, Codes.PARK_KINDS);
    String level = f.code("level", false, Codes.PARK_LEVELS);
    var sectors = r.sectors(f, false);
    var stages = r.stages(f, "stages");
    Location location = r.location(f, true);
    var services = r.services(f, "services");
    Long areaTotal = f.integer("areaTotal", false, 0, 100_000_000);
    Long areaAvailable = f.integer("areaAvailable", false, 0, 100_000_000);
    if (areaTotal != null && areaAvailable != null && areaAvailable > areaTotal) {
      f.problems().add("areaAvailable", "must not exceed areaTotal (" + areaTotal + ")");
    }
    Boolean gov = f.bool("governmentInvested", false);
    Long capacity = f.integer("capacity", false, 0, 1_000_000);
    Long tenants = f.integer("tenants", false, 0, 1_000_000);
    if (capacity != null && tenants != null && tenants > capacity) {
      f.problems().add("tenants", "must not exceed capacity (" + capacity + ")");
    }
    return new Park(
        c.id(),
        c.name(),
        c.description(),
        c.tags(),
        kind,
        level,
        sectors,
        stages,
        location,
        services,
        areaTotal,
        areaAvailable,
        Boolean.TRUE.equals(gov),
        EntityReader.intOrNull(capacity),
        EntityReader.intOrNull(tenants),
        0,
        null);
  }
}
