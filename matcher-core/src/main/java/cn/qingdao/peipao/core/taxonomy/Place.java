package cn.qingdao.peipao.core.taxonomy;

/**
 * A place of the Shandong hierarchy: the province, one of its cities or one of its county-level
 * divisions, by 6-digit adcode.
 *
 * @param parent the adcode of the enclosing place (null for the province)
 * @param district the Qingdao short code of a Qingdao county (e.g. {@code laoshan}), else null
 * @param lat seat or centre (GCJ-02), null when the data gives none (then the parent's is used)
 */
public record Place(
    String adcode,
    String name,
    Level level,
    String parent,
    String district,
    Double lat,
    Double lon) {
  /** The three levels, outermost first. */
  public enum Level {
    PROVINCE,
    CITY,
    COUNTY
  }

  public boolean hasPoint() {
    return lat != null && lon != null;
  }
}
