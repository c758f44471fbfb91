package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;

/** The {@link ColumnarFloor} as a peer; no overlap is asked of it (it ignores text). */
final class FloorEngine implements PeerEngine {
  private final ColumnarFloor floor;
  private final String[] ids;

  FloorEngine(Taxonomy taxonomy, List<MentorRow> rows) {
    floor = new ColumnarFloor(taxonomy, rows);
    ids = rows.stream().map(MentorRow::id).toArray(String[]::new);
  }

  @Override
  public String name() {
    return "columnar floor (no text)";
  }

  @Override
  public List<String> top(PeerQuery q, int k) {
    List<String> out = new ArrayList<>(k);
    for (int i : floor.top(q.context(), q.sectorFilter(), q.districtFilter(), k)) out.add(ids[i]);
    return out;
  }
}
