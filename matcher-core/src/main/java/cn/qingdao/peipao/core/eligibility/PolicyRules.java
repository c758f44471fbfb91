package cn.qingdao.peipao.core.eligibility;

import static cn.qingdao.peipao.core.eligibility.Truth.MAYBE;
import static cn.qingdao.peipao.core.eligibility.Truth.NO;
import static cn.qingdao.peipao.core.eligibility.Truth.YES;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Codes;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.ProfileField;
import cn.qingdao.peipao.core.model.Rule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy's eligibility compiled for evaluation: its scope (districts, stages, sectors) as
 * implicit conditions, then its rule tree, in negation normal form (every {@code not} pushed down
 * to a condition). Immutable and thread-safe; {@link #verdict} costs one or two passes over the
 * conditions, {@link #assess} a few more with the explanation.
 */
public final class PolicyRules {
  private sealed interface Node permits Group, Leaf, Pending {}

  /**
   * What no profile fact can settle (a selection, a pilot, an agency's review): always unknown, so
   * the policy is at best {@code partial}.
   */
  private record Pending(String kind, String label) implements Node {}

  /** The labels of {@link Codes#SELECTIONS}, as the calculator shows them. */
  static String selectionLabel(String kind) {
    return switch (kind) {
      case "competitive" -> "需经评选（每年择优遴选，非资格审核）";
      case "pilot" -> "园区试点（仅在试点园区实施）";
      case "reported" -> "以经办机构审核为准（来源为个案报道，条件未公开）";
      default -> throw new IllegalArgumentException("unknown selection " + kind);
    };
  }

  /** {@code all} ({@code any} false) or {@code any} of the children. */
  private record Group(boolean any, Node[] children) implements Node {}

  /**
   * A condition, or its negation when {@code negated}; {@code label} as the answer shows it, {@code
   * quote} the source sentence (null for scope conditions).
   */
  private record Leaf(Check check, boolean negated, String label, String quote) implements Node {}

  private final Policy policy;
  private final Node root;

  PolicyRules(Policy policy, ProfileEncoder encoder) {
    this.policy = policy;
    List<Node> top = new ArrayList<>();
    scope(top, encoder, ProfileField.REGION, "intersects", policy.regions(), "适用区域：");
    scope(top, encoder, ProfileField.DISTRICT, "in", policy.districts(), "适用区域：");
    scope(top, encoder, ProfileField.STAGE, "in", policy.stages(), "适用阶段：");
    scope(top, encoder, ProfileField.SECTORS, "intersects", policy.sectors(), "适用行业：");
    if (policy.eligibility() != null) top.add(normal(policy.eligibility(), false, encoder));
    if (policy.selection() != null)
      top.add(new Pending(policy.selection(), selectionLabel(policy.selection())));
    this.root = new Group(false, top.toArray(Node[]::new));
  }

  private static void scope(
      List<Node> out,
      ProfileEncoder encoder,
      ProfileField field,
      String op,
      List<String> codes,
      String prefix) {
    if (codes == null || codes.isEmpty()) return;
    ArrayNode value = Json.mapper().createArrayNode();
    codes.forEach(value::add);
    String label =
        prefix + String.join("、", codes.stream().map(c -> encoder.name(field, c)).toList());
    out.add(
        new Leaf(
            new Check(new Rule.Condition(field.path(), op, value, label), encoder),
            false,
            label,
            null));
  }

  private static Node normal(Rule rule, boolean negated, ProfileEncoder encoder) {
    return switch (rule) {
      case Rule.All a -> group(a.all(), negated, negated, encoder);
      case Rule.Any a -> group(a.any(), !negated, negated, encoder);
      case Rule.Not n -> normal(n.not(), !negated, encoder);
      case Rule.Condition c ->
          new Leaf(
              new Check(c, encoder),
              negated,
              negated ? "非（" + c.label() + "）" : c.label(),
              c.quote());
    };
  }

  private static Node group(List<Rule> children, boolean any, boolean negated, ProfileEncoder e) {
    Node[] out = new Node[children.size()];
    for (int i = 0; i < out.length; i++) out[i] = normal(children.get(i), negated, e);
    return new Group(any, out);
  }

  public Policy policy() {
    return policy;
  }

  /** The verdict alone, without explanation: the fast path of scans over many profiles. */
  public Verdict verdict(ProfileFacts f, AsOf at) {
    int actual = eval(root, f, at, false);
    if (actual == YES) return Verdict.ELIGIBLE;
    return eval(root, f, at, true) == NO ? Verdict.INELIGIBLE : Verdict.PARTIAL;
  }

  /** The fewest conditions that must still turn met (0 when eligible); no allocation. */
  public int missing(ProfileFacts f, AsOf at) {
    return missing(root, f, at);
  }

  /** The verdict with every condition's result and what is unmet or unknown. */
  public Assessment assess(ProfileFacts f, AsOf at) {
    Verdict verdict = verdict(f, at);
    List<ConditionResult> conditions = new ArrayList<>();
    List<String> unmet = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    collect(root, f, at, conditions);
    blockers(root, f, at, unmet, unknown);
    return new Assessment(
        policy,
        verdict,
        List.copyOf(conditions),
        List.copyOf(unmet),
        List.copyOf(unknown),
        missing(root, f, at));
  }

  /**
   * Kleene evaluation; when {@code optimistic}, an unmet condition that can still turn met as the
   * project grows counts as unknown, so that {@code NO} means no growth can make the policy fit.
   */
  private static int eval(Node n, ProfileFacts f, AsOf at, boolean optimistic) {
    if (n instanceof Pending) return MAYBE;
    if (n instanceof Leaf l) {
      int t = truth(l, f, at);
      if (optimistic && t == NO && l.check.canBecome(f, at, l.negated ? NO : YES)) return MAYBE;
      return t;
    }
    Group g = (Group) n;
    int out = g.any ? NO : YES;
    for (Node c : g.children) {
      int t = eval(c, f, at, optimistic);
      if (g.any) {
        if (t > out) out = t;
        if (out == YES) break;
      } else {
        if (t < out) out = t;
        if (out == NO) break;
      }
    }
    return out;
  }

  /** A leaf's truth as the policy needs it. */
  private static int truth(Leaf l, ProfileFacts f, AsOf at) {
    int t = l.check.test(f, at);
    return l.negated ? YES - t : t;
  }

  private static void collect(Node n, ProfileFacts f, AsOf at, List<ConditionResult> out) {
    if (n instanceof Pending p) {
      out.add(
          new ConditionResult(
              p.label(),
              "selection",
              "pending",
              Json.mapper().getNodeFactory().textNode(p.kind()),
              Truth.UNKNOWN,
              null,
              null,
              null));
      return;
    }
    if (n instanceof Leaf l) {
      int t = truth(l, f, at);
      out.add(
          new ConditionResult(
              l.label,
              l.check.field().path(),
              l.negated ? "not " + l.check.op() : l.check.op(),
              l.check.value(),
              Truth.of(t),
              l.check.shown(f, at),
              t == NO ? l.check.gap(f, at, l.negated) : null,
              l.quote));
      return;
    }
    for (Node c : ((Group) n).children) collect(c, f, at, out);
  }

  /** The labels of the conditions that keep a not-met node from being met. */
  private static void blockers(
      Node n, ProfileFacts f, AsOf at, List<String> unmet, List<String> unknown) {
    int t = eval(n, f, at, false);
    if (t == YES) return;
    if (n instanceof Pending p) {
      unknown.add(p.label());
      return;
    }
    if (n instanceof Leaf l) {
      (t == NO ? unmet : unknown).add(l.label);
      return;
    }
    for (Node c : ((Group) n).children) blockers(c, f, at, unmet, unknown);
  }

  /** The fewest conditions that must still turn met for {@code n} to be met. */
  private static int missing(Node n, ProfileFacts f, AsOf at) {
    if (n instanceof Pending) return 1;
    if (n instanceof Leaf l) return truth(l, f, at) == YES ? 0 : 1;
    Group g = (Group) n;
    int out = g.any ? Integer.MAX_VALUE : 0;
    for (Node c : g.children) {
      int m = missing(c, f, at);
      out = g.any ? Math.min(out, m) : out + m;
    }
    return g.children.length == 0 ? 0 : out;
  }
}
