package cn.qingdao.peipao.core.model;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.json.Texts;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.taxonomy.Place;
import cn.qingdao.peipao.core.taxonomy.Places;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates entity JSON against the contract and the taxonomy and builds the immutable record.
 * Every problem is reported at once with its field path; unknown fields are rejected. The
 * server-kept {@code version} and {@code updatedAt} are accepted (a client may send back what it
 * read) but ignored: concurrency goes through {@code If-Match}.
 */
public final class EntityReader {
  /**
   * Entity ids: 1-64 of letters, digits and {@code _.:-}, not dots alone ({@code .}, {@code ..}).
   */
  public static final Pattern ID = Pattern.compile("(?!\\.+$)[A-Za-z0-9_.:-]{1,64}");

  /** What {@link #ID} asks for, in words for error messages. */
  public static final String ID_RULE = "must match [A-Za-z0-9_.:-]{1,64} and not be dots only";

  static final int NAME_MAX = 200;
  static final int TEXT_MAX = 5000;
  static final int LIST_MAX = 50;

  private final Taxonomy taxonomy;

  public EntityReader(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  public Taxonomy taxonomy() {
    return taxonomy;
  }

  /**
   * Reads one entity of {@code type}. The id may be absent (the store generates one).
   *
   * @throws ValidationException with every problem found
   */
  public Entity read(EntityType type, JsonNode json) {
    Problems problems = new Problems();
    Fields f = Fields.of(json, "", problems);
    Common c = common(f, true);
    Entity e =
        switch (type) {
          case PROJECTS -> new ProjectReader(this, false).read(f, c);
          case MENTORS -> new MentorReader(this).read(f, c);
          case PARKS -> new ParkReader(this).read(f, c);
          case INVESTORS -> new InvestorReader(this).read(f, c);
          case POLICIES -> new PolicyReader(this).read(f, c);
          case EVENTS -> new EventReader(this).read(f, c);
        };
    f.finish();
    problems.throwIfAny();
    return e;
  }

  /**
   * Reads a partial project profile, as the policy calculator receives it: the same fields and
   * checks as {@link #read}, but none is required, so that what a founder leaves out stays unknown.
   *
   * @throws ValidationException with every problem found
   */
  public Project readProfile(JsonNode json) {
    Problems problems = new Problems();
    Fields f = Fields.of(json, "", problems);
    Project p = new ProjectReader(this, true).read(f, common(f, false));
    f.finish();
    problems.throwIfAny();
    return p;
  }

  /** The fields every entity has. */
  record Common(String id, String name, String description, List<String> tags) {}

  private Common common(Fields f, boolean nameRequired) {
    String id = f.matching("id", false, ID, ID_RULE);
    String name = f.string("name", nameRequired, NAME_MAX);
    String description = f.string("description", false, TEXT_MAX);
    List<String> tags = f.strings("tags", LIST_MAX, 40);
    f.raw("version"); // server-kept: accepted and ignored
    f.raw("updatedAt");
    return new Common(id, name, description == null ? "" : description, tags);
  }

  List<String> sectors(Fields f, boolean required) {
    return f.codes(
        "sectors",
        required,
        13,
        c -> taxonomy.sector(c).isPresent() ? null : unknown("sector", c, taxonomy.sectorCodes()));
  }

  List<String> stages(Fields f, String name) {
    return f.codes(
        name,
        false,
        10,
        c -> taxonomy.stage(c).isPresent() ? null : unknown("stage", c, taxonomy.stageCodes()));
  }

  String stage(Fields f, boolean required) {
    return f.code("stage", required, taxonomy.stageCodeList());
  }

  List<String> services(Fields f, String name) {
    return f.codes(
        name,
        false,
        20,
        c ->
            taxonomy.service(c).isPresent()
                ? null
                : unknown("service", c, taxonomy.serviceCodes()));
  }

  List<String> districts(Fields f, String name) {
    return f.codes(name, false, 20, this::districtError);
  }

  /**
   * Null when {@code code} is a Qingdao district or the adcode of another Shandong county; lists
   * take Qingdao districts by short code only, so that one place has one spelling in a scope.
   */
  String districtError(String code) {
    if (taxonomy.district(code).isPresent()) return null;
    Places places = taxonomy.places();
    Optional<Place> p = places.get(code);
    if (p.isPresent() && p.get().district() != null)
      return "write Qingdao districts by code: use '" + p.get().district() + "' for " + code;
    if (p.isPresent() && p.get().level() == Place.Level.COUNTY) return null;
    if (p.isPresent())
      return "'" + code + "' is " + p.get().name() + ", not a county; give a county adcode here";
    return unknown("district", code, taxonomy.districtCodes())
        + ", or the 6-digit adcode of a Shandong county (GET /api/v1/taxonomy lists places)";
  }

  /** Null when {@code code} is a place of the hierarchy (province, city or county adcode). */
  String regionError(String code) {
    return taxonomy.places().get(code).isPresent()
        ? null
        : unknown("region", code, taxonomy.places().regionCodes());
  }

  /**
   * Reads {@code location}: {@code district} (a Qingdao short code or any Shandong county adcode; a
   * Qingdao county adcode becomes its short code) and/or {@code city} (a city adcode); the missing
   * city is derived and a district outside the given city is an error.
   */
  Location location(Fields f, boolean required) {
    Fields l = f.object("location", required);
    if (l == null) return null;
    Places places = taxonomy.places();
    // present but blank is an error; absent is fine when the city is given
    String district = l.string("district", l.has("district"), 20);
    if (district != null) {
      Optional<Place> county = places.get(district);
      if (county.isPresent() && county.get().district() != null) district = county.get().district();
      String error = districtError(district);
      if (error != null) {
        l.problems().add(l.pathOf("district"), error);
        district = null;
      }
    }
    String city = l.string("city", l.has("city"), 20);
    if (city != null) {
      Optional<Place> c = places.get(city).filter(p -> p.level() == Place.Level.CITY);
      if (c.isEmpty()) {
        l.problems()
            .add(
                l.pathOf("city"),
                "unknown city '"
                    + Texts.clip(city)
                    + "'; give a Shandong city adcode such as 370200 (青岛市) or 370100 (济南市)");
        city = null;
      }
    }
    if (!l.has("district") && !l.has("city"))
      l.problems().add(l.pathOf("district"), "is required unless city is given");
    String derived =
        places.adcodeOf(district).flatMap(places::cityOf).map(Place::adcode).orElse(null);
    if (city != null && derived != null && !derived.equals(city)) {
      l.problems()
          .add(
              l.pathOf("city"),
              "contradicts district '"
                  + district
                  + "', which is in "
                  + places.name(derived)
                  + " ("
                  + derived
                  + "); give one of them or make them agree");
    }
    Double lat = l.number("lat", false, -90, 90);
    Double lon = l.number("lon", false, -180, 180);
    if ((l.has("lat")) != (l.has("lon"))) {
      l.problems()
          .add(
              l.pathOf(l.has("lat") ? "lon" : "lat"),
              "is required when the other coordinate is given");
    }
    l.finish();
    if (district == null && city == null) return null;
    return new Location(district, derived != null ? derived : city, lat, lon);
  }

  static String unknown(String what, String code, String allowed) {
    return "unknown " + what + " '" + Texts.clip(code) + "'; allowed: " + allowed;
  }

  static int intOr(Long v, int dflt) {
    return v == null ? dflt : v.intValue();
  }

  static Integer intOrNull(Long v) {
    return v == null ? null : v.intValue();
  }
}
