package cn.qingdao.peipao.core.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A synthetic feedback log generated from hidden "true" weights: users take the two items the true
 * weights like best (with some noise). Learning from it must beat the current weights on held-out
 * subjects.
 */
class WeightLearnerTest {
  // sector, stage, location, needs, text, capacity
  static final double[] CURRENT = {3, 2, 2, 2, 1, 1};
  static final double[] TRUTH = {1, 1, 5, 1, 0, 3};

  static List<ShownList> log(long seed, int subjects) {
    Random r = new Random(seed);
    List<ShownList> out = new ArrayList<>();
    for (int s = 0; s < subjects; s++) {
      List<ShownList.Item> items = new ArrayList<>();
      double[][] c = new double[20][6];
      double[] b = new double[20];
      for (int i = 0; i < 20; i++) {
        for (int j = 0; j < 6; j++) c[i][j] = r.nextDouble();
        b[i] = 0.3 + 0.7 * r.nextDouble();
      }
      double[] truth = new double[20];
      for (int i = 0; i < 20; i++)
        truth[i] = Ndcg.score(new ShownList.Item("t", c[i], b[i], false), TRUTH);
      List<Integer> best =
          IntStream.range(0, 20)
              .boxed()
              .sorted(Comparator.comparingDouble(i -> -truth[i]))
              .toList();
      boolean noisy = r.nextDouble() < 0.15;
      for (int i = 0; i < 20; i++) {
        boolean taken = i == best.get(0) || (i == best.get(1) && !noisy);
        if (noisy && i == best.get(2 + r.nextInt(18))) taken = true;
        items.add(new ShownList.Item(String.format("m-%02d", i), c[i], b[i], taken));
      }
      out.add(new ShownList("p-" + s, items));
    }
    return out;
  }

  @Test
  void learningFromFeedbackBeatsTheCurrentWeightsOnHeldOutSubjects() {
    List<ShownList> log = log(11, 600);
    WeightLearner.Learned l =
        new WeightLearner(WeightLearner.Params.defaults(5)).learn(log, CURRENT);
    assertTrue(l.heldOutLists() > 60 && l.trainLists() > 400, l.toString());
    double truthNdcg = Ndcg.mean(log, TRUTH, 10);
    System.out.printf(
        "held-out NDCG@10: current %.3f, learned %.3f (true weights over all lists %.3f); learned %s%n",
        l.heldOutCurrent(), l.heldOutLearned(), truthNdcg, java.util.Arrays.toString(l.weights()));
    assertTrue(l.heldOutLearned() >= l.heldOutCurrent() + 0.1, l.toString());
    // the weights it found put location, then capacity, above the rest, as the truth does
    double[] w = l.weights();
    assertTrue(
        w[2] > w[0] && w[2] > w[1] && w[2] > w[3] && w[2] > w[4], java.util.Arrays.toString(w));
    assertTrue(w[5] > w[4], java.util.Arrays.toString(w));
    assertEquals(1.0, java.util.Arrays.stream(w).sum(), 1e-3);
    // deterministic for a seed
    assertArrayEquals(
        w, new WeightLearner(WeightLearner.Params.defaults(5)).learn(log, CURRENT).weights());
  }

  @Test
  void ndcgIsOneForAPerfectRankingAndLowerOtherwise() {
    ShownList list =
        new ShownList(
            "p",
            List.of(
                new ShownList.Item("a", new double[] {1}, Double.NaN, true),
                new ShownList.Item("b", new double[] {0.5}, Double.NaN, false),
                new ShownList.Item("c", new double[] {0}, Double.NaN, true)));
    assertEquals(
        1.5 / (1 + Math.log(2) / Math.log(3)), // DCG 1 + 1/log2(4); ideal 1 + 1/log2(3)
        Ndcg.mean(List.of(list), new double[] {1}, 10),
        1e-9);
    ShownList perfect =
        new ShownList(
            "p",
            List.of(
                new ShownList.Item("a", new double[] {1}, Double.NaN, true),
                new ShownList.Item("b", new double[] {0.5}, Double.NaN, false)));
    assertEquals(1.0, Ndcg.mean(List.of(perfect), new double[] {1}, 10), 1e-12);
  }

  @Test
  void aComponentThatNeverVariesGetsNoWeight() {
    // the same log with a seventh component at 0 on every item (as related is where nothing is
    // known) and a current weight for it: users follow the truth one-sided, so only a weight that
    // shrinks this side's view against the counterpart's could fit them better through it
    List<ShownList> log = new ArrayList<>();
    for (ShownList l : log(13, 400)) {
      List<ShownList.Item> items = new ArrayList<>();
      for (ShownList.Item it : l.items()) {
        double[] c = java.util.Arrays.copyOf(it.components(), 7);
        items.add(new ShownList.Item(it.targetId(), c, it.counterpartView(), it.positive()));
      }
      log.add(new ShownList(l.subjectId(), items));
    }
    double[] current = java.util.Arrays.copyOf(CURRENT, 7);
    current[6] = 2;
    WeightLearner.Learned l =
        new WeightLearner(WeightLearner.Params.defaults(5)).learn(log, current);
    assertEquals(0.0, l.weights()[6], 0.0, java.util.Arrays.toString(l.weights()));
    assertTrue(l.heldOutLearned() >= l.heldOutCurrent(), l.toString());
  }
}
