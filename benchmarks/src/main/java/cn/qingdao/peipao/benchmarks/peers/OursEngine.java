package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.index.recommend.Recommendation;
import cn.qingdao.peipao.index.recommend.Recommender;
import java.util.List;

/** The service in-process: the two-phase fast path, or exhaustive exact scoring of every mentor. */
final class OursEngine implements PeerEngine {
  private final Recommender recommender;
  private final boolean exhaustive;
  private long lastEligible;

  OursEngine(Recommender recommender, boolean exhaustive) {
    this.recommender = recommender;
    this.exhaustive = exhaustive;
  }

  @Override
  public String name() {
    return exhaustive ? "ours, exhaustive" : "ours, in-process";
  }

  @Override
  public List<String> top(PeerQuery q, int k) {
    var request = new Recommender.Request(q.subject(), EntityType.MENTORS, k, q.filters(), null);
    Recommendation r =
        exhaustive ? recommender.exhaustive(request) : recommender.recommend(request);
    lastEligible = r.total();
    return r.items().stream().map(Match::entity).map(e -> e.id()).toList();
  }

  /** Mentors that passed the hard constraints and filters in the last query. */
  long lastEligible() {
    return lastEligible;
  }
}
