package cn.qingdao.peipao.core.taxonomy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The place hierarchy province → cities → counties, by adcode. Look-ups O(1), ancestry O(depth);
 * immutable.
 */
public final class Places {
  private final Map<String, Place> byAdcode;
  private final Map<String, Place> byDistrict = new LinkedHashMap<>();
  private final Map<String, List<Place>> children = new LinkedHashMap<>();

  Places(List<Place> places) {
    Map<String, Place> m = new LinkedHashMap<>();
    for (Place p : places) m.put(p.adcode(), p);
    this.byAdcode = Collections.unmodifiableMap(m);
    for (Place p : places) {
      if (p.district() != null) byDistrict.put(p.district(), p);
      if (p.parent() != null) children.computeIfAbsent(p.parent(), k -> new ArrayList<>()).add(p);
    }
  }

  public Optional<Place> get(String adcode) {
    return Optional.ofNullable(adcode == null ? null : byAdcode.get(adcode));
  }

  /** The county of a Qingdao district short code. */
  public Optional<Place> ofDistrict(String districtCode) {
    return Optional.ofNullable(byDistrict.get(districtCode));
  }

  /**
   * The adcode of a Qingdao district short code or of any listed place; empty when neither. The
   * innermost place of a location is {@code adcodeOf(district)}, else its city.
   */
  public Optional<String> adcodeOf(String districtOrAdcode) {
    if (districtOrAdcode == null) return Optional.empty();
    Place p = byDistrict.get(districtOrAdcode);
    if (p == null) p = byAdcode.get(districtOrAdcode);
    return Optional.ofNullable(p).map(Place::adcode);
  }

  public Collection<Place> all() {
    return byAdcode.values();
  }

  /** The places directly inside {@code adcode} (a city's counties); empty for a county. */
  public List<Place> children(String adcode) {
    return List.copyOf(children.getOrDefault(adcode, List.of()));
  }

  public List<Place> cities() {
    return all().stream().filter(p -> p.level() == Place.Level.CITY).toList();
  }

  /** {@code place} and every place enclosing it, innermost first; empty for an unknown code. */
  public List<String> chain(String adcode) {
    List<String> out = new ArrayList<>(3);
    for (Place p = byAdcode.get(adcode); p != null; p = byAdcode.get(p.parent())) {
      // a taxonomy may name a place its own parent (a foreign code like 060000 whose derived
      // parent is itself), or loop: the chain ends where it would repeat
      if (out.contains(p.adcode())) break;
      out.add(p.adcode());
      if (p.parent() == null) break;
    }
    return out;
  }

  /** True when {@code inner} is {@code outer} or lies inside it. */
  public boolean within(String inner, String outer) {
    return chain(inner).contains(outer);
  }

  /** The city of a city or county (empty for the province and unknown codes). */
  public Optional<Place> cityOf(String adcode) {
    for (String a : chain(adcode)) {
      Place p = byAdcode.get(a);
      if (p.level() == Place.Level.CITY) return Optional.of(p);
    }
    return Optional.empty();
  }

  /** The point standing for a place: its own seat where known, else the nearest ancestor's. */
  public Optional<double[]> point(String adcode) {
    for (String a : chain(adcode)) {
      Place p = byAdcode.get(a);
      if (p.hasPoint()) return Optional.of(new double[] {p.lat(), p.lon()});
    }
    return Optional.empty();
  }

  /** The region codes a policy may name: every listed place, outermost first. */
  public String regionCodes() {
    return String.join(", ", all().stream().limit(20).map(Place::adcode).toList())
        + (all().size() > 20 ? " … (" + all().size() + " places: GET /api/v1/taxonomy)" : "");
  }

  /** The name of a place, or the code itself when unknown. */
  public String name(String adcode) {
    Place p = byAdcode.get(adcode);
    return p == null ? adcode : p.name();
  }
}
