package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The {@link ColumnarFloor} as a peer; no overlap is asked of it (it ignores text). Required words
 * are checked by scanning too: each mentor's distinct token ids, sorted, binary-searched per
 * required word.
 */
final class FloorEngine implements PeerEngine {
  private final ColumnarFloor floor;
  private final String[] ids;
  private final Map<String, Integer> tokenId = new HashMap<>();
  private final int[][] tokens;

  FloorEngine(Taxonomy taxonomy, List<MentorRow> rows) {
    floor = new ColumnarFloor(taxonomy, rows);
    ids = rows.stream().map(MentorRow::id).toArray(String[]::new);
    tokens = new int[rows.size()][];
    for (int i = 0; i < tokens.length; i++) {
      String[] t = rows.get(i).tokens();
      int[] own = new int[t.length];
      for (int j = 0; j < t.length; j++)
        own[j] = tokenId.computeIfAbsent(t[j], w -> tokenId.size());
      tokens[i] = Arrays.stream(own).sorted().distinct().toArray();
    }
  }

  @Override
  public String name() {
    return "columnar floor (no text)";
  }

  @Override
  public List<String> top(PeerQuery q, int k) {
    IntPredicate admit = null;
    if (!q.required().isEmpty()) {
      int[] words = new int[q.required().size()];
      for (int j = 0; j < words.length; j++)
        words[j] = tokenId.getOrDefault(q.required().get(j), -1);
      admit =
          i -> {
            for (int w : words) if (Arrays.binarySearch(tokens[i], w) < 0) return false;
            return true;
          };
    }
    List<String> out = new ArrayList<>(k);
    for (int i : floor.top(q.context(), q.sectorFilter(), q.districtFilter(), admit, k))
      out.add(ids[i]);
    return out;
  }
}
