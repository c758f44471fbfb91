package cn.qingdao.peipao.core.taxonomy;

import java.util.List;
import java.util.Map;

/**
 * A sector of the "10+1" system: code, Chinese name, group, sub-tracks, search keywords (also used
 * as synonyms of the name) and affinities in (0,1] to related sectors.
 */
public record Sector(
    String code,
    String name,
    String group,
    List<String> subTracks,
    List<String> keywords,
    Map<String, Double> related) {
  public Sector {
    subTracks = List.copyOf(subTracks);
    keywords = List.copyOf(keywords);
    related = Map.copyOf(related);
  }

  /** Affinity to {@code other}: 1 for itself, the configured value for a related one, else 0. */
  public double affinity(String other) {
    if (code.equals(other)) return 1.0;
    return related.getOrDefault(other, 0.0);
  }
}
