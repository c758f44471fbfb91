package cn.qingdao.peipao.core.taxonomy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sector vocabulary of a text: sector names and keywords (and the words of synonym groups that
 * hold one) found leftmost-longest without overlap, so that a word inside a longer known word does
 * not count — 经济 inside 低空经济 is not a term of its own, 新能源 inside 新能源汽车 is the car sector's. O(text
 * length × terms) per call; immutable.
 */
public final class SectorTerms {
  /** A term found at {@code [start, end)} of the text, and the sectors it names. */
  public record Hit(String term, int start, int end, Set<String> sectors) {}

  /** Lower-cased term → sector codes, longest terms first. */
  private final Map<String, Set<String>> terms;

  public SectorTerms(Taxonomy taxonomy) {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    for (Sector s : taxonomy.sectors()) {
      add(m, s.name(), s.code());
      for (String k : s.keywords()) add(m, k, s.code());
    }
    for (List<String> group : taxonomy.synonyms()) {
      Set<String> sectors = new LinkedHashSet<>();
      for (String w : group) sectors.addAll(m.getOrDefault(lower(w), Set.of()));
      for (String w : group) for (String code : sectors) add(m, w, code);
    }
    List<String> keys = new ArrayList<>(m.keySet());
    keys.sort(Comparator.comparingInt(String::length).reversed().thenComparing(k -> k));
    Map<String, Set<String>> ordered = new LinkedHashMap<>();
    for (String k : keys) ordered.put(k, Set.copyOf(m.get(k)));
    this.terms = ordered;
  }

  private static void add(Map<String, Set<String>> m, String term, String code) {
    if (term.isBlank()) return;
    m.computeIfAbsent(lower(term), k -> new LinkedHashSet<>()).add(code);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Every known term of {@code text}, leftmost-longest, not overlapping. */
  public List<Hit> find(String text) {
    String t = lower(text);
    List<Hit> out = new ArrayList<>();
    int i = 0;
    while (i < t.length()) {
      Hit hit = null;
      for (Map.Entry<String, Set<String>> e : terms.entrySet()) {
        if (t.startsWith(e.getKey(), i)) {
          hit =
              new Hit(
                  text.substring(i, i + e.getKey().length()),
                  i,
                  i + e.getKey().length(),
                  e.getValue());
          break; // longest first
        }
      }
      if (hit == null) i++;
      else {
        out.add(hit);
        i = hit.end();
      }
    }
    return out;
  }

  /** The codes of the sectors {@code text} names, in order of first mention. */
  public Set<String> sectorsNamedIn(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (Hit h : find(text)) out.addAll(h.sectors());
    return out;
  }
}
