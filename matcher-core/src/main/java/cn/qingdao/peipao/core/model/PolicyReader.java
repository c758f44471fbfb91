package cn.qingdao.peipao.core.model;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.model.EntityReader.Common;
import java.time.LocalDate;
import java.util.List;

/** Reads a {@link Policy}; checks its dates and its eligibility tree. */
final class PolicyReader {
  private static final java.util.regex.Pattern URL =
      java.util.regex.Pattern.compile("https?://[^\\s]{1,300}");
  private final EntityReader r;

  PolicyReader(EntityReader r) {
    this.r = r;
  }

  Policy read(Fields f, Common c) {
    String issuer = f.string("issuer", true, EntityReader.NAME_MAX);
    String docNumber = f.string("docNumber", false, 100);
    LocalDate publishedAt = f.date("publishedAt", false);
    LocalDate validFrom = f.date("validFrom", false);
    LocalDate validUntil = f.date("validUntil", false);
    if (validFrom != null && validUntil != null && validUntil.isBefore(validFrom)) {
      f.problems().add("validUntil", "must not be before validFrom (" + validFrom + ")");
    }
    String category = f.code("category", true, Codes.POLICY_CATEGORIES);
    String audience = f.code("audience", true, Codes.POLICY_AUDIENCES);
    Policy.Benefit benefit = null;
    Fields b = f.object("benefit", true);
    if (b != null) {
      String type = b.code("type", true, Codes.BENEFIT_TYPES);
      Long max = b.integer("maxAmount", false, 0, 100_000_000_000L);
      String text = b.string("text", true, 500);
      Double rate = b.number("interestSubsidyRate", false, 0, 1);
      Double term = b.number("termYears", false, 0, 50);
      Boolean guaranteeFree = b.bool("guaranteeFree", false);
      b.finish();
      benefit = new Policy.Benefit(type, max, text, rate, term, guaranteeFree);
    }
    var districts = r.districts(f, "districts");
    List<String> regions = f.codes("regions", false, 20, r::regionError);
    var sectors = r.sectors(f, false);
    var stages = r.stages(f, "stages");
    Rule eligibility = null;
    if (f.has("eligibility")) {
      eligibility =
          new RuleReader(r.taxonomy(), f.problems()).read(f.raw("eligibility"), "eligibility", 0);
    }
    String selection = f.code("selection", false, Codes.SELECTIONS);
    Policy.Application application = null;
    Fields a = f.object("application", false);
    if (a != null) {
      String channel = a.string("channel", false, 300);
      List<String> materials = a.strings("materials", 30, 200);
      String contact = a.string("contact", false, 200);
      String url = a.matching("url", false, URL, "must be an http(s) address");
      a.finish();
      application =
          new Policy.Application(channel, materials.isEmpty() ? null : materials, contact, url);
    }
    String source = f.string("source", true, 500);
    return new Policy(
        c.id(),
        c.name(),
        c.description(),
        c.tags(),
        issuer,
        docNumber,
        publishedAt,
        validFrom,
        validUntil,
        category,
        audience,
        benefit,
        districts,
        regions,
        sectors,
        stages,
        eligibility,
        selection,
        application,
        source,
        0,
        null);
  }
}
