package cn.qingdao.peipao.core.learning;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * NDCG@k with binary gains of a weight vector over shown lists: each list is re-ranked by the score
 * the weights give (this side's weighted mean of components; with the counterpart's view, their
 * harmonic mean, as the service scores), ties by target id. Lists without a positive item count
 * nothing and are skipped. O(Σ items · log items).
 */
public final class Ndcg {
  private Ndcg() {}

  /** The service's score of an item under {@code weights}. */
  public static double score(ShownList.Item item, double[] weights) {
    double sum = 0;
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i] * item.components()[i];
      total += weights[i];
    }
    double a = total <= 0 ? 0 : sum / total;
    double b = item.counterpartView();
    if (Double.isNaN(b)) return a;
    return a + b == 0 ? 0 : 2 * a * b / (a + b);
  }

  /** Mean NDCG@k over the lists with a positive item (0 when there are none). */
  public static double mean(List<ShownList> lists, double[] weights, int k) {
    double sum = 0;
    int n = 0;
    for (ShownList list : lists) {
      if (!list.hasPositive()) continue;
      sum += of(list, weights, k);
      n++;
    }
    return n == 0 ? 0 : sum / n;
  }

  static double of(ShownList list, double[] weights, int k) {
    int size = list.items().size();
    Integer[] order = new Integer[size];
    double[] scores = new double[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
      scores[i] = score(list.items().get(i), weights);
    }
    Arrays.sort(
        order,
        Comparator.comparingDouble((Integer i) -> -scores[i])
            .thenComparing(i -> list.items().get(i).targetId()));
    double dcg = 0;
    int positives = 0;
    for (int r = 0; r < size; r++) {
      boolean pos = list.items().get(order[r]).positive();
      if (pos) positives++;
      if (pos && r < k) dcg += 1 / log2(r + 2);
    }
    double ideal = 0;
    for (int r = 0; r < Math.min(positives, k); r++) ideal += 1 / log2(r + 2);
    return ideal == 0 ? 0 : dcg / ideal;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
