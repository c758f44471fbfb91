package cn.qingdao.peipao.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mean recall@k, NDCG@k (binary gains) and reciprocal rank of ranked answers against sets of
 * relevant ids, accumulated one query at a time. Reciprocal rank counts the first relevant id in
 * the ranked list given (0 when none is in it), so it is MRR over the list's length.
 */
final class RankingMetrics {
  private final int k;
  private int queries;
  private double recall;
  private double ndcg;
  private double rr;

  RankingMetrics(int k) {
    this.k = k;
  }

  /** Adds one query: {@code ranked} best first, {@code relevant} non-empty. */
  void add(List<String> ranked, Set<String> relevant) {
    if (relevant.isEmpty()) throw new IllegalArgumentException("a query needs a relevant id");
    int hits = 0;
    double first = 0;
    for (int r = 0; r < ranked.size(); r++) {
      if (!relevant.contains(ranked.get(r))) continue;
      if (first == 0) first = 1.0 / (r + 1);
      if (r < k) hits++;
    }
    Map<String, Integer> grades = new HashMap<>();
    for (String id : relevant) grades.put(id, 1);
    queries++;
    recall += (double) hits / relevant.size();
    ndcg += ndcg(ranked, grades, k);
    rr += first;
  }

  /**
   * NDCG@k with gains 2^grade − 1 (binary relevance is grade 1); ids without a grade gain nothing,
   * the ideal order is the grades sorted. O(ranked + grades · log grades).
   */
  static double ndcg(List<String> ranked, Map<String, Integer> grades, int k) {
    double dcg = 0;
    for (int r = 0; r < Math.min(k, ranked.size()); r++)
      dcg += gain(grades.getOrDefault(ranked.get(r), 0)) / log2(r + 2);
    List<Integer> ideal = new ArrayList<>(grades.values());
    ideal.sort(Collections.reverseOrder());
    double best = 0;
    for (int r = 0; r < Math.min(k, ideal.size()); r++) best += gain(ideal.get(r)) / log2(r + 2);
    return best == 0 ? 0 : dcg / best;
  }

  private static double gain(int grade) {
    return (1 << grade) - 1;
  }

  int queries() {
    return queries;
  }

  double recall() {
    return queries == 0 ? 0 : recall / queries;
  }

  double ndcg() {
    return queries == 0 ? 0 : ndcg / queries;
  }

  double mrr() {
    return queries == 0 ? 0 : rr / queries;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
