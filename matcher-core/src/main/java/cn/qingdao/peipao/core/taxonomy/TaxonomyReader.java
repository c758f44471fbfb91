package cn.qingdao.peipao.core.taxonomy;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.json.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds a {@link Taxonomy} from its JSON document, reporting every problem (duplicate or malformed
 * codes, unknown related sectors, affinities outside (0,1], coordinates out of range) with its
 * path.
 */
public final class TaxonomyReader {
  static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,39}");
  private static final Pattern ADCODE = Pattern.compile("\\d{6}");
  private static final Pattern CITY = Pattern.compile("\\d{4}00");
  private static final String PROVINCE = "370000";
  private static final String QINGDAO = "370200";

  private TaxonomyReader() {}

  /**
   * Reads and validates a taxonomy document.
   *
   * @throws ValidationException listing every problem of the document
   */
  public static Taxonomy read(JsonNode root) {
    Problems problems = new Problems();
    Fields f = Fields.of(root, "", problems);
    String version = f.string("version", true, 40);
    List<Sector> sectors = readSectors(f, problems);
    List<Stage> stages = new ArrayList<>();
    for (Fields.Item item : f.array("stages", true, 20)) {
      Fields s = item.fields(problems);
      String code = code(s);
      String name = s.string("name", true, 40);
      s.finish();
      if (code != null && name != null) stages.add(new Stage(code, name, stages.size()));
    }
    List<District> districts = new ArrayList<>();
    for (Fields.Item item : f.array("districts", true, 100)) {
      Fields d = item.fields(problems);
      String code = code(d);
      String adcode = d.matching("adcode", true, ADCODE, "must be a 6-digit administrative code");
      String name = d.string("name", true, 40);
      Double lat = d.number("lat", true, -90, 90);
      Double lon = d.number("lon", true, -180, 180);
      d.finish();
      if (code != null && adcode != null && name != null && lat != null && lon != null) {
        districts.add(new District(code, adcode, name, lat, lon));
      }
    }
    List<Service> services = new ArrayList<>();
    for (Fields.Item item : f.array("services", true, 40)) {
      Fields s = item.fields(problems);
      String code = code(s);
      String name = s.string("name", true, 40);
      String team = s.string("team", true, 40);
      String description = s.string("description", false, 200);
      s.finish();
      if (code != null && name != null && team != null) {
        services.add(new Service(code, name, team, description == null ? "" : description));
      }
    }
    List<FounderGroup> groups = new ArrayList<>();
    for (Fields.Item item : f.array("founderGroups", true, 40)) {
      Fields g = item.fields(problems);
      String code = code(g);
      String name = g.string("name", true, 40);
      g.finish();
      if (code != null && name != null) groups.add(new FounderGroup(code, name));
    }
    List<List<String>> synonyms = new ArrayList<>();
    for (Fields.Item item : f.array("synonyms", false, 500)) {
      Problems local = new Problems();
      List<String> group = new ArrayList<>();
      if (!item.value().isArray() || item.value().size() < 2) {
        problems.add(item.path(), "must be an array of at least two words");
        continue;
      }
      for (JsonNode w : item.value()) {
        if (!w.isTextual() || w.textValue().isBlank()) {
          local.add(item.path(), "words must be non-blank strings");
        } else {
          group.add(w.textValue().strip());
        }
      }
      local.errors().forEach(e -> problems.add(e.field(), e.message()));
      if (local.isEmpty()) synonyms.add(group);
    }
    Places places = readPlaces(f, districts, problems);
    f.finish();
    unique(sectors.stream().map(Sector::code).toList(), "sectors", problems);
    unique(stages.stream().map(Stage::code).toList(), "stages", problems);
    unique(districts.stream().map(District::code).toList(), "districts", problems);
    unique(districts.stream().map(District::adcode).toList(), "districts (adcode)", problems);
    unique(services.stream().map(Service::code).toList(), "services", problems);
    unique(groups.stream().map(FounderGroup::code).toList(), "founderGroups", problems);
    Set<String> sectorCodes = new HashSet<>(sectors.stream().map(Sector::code).toList());
    // Related sectors are checked against the whole list, reported at each sector's own index.
    List<Fields.Item> rawSectors = f.array("sectors", true, 100);
    for (int i = 0; i < rawSectors.size(); i++) {
      JsonNode related = rawSectors.get(i).value().get("related");
      JsonNode code = rawSectors.get(i).value().get("code");
      if (related == null || !related.isObject()) continue;
      for (String other : (Iterable<String>) related::fieldNames) {
        if (!sectorCodes.contains(other)) {
          problems.add("sectors[" + i + "].related." + other, "unknown sector '" + other + "'");
        } else if (code != null && other.equals(code.asText())) {
          problems.add(
              "sectors[" + i + "].related." + other, "a sector cannot be related to itself");
        }
      }
    }
    problems.throwIfAny();
    return new Taxonomy(version, sectors, stages, districts, services, groups, synonyms, places);
  }

  /**
   * The optional {@code places} block (province, cities with centres, counties by city); each
   * district's county takes the district's seat and short code. Without the block, the hierarchy is
   * the province, Qingdao and its districts.
   */
  private static Places readPlaces(Fields root, List<District> districts, Problems problems) {
    Map<String, District> byAdcode = new LinkedHashMap<>();
    for (District d : districts) byAdcode.put(d.adcode(), d);
    List<Place> out = new ArrayList<>();
    Fields f = root.object("places", false);
    if (f == null) {
      out.add(new Place(PROVINCE, "山东省", Place.Level.PROVINCE, null, null, null, null));
      Double lat =
          districts.isEmpty()
              ? null
              : districts.stream().mapToDouble(District::lat).average().orElseThrow();
      Double lon =
          districts.isEmpty()
              ? null
              : districts.stream().mapToDouble(District::lon).average().orElseThrow();
      out.add(new Place(QINGDAO, "青岛市", Place.Level.CITY, PROVINCE, null, lat, lon));
      for (District d : districts) {
        out.add(
            new Place(
                d.adcode(), d.name(), Place.Level.COUNTY, QINGDAO, d.code(), d.lat(), d.lon()));
      }
      return new Places(out);
    }
    f.string("source", true, 400);
    Fields p = f.object("province", true);
    if (p != null) {
      String adcode = p.matching("adcode", true, ADCODE, "must be a 6-digit administrative code");
      String name = p.string("name", true, 40);
      p.finish();
      if (adcode != null && name != null)
        out.add(new Place(adcode, name, Place.Level.PROVINCE, null, null, null, null));
    }
    String province = out.isEmpty() ? null : out.get(0).adcode();
    Set<String> cities = new HashSet<>();
    for (Fields.Item item : f.array("cities", true, 100)) {
      Fields c = item.fields(problems);
      String adcode =
          c.matching("adcode", true, CITY, "must be a 6-digit city adcode ending in 00");
      String name = c.string("name", true, 40);
      Double lat = c.number("lat", true, -90, 90);
      Double lon = c.number("lon", true, -180, 180);
      c.finish();
      if (adcode != null && name != null && lat != null && lon != null) {
        cities.add(adcode);
        out.add(new Place(adcode, name, Place.Level.CITY, province, null, lat, lon));
      }
    }
    Set<String> counties = new HashSet<>();
    for (Fields.Item item : f.array("counties", true, 1000)) {
      Fields c = item.fields(problems);
      String adcode = c.matching("adcode", true, ADCODE, "must be a 6-digit administrative code");
      String name = c.string("name", true, 40);
      String city = c.matching("city", true, CITY, "must be a 6-digit city adcode ending in 00");
      c.finish();
      if (city != null && !cities.contains(city)) {
        problems.add(c.pathOf("city"), "unknown city '" + city + "'; list it under places.cities");
      } else if (adcode != null && name != null && city != null) {
        counties.add(adcode);
        District d = byAdcode.get(adcode);
        out.add(
            d == null
                ? new Place(adcode, name, Place.Level.COUNTY, city, null, null, null)
                : new Place(adcode, name, Place.Level.COUNTY, city, d.code(), d.lat(), d.lon()));
      }
    }
    f.finish();
    unique(out.stream().map(Place::adcode).toList(), "places (adcode)", problems);
    for (int i = 0; i < districts.size(); i++) {
      if (!counties.contains(districts.get(i).adcode()))
        problems.add("districts[" + i + "].adcode", "is not a county listed under places.counties");
    }
    return new Places(out);
  }

  private static List<Sector> readSectors(Fields f, Problems problems) {
    List<Sector> sectors = new ArrayList<>();
    for (Fields.Item item : f.array("sectors", true, 100)) {
      Fields s = item.fields(problems);
      String code = code(s);
      String name = s.string("name", true, 60);
      String group = s.string("group", true, 40);
      List<String> subTracks = s.strings("subTracks", 100, 40);
      List<String> keywords = s.strings("keywords", 200, 40);
      Map<String, Double> related = new LinkedHashMap<>();
      Fields r = s.object("related", false);
      if (r != null) {
        JsonNode raw = s.raw("related");
        raw.fieldNames()
            .forEachRemaining(
                other -> {
                  Double a = r.number(other, true, 0.0, 1.0);
                  if (a != null && a == 0.0) {
                    problems.add(
                        r.pathOf(other), "affinity must be above 0; leave the sector out instead");
                  } else if (a != null) {
                    related.put(other, a);
                  }
                });
        r.finish();
      }
      s.finish();
      if (code != null && name != null && group != null) {
        sectors.add(new Sector(code, name, group, subTracks, keywords, related));
      }
    }
    return sectors;
  }

  private static String code(Fields f) {
    return f.matching("code", true, CODE, "must be a lowercase code [a-z][a-z0-9_]*");
  }

  private static void unique(List<String> codes, String what, Problems problems) {
    Set<String> seen = new HashSet<>();
    for (String c : codes) {
      if (!seen.add(c)) problems.add(what, "duplicate code '" + c + "'");
    }
  }
}
