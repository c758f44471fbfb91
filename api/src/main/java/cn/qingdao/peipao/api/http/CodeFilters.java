package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.model.Codes;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.taxonomy.Place;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one parser of code filters ({@code district}, {@code city}, {@code sector}, {@code stage},
 * {@code need}, {@code kind}, {@code status}) for query strings ({@code a,b} or repeated) and JSON
 * bodies (arrays): each value is checked against the taxonomy, and an unknown one is a 400 naming
 * the field and the allowed codes. O(values).
 */
public final class CodeFilters {
  /** The dimensions, in the order answers list them. */
  static final List<String> ALL =
      List.of("district", "city", "sector", "stage", "need", "kind", "status");

  private final Taxonomy taxonomy;

  public CodeFilters(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  private record Dimension(Predicate<String> known, String allowed) {}

  private Dimension dimension(String name, EntityType type) {
    return switch (name) {
      case "district" ->
          new Dimension(c -> taxonomy.district(c).isPresent(), taxonomy.districtCodes());
      case "city" ->
          new Dimension(
              c -> taxonomy.places().get(c).filter(p -> p.level() == Place.Level.CITY).isPresent(),
              String.join(", ", taxonomy.places().cities().stream().map(Place::adcode).toList()));
      case "sector" -> new Dimension(c -> taxonomy.sector(c).isPresent(), taxonomy.sectorCodes());
      case "stage" -> new Dimension(c -> taxonomy.stage(c).isPresent(), taxonomy.stageCodes());
      case "need" -> new Dimension(c -> taxonomy.service(c).isPresent(), taxonomy.serviceCodes());
      case "kind" -> {
        List<String> kinds = type == null ? List.of() : Codes.kindsOf(type);
        yield new Dimension(kinds::contains, String.join(", ", kinds));
      }
      case "status" -> {
        List<String> codes = type == EntityType.EVENTS ? Codes.EVENT_STATUS : Codes.PROJECT_STATUS;
        yield new Dimension(codes::contains, String.join(", ", codes));
      }
      default -> throw new IllegalArgumentException("no filter dimension " + name);
    };
  }

  /**
   * The filters of {@code names} given in the query string; {@code kind} and {@code status} only
   * where {@code type} has them (else a 400 saying so).
   */
  Map<String, List<String>> fromQuery(Context ctx, EntityType type, List<String> names) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : names) {
      if (ctx.queryParams(name).isEmpty()) continue;
      refuseWhereMeaningless(name, type);
      Dimension d = dimension(name, type);
      List<String> values = Requests.codeParam(ctx, name, d.known(), d.allowed());
      if (!values.isEmpty()) out.put(name, values);
    }
    return out;
  }

  /** The filters of {@code names} given as arrays in the JSON object {@code f}. */
  Map<String, List<String>> fromBody(Fields f, EntityType type, List<String> names) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (f == null) return out;
    for (String name : names) {
      if (!f.has(name)) continue;
      Dimension d = dimension(name, type);
      List<String> values =
          f.codes(
              name,
              false,
              50,
              c ->
                  d.known().test(c)
                      ? null
                      : "unknown "
                          + name
                          + " '"
                          + Requests.clip(c)
                          + "'; allowed: "
                          + (d.allowed().isEmpty()
                              ? "none (" + (type == null ? "this" : type.path()) + " have none)"
                              : d.allowed()));
      if (!values.isEmpty()) out.put(name, values);
    }
    return out;
  }

  /**
   * {@code filters} of a list of projects narrowed to the caller's region when it is an officer key
   * ({@link RegionScope#narrow}); unchanged for every other caller.
   */
  Map<String, List<String>> inRegion(Context ctx, Map<String, List<String>> filters) {
    return RegionScope.narrow(RegionScope.of(ctx), filters, taxonomy.places());
  }

  private static void refuseWhereMeaningless(String name, EntityType type) {
    if (name.equals("kind") && type != null && Codes.kindsOf(type).isEmpty())
      throw ApiException.badField("kind", type.path() + " have no kind");
    if (name.equals("status") && type != EntityType.PROJECTS && type != EntityType.EVENTS)
      throw ApiException.badField("status", "only projects and events have a status");
  }

  /** The recommendation filters of a parsed map, with {@code text} required words. */
  static RequestFilters toRequestFilters(Map<String, List<String>> m, String text) {
    return new RequestFilters(
        m.getOrDefault("district", List.of()),
        m.getOrDefault("sector", List.of()),
        m.getOrDefault("stage", List.of()),
        m.getOrDefault("kind", List.of()),
        m.getOrDefault("need", List.of()),
        text,
        m.getOrDefault("city", List.of()));
  }
}
