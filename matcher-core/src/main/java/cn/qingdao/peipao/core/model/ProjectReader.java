package cn.qingdao.peipao.core.model;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.model.EntityReader.Common;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads a {@link Project}. */
final class ProjectReader {
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{5,19}");
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{1,20}");

  private final EntityReader r;
  private final boolean draft;

  /** A reader of stored projects ({@code draft} false) or of partial profiles ({@code true}). */
  ProjectReader(EntityReader r, boolean draft) {
    this.r = r;
    this.draft = draft;
  }

  Project read(Fields f, Common c) {
    List<String> sectors = r.sectors(f, !draft);
    String stage = r.stage(f, !draft);
    Location location = r.location(f, !draft);
    Project.Founder founder = founder(f.object("founder", false));
    List<String> needs = r.services(f, "needs");
    Long fundingNeed = f.integer("fundingNeed", false, 0, 100_000_000_000L);
    Long employees = f.integer("employees", false, 0, 1_000_000);
    LocalDate registeredAt = f.date("registeredAt", false);
    // Absent awards stay null: eligibility then knows the profile did not say.
    List<Project.Award> awards = f.has("awards") ? new ArrayList<>() : null;
    for (Fields.Item item : f.array("awards", false, EntityReader.LIST_MAX)) {
      Fields a = item.fields(f.problems());
      String level = a.code("level", true, Codes.AWARD_LEVELS);
      String name = a.string("name", false, EntityReader.NAME_MAX);
      Long year = a.integer("year", false, 1950, 2100);
      a.finish();
      if (level != null && awards != null)
        awards.add(new Project.Award(level, name, EntityReader.intOrNull(year)));
    }
    Project.Flags flags = null;
    Fields fl = f.object("flags", false);
    if (fl != null) {
      flags = new Project.Flags(fl.bool("highTech", false), fl.bool("specialized", false));
      fl.finish();
    }
    Boolean inPark = f.bool("inPark", false);
    Project.Consent consent = new Project.Consent(false, false, false);
    Fields co = f.object("consent", false);
    if (co != null) {
      consent =
          new Project.Consent(
              Boolean.TRUE.equals(co.bool("mentors", false)),
              Boolean.TRUE.equals(co.bool("parks", false)),
              Boolean.TRUE.equals(co.bool("investors", false)));
      co.finish();
    }
    Project.Contact contact = null;
    Fields ct = f.object("contact", false);
    if (ct != null) {
      contact =
          new Project.Contact(
              ct.string("name", false, 60),
              ct.matching(
                  "phone",
                  false,
                  PHONE,
                  "must be a phone number (digits, spaces, dashes, optional +)"),
              ct.matching("email", false, EMAIL, "must be an e-mail address"));
      ct.finish();
    }
    String status = f.code("status", false, Codes.PROJECT_STATUS);
    return new Project(
        c.id(),
        c.name(),
        c.description(),
        c.tags(),
        sectors,
        stage,
        location,
        founder,
        needs,
        fundingNeed,
        EntityReader.intOrNull(employees),
        registeredAt,
        awards == null ? null : List.copyOf(awards),
        flags,
        inPark,
        consent,
        contact,
        status == null ? "active" : status,
        0,
        null);
  }

  private Project.Founder founder(Fields f) {
    if (f == null) return null;
    List<String> groups =
        f.codes(
            "groups",
            false,
            10,
            g ->
                r.taxonomy().hasFounderGroup(g)
                    ? null
                    : EntityReader.unknown("founder group", g, r.taxonomy().founderGroupCodes()));
    Long year = f.integer("graduationYear", false, 1950, 2100);
    boolean saidGroups = f.has("groups");
    f.finish();
    return new Project.Founder(saidGroups ? groups : null, EntityReader.intOrNull(year));
  }
}
