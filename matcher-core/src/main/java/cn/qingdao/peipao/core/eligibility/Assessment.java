package cn.qingdao.peipao.core.eligibility;

import cn.qingdao.peipao.core.model.Policy;
import java.util.Comparator;
import java.util.List;

/**
 * A policy's verdict for one profile with its explanation: every condition's result, the labels of
 * the conditions that are unmet and unknown where they decide the verdict, and {@code missing}, the
 * fewest conditions that must still turn met (an {@code any} counts its easiest branch).
 */
public record Assessment(
    Policy policy,
    Verdict verdict,
    List<ConditionResult> conditions,
    List<String> unmet,
    List<String> unknown,
    int missing) {

  /** Eligible first, then fewest missing conditions, then largest benefit, then id. */
  public static final Comparator<Assessment> ORDER =
      Comparator.comparing(Assessment::verdict)
          .thenComparingInt(Assessment::missing)
          .thenComparing(
              (Assessment a) ->
                  a.policy().benefit() == null || a.policy().benefit().maxAmount() == null
                      ? -1L
                      : a.policy().benefit().maxAmount(),
              Comparator.reverseOrder())
          .thenComparing(a -> a.policy().id());
}
