package cn.qingdao.peipao.core.model;

import cn.qingdao.peipao.core.taxonomy.Places;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;

/**
 * Where an entity is: a district (a Qingdao short code, or a Shandong county adcode), its city
 * (adcode, filled in by the reader when the district gives it) and an optional point; without a
 * point the county seat is used where known, else the city centre.
 *
 * @param district null when only the city is known
 * @param city the city adcode; the reader (the one maker of locations) always sets it, deriving it
 *     from the district when not given, also for entities stored before cities were recorded
 */
public record Location(String district, String city, Double lat, Double lon) {
  /**
   * The point standing for this location as {lat, lon}: the given one, else the Qingdao district
   * seat, else the nearest seat or centre up the place hierarchy; null when none is known. O(1).
   */
  public double[] point(Taxonomy taxonomy) {
    if (lat != null && lon != null) return new double[] {lat, lon};
    var d = district == null ? null : taxonomy.district(district).orElse(null);
    if (d != null) return new double[] {d.lat(), d.lon()};
    Places places = taxonomy.places();
    return places.point(places.adcodeOf(district).orElse(city)).orElse(null);
  }

  /** The innermost known adcode (county, else city); null when neither is known. */
  public String place(Taxonomy taxonomy) {
    return taxonomy.places().adcodeOf(district).orElse(city);
  }
}
