package cn.qingdao.peipao.core.model;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.model.EntityReader.Common;

/** Reads a {@link Mentor}. */
final class MentorReader {
  private final EntityReader r;

  MentorReader(EntityReader r) {
    this.r = r;
  }

  Mentor read(Fields f, Common c) {
    String org = f.string("org", false, EntityReader.NAME_MAX);
    String kind = f.code("kind", false, Codes.MENTOR_KINDS);
    var services = r.services(f, "services");
    var sectors = r.sectors(f, false);
    var stages = r.stages(f, "stages");
    Location location = r.location(f, false);
    var serviceDistricts = r.districts(f, "serviceDistricts");
    Long capacity = f.integer("capacity", true, 0, 1000);
    Long years = f.integer("yearsExperience", false, 0, 80);
    return new Mentor(
        c.id(),
        c.name(),
        c.description(),
        c.tags(),
        org,
        kind == null ? "mentor" : kind,
        services,
        sectors,
        stages,
        location,
        serviceDistricts,
        EntityReader.intOr(capacity, 0),
        EntityReader.intOrNull(years),
        0,
        null);
  }
}
