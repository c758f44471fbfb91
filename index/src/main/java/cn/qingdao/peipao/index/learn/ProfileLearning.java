package cn.qingdao.peipao.index.learn;

import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.learning.ShownList;
import cn.qingdao.peipao.core.learning.WeightLearner;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfile;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.recommend.Recommender;
import cn.qingdao.peipao.index.store.FeedbackStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds, from the feedback recorded under one profile of one direction, each subject's shown
 * list — every target it had an event for, taken when a positive action (accept, meeting held, loan
 * granted, moved in) was its last word on the pair — scores the pairs with the recommender's own
 * components, and fits the profile's weights to them.
 */
public final class ProfileLearning {
  /** Longest shown list considered (the most a recommendation shows). */
  static final int MAX_LIST = Recommender.MAX_LIMIT;

  private final Catalog catalog;
  private final Recommender recommender;
  private final ScoringProfiles profiles;

  public ProfileLearning(Catalog catalog, Recommender recommender, ScoringProfiles profiles) {
    this.catalog = catalog;
    this.recommender = recommender;
    this.profiles = profiles;
  }

  /** What learning found: the profile it started from, the new weights and the metrics. */
  public record Outcome(
      ScoringProfile current,
      Map<String, Double> weights,
      WeightLearner.Learned learned,
      int events) {}

  /**
   * Learns new weights for {@code profileName} of {@code direction}.
   *
   * @throws IllegalArgumentException for an unknown profile, or too little feedback to split
   */
  public Outcome learn(Direction direction, String profileName, WeightLearner.Params params) {
    ScoringProfile current =
        profiles
            .get(direction, profileName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown profile '" + profileName + "' for " + direction.code()));
    Set<String> names = Set.of(current.name(), current.name() + "@" + current.version());
    List<FeedbackStore.Stored> events =
        catalog
            .feedback()
            .list(
                new FeedbackStore.Query(
                    direction.subject(),
                    null,
                    direction.target(),
                    null,
                    null,
                    0,
                    Integer.MAX_VALUE));
    // subject → target → last action (events come newest first)
    Map<String, Map<String, FeedbackAction>> bySubject = new TreeMap<>();
    int used = 0;
    for (FeedbackStore.Stored s : events) {
      if (s.event().profile() == null || !names.contains(s.event().profile())) continue;
      used++;
      Map<String, FeedbackAction> last =
          bySubject.computeIfAbsent(s.event().subjectId(), k -> new LinkedHashMap<>());
      FeedbackAction a = s.event().action();
      FeedbackAction seen = last.get(s.event().targetId());
      // the newest decisive action wins; impressions and clicks never overrule a decision
      if (seen == null || (decisive(a) && !decisive(seen))) last.put(s.event().targetId(), a);
    }
    List<String> components = direction.components();
    List<ShownList> lists = new ArrayList<>();
    for (var e : bySubject.entrySet()) {
      Map<String, FeedbackAction> targets = e.getValue();
      if (targets.values().stream().noneMatch(FeedbackAction::positive) || targets.size() < 2)
        continue;
      Entity subject = catalog.entity(direction.subject(), e.getKey()).orElse(null);
      if (subject == null) continue;
      Set<String> shown = new LinkedHashSet<>(targets.keySet());
      var r =
          recommender.exhaustive(
              new Recommender.Request(
                  subject,
                  direction.target(),
                  Math.min(MAX_LIST, shown.size()),
                  RequestFilters.NONE,
                  current.name(),
                  shown));
      List<ShownList.Item> items = new ArrayList<>();
      for (Match m : r.items()) {
        double[] c = new double[components.size()];
        for (int i = 0; i < c.length; i++)
          c[i] = m.components().getOrDefault(components.get(i), 0.0);
        double other = m.components().getOrDefault("reciprocal", Double.NaN);
        items.add(new ShownList.Item(m.id(), c, other, targets.get(m.id()).positive()));
      }
      lists.add(new ShownList(e.getKey(), items));
    }
    double[] start = new double[components.size()];
    for (int i = 0; i < start.length; i++)
      start[i] = current.weights().getOrDefault(components.get(i), 0.0);
    WeightLearner.Learned learned = new WeightLearner(params).learn(lists, start);
    Map<String, Double> weights = new LinkedHashMap<>();
    for (int i = 0; i < components.size(); i++)
      if (learned.weights()[i] > 0) weights.put(components.get(i), learned.weights()[i]);
    return new Outcome(current, weights, learned, used);
  }

  private static boolean decisive(FeedbackAction a) {
    return a.positive() || a == FeedbackAction.REJECT;
  }
}
