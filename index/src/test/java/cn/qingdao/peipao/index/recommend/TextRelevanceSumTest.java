package cn.qingdao.peipao.index.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A document's text sum through the subject's slot table equals, bit for bit, the merge of the two
 * sorted term arrays that it replaced, over seeded subjects and documents (ids sharing a slot with
 * one or several others, words in one of them only, empty arrays).
 */
class TextRelevanceSumTest {
  @Test
  void slottedSumIsTheMergesSumBitForBit() {
    Random r = new Random(57);
    int matched = 0;
    for (int round = 0; round < 2_000; round++) {
      // ids from a small range share slots; from a large one they spread
      int range = r.nextBoolean() ? 3 * TextRelevance.SLOTS : 1 << 20;
      int[] ids = sortedIds(r, r.nextInt(80), range);
      double[] weights = new double[ids.length];
      for (int i = 0; i < weights.length; i++) weights[i] = r.nextDouble() * 9;
      int[] doc = sortedIds(r, r.nextInt(120), range);
      // about half the documents share some of the subject's words
      if (ids.length > 0 && doc.length > 0 && r.nextBoolean())
        for (int k = 0; k < 5; k++) doc[r.nextInt(doc.length)] = ids[r.nextInt(ids.length)];
      doc =
          new TreeSet<Integer>(java.util.Arrays.stream(doc).boxed().toList())
              .stream().mapToInt(Integer::intValue).toArray();
      int[] freqs = new int[doc.length];
      for (int j = 0; j < freqs.length; j++) freqs[j] = 1 + r.nextInt(4);
      double lengthNorm = 0.3 + r.nextDouble() * 2;
      double want = merge(ids, weights, doc, freqs, lengthNorm);
      if (want > 0) matched++;
      double got =
          TextRelevance.sum(ids, weights, TextRelevance.slots(ids), doc, freqs, lengthNorm);
      assertEquals(want, got, 0.0, "round " + round);
    }
    assertTrue(matched > 500, "documents sharing words: " + matched);
  }

  @Test
  void wordsBeyondASlotsReachAreFoundBySearch() {
    // more subject words than a slot's two bytes can number, all in slot 0 but the last, alone in
    // the last slot at index 70,000: it must be searched for, not numbered
    int n = 70_001;
    int[] ids = new int[n];
    for (int i = 0; i < n - 1; i++) ids[i] = i * TextRelevance.SLOTS;
    ids[n - 1] = (n - 2) * TextRelevance.SLOTS + TextRelevance.SLOTS - 1;
    double[] weights = new double[n];
    java.util.Arrays.fill(weights, 1.5);
    int[] doc = {ids[3], ids[n - 2], ids[n - 1]};
    int[] freqs = {1, 2, 3};
    double want = merge(ids, weights, doc, freqs, 1.1);
    assertEquals(
        want, TextRelevance.sum(ids, weights, TextRelevance.slots(ids), doc, freqs, 1.1), 0.0);
  }

  /** The merge of two sorted arrays that the slotted sum replaced. */
  private static double merge(
      int[] ids, double[] weights, int[] docIds, int[] freqs, double lengthNorm) {
    double score = 0;
    int i = 0;
    int j = 0;
    while (i < ids.length && j < docIds.length) {
      if (ids[i] < docIds[j]) {
        i++;
      } else if (ids[i] > docIds[j]) {
        j++;
      } else {
        int tf = freqs[j];
        score += weights[i] * tf / (tf + lengthNorm);
        i++;
        j++;
      }
    }
    return score;
  }

  private static int[] sortedIds(Random r, int n, int range) {
    TreeSet<Integer> s = new TreeSet<>();
    while (s.size() < n) s.add(r.nextInt(range));
    return s.stream().mapToInt(Integer::intValue).toArray();
  }
}
