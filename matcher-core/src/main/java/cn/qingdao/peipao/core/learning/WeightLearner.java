package cn.qingdao.peipao.core.learning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * Fits a profile's weights to feedback: maximises NDCG@10 of the taken items over the training
 * lists with CMA-ES (derivative-free: NDCG is piecewise constant in the weights), weights bounded
 * to [0,1] and started from the current profile's; lists are split into training and held-out by a
 * seeded hash of the subject, so one subject's lists stay on one side. Deterministic for a seed.
 */
public final class WeightLearner {
  /** NDCG cut-off. */
  public static final int K = 10;

  /**
   * @param seed the split and the search's random numbers
   * @param heldOutShare share of subjects held out for judging; default 0.2
   * @param maxEvaluations NDCG evaluations the search may spend; default 3000
   */
  public record Params(long seed, double heldOutShare, int maxEvaluations) {
    public Params {
      if (!(heldOutShare > 0 && heldOutShare < 1))
        throw new IllegalArgumentException("heldOutShare must be in (0,1)");
      if (maxEvaluations < 100) throw new IllegalArgumentException("maxEvaluations >= 100");
    }

    public static Params defaults(long seed) {
      return new Params(seed, 0.2, 3000);
    }
  }

  /** The learned weights (summing to 1) and NDCG@10 of both weight vectors on both splits. */
  public record Learned(
      double[] weights,
      double trainCurrent,
      double trainLearned,
      double heldOutCurrent,
      double heldOutLearned,
      int trainLists,
      int heldOutLists) {}

  private final Params params;

  public WeightLearner(Params params) {
    this.params = params;
  }

  /**
   * Learns weights from {@code lists}, starting at {@code current}.
   *
   * @throws IllegalArgumentException when either split has no list with a taken item
   */
  public Learned learn(List<ShownList> lists, double[] current) {
    List<ShownList> train = new ArrayList<>();
    List<ShownList> heldOut = new ArrayList<>();
    for (ShownList l : lists) {
      if (!l.hasPositive()) continue;
      (heldOut(l.subjectId()) ? heldOut : train).add(l);
    }
    if (train.isEmpty() || heldOut.isEmpty())
      throw new IllegalArgumentException(
          "need lists with a taken item on both sides of the split (train "
              + train.size()
              + ", held out "
              + heldOut.size()
              + "); record more feedback");
    double[] start = normalise(current);
    int d = start.length;
    // A component with one value on every training item says nothing about their order; left
    // free, its weight would only scale this side's view against the counterpart's in the
    // harmonic mean (a component never seen to vary took 99 % of the weight that way, which a
    // service where it varies would then obey). No evidence, no weight: it is held at 0.
    boolean[] pinned = constant(train, d);
    double[] lo = new double[d];
    double[] hi = new double[d];
    double[] sigma = new double[d];
    Arrays.fill(hi, 1);
    Arrays.fill(sigma, 0.2);
    CMAESOptimizer cmaes =
        new CMAESOptimizer(
            params.maxEvaluations(),
            0,
            true,
            0,
            0,
            new MersenneTwister(params.seed()),
            false,
            null);
    PointValuePair best =
        cmaes.optimize(
            new MaxEval(params.maxEvaluations()),
            new ObjectiveFunction(w -> Ndcg.mean(train, pin(w, pinned), K)),
            GoalType.MAXIMIZE,
            new InitialGuess(start),
            new SimpleBounds(lo, hi),
            new CMAESOptimizer.Sigma(sigma),
            new CMAESOptimizer.PopulationSize(4 + (int) (3 * Math.log(d)) + 4));
    double[] learned = normalise(pin(best.getPoint(), pinned));
    // keep the current weights unless the search found better ones on the training lists
    if (Ndcg.mean(train, learned, K) <= Ndcg.mean(train, start, K)) learned = start;
    return new Learned(
        learned,
        Ndcg.mean(train, start, K),
        Ndcg.mean(train, learned, K),
        Ndcg.mean(heldOut, start, K),
        Ndcg.mean(heldOut, learned, K),
        train.size(),
        heldOut.size());
  }

  private boolean heldOut(String subjectId) {
    long h = subjectId.hashCode() * 0x9E3779B97F4A7C15L ^ params.seed();
    h ^= h >>> 29;
    return Math.floorMod(h, 10_000) < params.heldOutShare() * 10_000;
  }

  /** Per component, whether every item of every list has the same value. O(items · d). */
  private static boolean[] constant(List<ShownList> lists, int d) {
    boolean[] out = new boolean[d];
    for (int i = 0; i < d; i++) {
      Double first = null;
      boolean same = true;
      for (ShownList l : lists)
        for (ShownList.Item it : l.items()) {
          if (first == null) first = it.components()[i];
          else if (it.components()[i] != first) same = false;
        }
      out[i] = same;
    }
    return out;
  }

  /** {@code w} with the pinned components at 0. */
  private static double[] pin(double[] w, boolean[] pinned) {
    double[] out = w.clone();
    for (int i = 0; i < out.length; i++) if (pinned[i]) out[i] = 0;
    return out;
  }

  private static double[] normalise(double[] w) {
    double total = 0;
    for (double x : w) total += Math.max(0, x);
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++)
      out[i] = total == 0 ? 1.0 / w.length : Math.round(Math.max(0, w[i]) / total * 1e4) / 1e4;
    return out;
  }
}
