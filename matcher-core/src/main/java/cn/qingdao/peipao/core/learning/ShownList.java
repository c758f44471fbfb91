package cn.qingdao.peipao.core.learning;

import java.util.List;

/**
 * One list of recommendations a subject was shown: each item's components (in the order of the
 * learner's component names), the counterpart's view for two-sided directions (NaN otherwise), and
 * whether the user took it (accept or a good outcome).
 */
public record ShownList(String subjectId, List<Item> items) {
  public ShownList {
    items = List.copyOf(items);
  }

  /** One shown item. */
  public record Item(
      String targetId, double[] components, double counterpartView, boolean positive) {
    public Item {
      components = components.clone();
    }
  }

  public boolean hasPositive() {
    return items.stream().anyMatch(Item::positive);
  }
}
