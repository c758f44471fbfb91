package cn.qingdao.peipao.core.model;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.model.EntityReader.Common;

/** Reads an {@link Investor}; checks that the ticket range is ordered. */
final class InvestorReader {
  private final EntityReader r;

  InvestorReader(EntityReader r) {
    this.r = r;
  }

  Investor read(Fields f, Common c) {
    String kind = f.code("kind", true, Codes.INVESTOR_KINDS);
    var instruments =
        f.codes(
            "instruments",
            true,
            3,
            i ->
                Codes.INSTRUMENTS.contains(i)
                    ? null
                    : "must be one of " + String.join(", ", Codes.INSTRUMENTS));
    var products = f.strings("products", EntityReader.LIST_MAX, 60);
    var sectors = r.sectors(f, false);
    var stages = r.stages(f, "stages");
    Long min = f.integer("ticketMin", false, 0, 100_000_000_000L);
    Long max = f.integer("ticketMax", false, 0, 100_000_000_000L);
    if (min != null && max != null && min > max) {
      f.problems().add("ticketMax", "must not be below ticketMin (" + min + ")");
    }
    Location location = r.location(f, false);
    var serviceDistricts = r.districts(f, "serviceDistricts");
    Long portfolioSize = f.integer("portfolioSize", false, 0, 1_000_000);
    return new Investor(
        c.id(),
        c.name(),
        c.description(),
        c.tags(),
        kind,
        instruments,
        products,
        sectors,
        stages,
        min,
        max,
        location,
        serviceDistricts,
        EntityReader.intOrNull(portfolioSize),
        0,
        null);
  }
}
