package cn.qingdao.peipao.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A search answer (OpenAPI schema SearchResult): the page of hits, each with the stored entity
 * (contact data masked for roles that may not see it), and facet counts per dimension.
 */
record SearchAnswer(
    String type,
    String q,
    long total,
    int page,
    int size,
    List<Hit> items,
    Map<String, Map<String, Integer>> facets,
    double tookMs) {
  record Hit(String id, float score, JsonNode entity) {}
}
