package cn.qingdao.peipao.index.search;

import cn.qingdao.peipao.core.model.EntityType;
import java.util.List;
import java.util.Map;

/**
 * A search over one entity type: optional Chinese query text, filters by dimension (values of one
 * dimension are alternatives, dimensions combine with AND), and a page.
 *
 * @param filters keys among {@code sector, stage, district, city, need, kind, status}
 * @param startFrom events starting at or after this (epoch seconds); null: no bound
 * @param startBefore events starting before this (epoch seconds); null: no bound
 */
public record SearchRequest(
    EntityType type,
    String q,
    Map<String, List<String>> filters,
    int offset,
    int limit,
    Long startFrom,
    Long startBefore) {
  /** A search without a time range. */
  public SearchRequest(
      EntityType type, String q, Map<String, List<String>> filters, int offset, int limit) {
    this(type, q, filters, offset, limit, null, null);
  }

  public static final List<String> FILTERS =
      List.of("sector", "stage", "district", "city", "need", "kind", "status");

  public SearchRequest {
    filters = Map.copyOf(filters);
    if ((startFrom != null || startBefore != null) && type != EntityType.EVENTS)
      throw new IllegalArgumentException("only events have a start to filter by");
    for (String k : filters.keySet()) {
      if (!FILTERS.contains(k))
        throw new IllegalArgumentException("unknown filter '" + k + "'; use one of " + FILTERS);
    }
    if (offset < 0 || limit < 0)
      throw new IllegalArgumentException("offset and limit must be >= 0");
  }
}
