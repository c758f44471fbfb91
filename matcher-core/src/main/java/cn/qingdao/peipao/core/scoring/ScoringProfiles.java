package cn.qingdao.peipao.core.scoring;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.json.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated set of scoring profiles: at least a {@code default} profile per direction, weights
 * only for the direction's components, non-negative and not all zero.
 */
public final class ScoringProfiles {
  public static final String DEFAULT = "default";

  private final Map<Direction, Map<String, ScoringProfile>> byDirection;

  private ScoringProfiles(Map<Direction, Map<String, ScoringProfile>> byDirection) {
    this.byDirection = byDirection;
  }

  /** The profile {@code name} of {@code direction}, if configured. */
  public Optional<ScoringProfile> get(Direction direction, String name) {
    return Optional.ofNullable(byDirection.getOrDefault(direction, Map.of()).get(name));
  }

  public ScoringProfile defaultFor(Direction direction) {
    return byDirection.get(direction).get(DEFAULT);
  }

  /** Names configured for {@code direction}. */
  public List<String> names(Direction direction) {
    return List.copyOf(byDirection.getOrDefault(direction, Map.of()).keySet());
  }

  /** Every profile, direction by direction. */
  public List<ScoringProfile> all() {
    List<ScoringProfile> out = new ArrayList<>();
    byDirection.values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  /** These profiles plus {@code extra} (a new name for its direction). */
  public ScoringProfiles with(ScoringProfile extra) {
    Map<Direction, Map<String, ScoringProfile>> out = new LinkedHashMap<>();
    byDirection.forEach((d, m) -> out.put(d, new LinkedHashMap<>(m)));
    Map<String, ScoringProfile> named =
        out.computeIfAbsent(extra.direction(), d -> new LinkedHashMap<>());
    if (named.containsKey(extra.name()))
      throw new IllegalArgumentException(
          "profile '" + extra.name() + "' exists for " + extra.direction().code());
    named.put(extra.name(), extra);
    return new ScoringProfiles(out);
  }

  /** A profile as the profiles file writes it (read back by {@link #read}). */
  public static ObjectNode json(ScoringProfile p) {
    var o = Json.mapper().createObjectNode();
    o.put("name", p.name());
    o.put("version", p.version());
    o.put("direction", p.direction().code());
    var w = o.putObject("weights");
    p.weights().forEach(w::put);
    ScoringParams a = p.params();
    var params = o.putObject("params");
    params.put("distanceScaleKm", a.distanceScaleKm());
    params.put("sectorAgnostic", a.sectorAgnostic());
    params.put("secondarySector", a.secondarySector());
    params.put("keywordMatch", a.keywordMatch());
    params.put("adjacentStage", a.adjacentStage());
    params.put("neutral", a.neutral());
    params.put("capacitySlots", a.capacitySlots());
    params.put("portfolioReference", a.portfolioReference());
    return o;
  }

  /** The profiles shipped with the service (one {@code default} per direction, plus variants). */
  public static ScoringProfiles defaults() {
    try (InputStream in = ScoringProfiles.class.getResourceAsStream("default-profiles.json")) {
      if (in == null) throw new IllegalStateException("missing default-profiles.json");
      return read(Json.parse(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads {@code {"profiles": [{name, version, direction, weights, params?}, …]}}.
   *
   * @throws ValidationException naming each bad key by its path
   */
  public static ScoringProfiles read(JsonNode root) {
    Problems problems = new Problems();
    Fields f = Fields.of(root, "", problems);
    Map<Direction, Map<String, ScoringProfile>> out = new LinkedHashMap<>();
    List<String> directionCodes = Arrays.stream(Direction.values()).map(Direction::code).toList();
    for (Fields.Item item : f.array("profiles", true, 200)) {
      Fields p = item.fields(problems);
      String name = p.string("name", true, 60);
      Long version = p.integer("version", true, 1, Integer.MAX_VALUE);
      String code = p.code("direction", true, directionCodes);
      Direction direction = code == null ? null : Direction.ofCode(code).orElseThrow();
      Map<String, Double> weights = new LinkedHashMap<>();
      Fields w = p.object("weights", true);
      if (w != null && direction != null) {
        JsonNode raw = p.raw("weights");
        for (String component : (Iterable<String>) raw::fieldNames) {
          if (!direction.components().contains(component)) {
            problems.add(
                w.pathOf(component),
                "not a component of "
                    + code
                    + "; use "
                    + String.join(", ", direction.components()));
            w.raw(component);
            continue;
          }
          Double v = w.number(component, true, 0, 1000);
          if (v != null) weights.put(component, v);
        }
        if (weights.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
          problems.add(p.pathOf("weights"), "at least one weight must be positive");
        }
      } else if (w != null) {
        w.finish();
      }
      ScoringParams params = params(p.object("params", false));
      p.raw("about"); // free notes (e.g. how a learned profile was made), kept out of scoring
      p.finish();
      if (name != null && version != null && direction != null) {
        Map<String, ScoringProfile> named =
            out.computeIfAbsent(direction, d -> new LinkedHashMap<>());
        if (named.containsKey(name)) {
          problems.add(item.path() + ".name", "duplicate profile '" + name + "' for " + code);
        }
        named.put(name, new ScoringProfile(name, version.intValue(), direction, weights, params));
      }
    }
    f.finish();
    for (Direction d : Direction.values()) {
      if (!out.getOrDefault(d, Map.of()).containsKey(DEFAULT)) {
        problems.add("profiles", "no '" + DEFAULT + "' profile for " + d.code());
      }
    }
    problems.throwIfAny();
    return new ScoringProfiles(out);
  }

  private static ScoringParams params(Fields f) {
    ScoringParams d = ScoringParams.DEFAULTS;
    if (f == null) return d;
    ScoringParams p =
        new ScoringParams(
            or(f.number("distanceScaleKm", false, 0.1, 1000), d.distanceScaleKm()),
            or(f.number("sectorAgnostic", false, 0, 1), d.sectorAgnostic()),
            or(f.number("secondarySector", false, 0, 1), d.secondarySector()),
            or(f.number("keywordMatch", false, 0, 1), d.keywordMatch()),
            or(f.number("adjacentStage", false, 0, 1), d.adjacentStage()),
            or(f.number("neutral", false, 0, 1), d.neutral()),
            or(f.number("capacitySlots", false, 0.1, 1000), d.capacitySlots()),
            or(f.number("portfolioReference", false, 1, 1_000_000), d.portfolioReference()));
    f.finish();
    return p;
  }

  private static double or(Double v, double dflt) {
    return v == null ? dflt : v;
  }
}
