package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Location;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.taxonomy.Place;
import cn.qingdao.peipao.core.taxonomy.Places;
import cn.qingdao.peipao.index.Catalog;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The region an officer key sees and acts in: a city (every project located in it) or a county (the
 * projects of that district). The one definition of "in the officer's region": single projects are
 * checked with {@link #contains}, lists by {@link #narrow}ing their place filters, so each route
 * asks the same question. O(1) per check.
 *
 * @param adcode the key's region as configured
 * @param name its Chinese name, for messages
 * @param city the city adcode of the region (the region itself when it is a city)
 * @param district the district code projects carry (a Qingdao short code, or another county's
 *     adcode); null when the region is a whole city
 */
public record RegionScope(String adcode, String name, String city, String district) {
  public static final String ATTRIBUTE = "region";

  /** The scope of {@code p}, or null when it is not an officer key. */
  public static RegionScope of(Principal p, Places places) {
    if (p.role() != Principal.Role.OFFICER) return null;
    Place place =
        places
            .get(p.region())
            .orElseThrow(
                () -> new IllegalStateException("officer key with unknown region " + p.region()));
    if (place.level() == Place.Level.CITY)
      return new RegionScope(place.adcode(), place.name(), place.adcode(), null);
    String city = places.cityOf(place.adcode()).map(Place::adcode).orElseThrow();
    String district = place.district() != null ? place.district() : place.adcode();
    return new RegionScope(place.adcode(), place.name(), city, district);
  }

  /** The scope the guard found for this request's caller; null for every role but officer. */
  static RegionScope of(Context ctx) {
    return ctx.attribute(ATTRIBUTE);
  }

  /** Whether a located thing lies in the region (an unlocated one never does). */
  public boolean contains(Location l) {
    if (l == null) return false;
    return district == null ? city.equals(l.city()) : district.equals(l.district());
  }

  /** Whether the stored project {@code id} lies in the region; empty when there is no such. */
  Optional<Boolean> containsProject(Catalog catalog, String id) {
    return catalog
        .entity(EntityType.PROJECTS, id)
        .map(e -> e instanceof Project p && contains(p.location()));
  }

  /** Whether project {@code id} is stored and in the region (an unknown project is not). */
  boolean holds(Catalog catalog, String id) {
    return containsProject(catalog, id).orElse(false);
  }

  /**
   * A 404 unless project {@code id} is stored and in the region: to this key, a project elsewhere
   * does not exist (as another founder's project does not exist for a founder key).
   */
  public void requireProject(Catalog catalog, String id) {
    if (!holds(catalog, id)) throw new ApiException(404, "no projects with id '" + id + "'");
  }

  /**
   * A 403 naming {@code field} unless project {@code id} is in the region; used where the project
   * comes in a body (a ticket, an outreach step, a cohort), where 404 would blame the path.
   */
  void requireProjectIn(Catalog catalog, String id, String field) {
    if (id != null && !containsProject(catalog, id).orElse(true))
      throw new ApiException(403, field + ": " + outside("project '" + id + "'"));
  }

  /** What to tell a caller that names something outside the region. */
  String outside(String what) {
    return what
        + " is outside this officer key's region, "
        + name
        + " ("
        + adcode
        + "); an officer key sees and acts only there";
  }

  /**
   * Place filters narrowed to the region: a {@code city} or {@code district} asked for must lie in
   * it (else a 403 naming the field), and the region's own filter is added, so a list can only hold
   * projects of the region.
   */
  Map<String, List<String>> narrow(Map<String, List<String>> filters, Places places) {
    Map<String, List<String>> out = new LinkedHashMap<>(filters);
    for (String c : filters.getOrDefault("city", List.of()))
      if (!c.equals(city)) throw new ApiException(403, "city: " + outside("city " + c));
    for (String d : filters.getOrDefault("district", List.of())) {
      boolean in =
          district != null
              ? district.equals(d)
              : places.adcodeOf(d).flatMap(places::cityOf).map(Place::adcode).stream()
                  .anyMatch(city::equals);
      if (!in) throw new ApiException(403, "district: " + outside("district " + d));
    }
    out.put("city", List.of(city));
    if (district != null) out.put("district", List.of(district));
    return out;
  }

  /** As {@link #narrow}, or the filters unchanged when {@code scope} is null (no officer). */
  static Map<String, List<String>> narrow(
      RegionScope scope, Map<String, List<String>> filters, Places places) {
    return scope == null ? filters : scope.narrow(filters, places);
  }
}
