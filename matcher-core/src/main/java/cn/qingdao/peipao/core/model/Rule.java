package cn.qingdao.peipao.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A node of a policy's eligibility tree: {@code all}, {@code any}, {@code not} or a condition on a
 * field of the project profile. Serialises to the contract's JSON shape by its component names.
 */
public sealed interface Rule {
  /** Every child must hold. */
  record All(List<Rule> all) implements Rule {}

  /** At least one child must hold. */
  record Any(List<Rule> any) implements Rule {}

  /** The child must not hold. */
  record Not(Rule not) implements Rule {}

  /**
   * {@code field op value}, with a Chinese label used in explanations and, in shipped policies, the
   * sentence of the source that states it ({@code quote}, verbatim; null when not given).
   */
  record Condition(String field, String op, JsonNode value, String label, String quote)
      implements Rule {
    public Condition(String field, String op, JsonNode value, String label) {
      this(field, op, value, label, null);
    }
  }

  /** The operators of conditions. */
  List<String> OPS = List.of("eq", "ne", "in", "intersects", "lt", "lte", "gt", "gte", "exists");
}
