package cn.qingdao.peipao.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.taxonomy.Sector;
import cn.qingdao.peipao.core.taxonomy.SectorTerms;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shipped sector vocabulary has no substring traps: every sector name and keyword, read as a
 * query, names only the sectors that list it (经济 must not turn 低空经济 into another sector, 新能源 must
 * not turn 新能源汽车 into green energy).
 */
class TaxonomyTermsTest {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();
  static final SectorTerms TERMS = new SectorTerms(TAXONOMY);

  static Set<String> listing(String term) {
    Set<String> out = new HashSet<>();
    for (Sector s : TAXONOMY.sectors()) {
      if (s.name().equalsIgnoreCase(term)) out.add(s.code());
      for (String k : s.keywords()) if (k.equalsIgnoreCase(term)) out.add(s.code());
    }
    return out;
  }

  @Test
  void everyNameAndKeywordNamesOnlyTheSectorsThatListIt() {
    List<String> traps = new ArrayList<>();
    int checked = 0;
    for (Sector s : TAXONOMY.sectors()) {
      List<String> terms = new ArrayList<>(s.keywords());
      terms.add(s.name());
      for (String t : terms) {
        Set<String> named = TERMS.sectorsNamedIn(t);
        if (!named.equals(listing(t)))
          traps.add(t + " → " + named + " (listed by " + listing(t) + ")");
        checked++;
      }
    }
    assertTrue(checked > 150, "terms checked: " + checked);
    assertTrue(traps.isEmpty(), "substring traps: " + traps);
  }

  @Test
  void theTrapsOfTheIssueAreGone() {
    assertEquals(Set.of("ngit"), TERMS.sectorsNamedIn("数字经济"));
    assertEquals(Set.of("low_altitude"), TERMS.sectorsNamedIn("低空经济"));
    assertEquals(Set.of("icv_nev"), TERMS.sectorsNamedIn("新能源汽车零部件"));
    assertEquals(Set.of("green_energy"), TERMS.sectorsNamedIn("新能源"));
    // the check can fail: a bare word inside a longer term still names its own sector
    assertEquals(Set.of("smart_equipment", "marine"), TERMS.sectorsNamedIn("装备 海洋"));
  }

  @Test
  void theWordsOfASynonymGroupNameTheSameSectors() {
    for (List<String> group : TAXONOMY.synonyms()) {
      Set<String> first = TERMS.sectorsNamedIn(group.get(0));
      for (String w : group) assertEquals(first, TERMS.sectorsNamedIn(w), w + " of " + group);
      Set<String> listed = new HashSet<>();
      for (String w : group) listed.addAll(listing(w));
      assertTrue(first.containsAll(listed), group + " names " + first + ", lists " + listed);
    }
  }
}
