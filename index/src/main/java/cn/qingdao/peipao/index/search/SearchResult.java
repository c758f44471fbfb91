package cn.qingdao.peipao.index.search;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SearchRequest}: the exact number of matches, the requested page of hits
 * (score descending, ties by id) and, per facet dimension, counts over all matches.
 */
public record SearchResult(long total, List<Hit> hits, Map<String, Map<String, Integer>> facets) {
  /** One match: id, relevance (0 without query text) and the entity's stored JSON. */
  public record Hit(String id, float score, String json) {}
}
