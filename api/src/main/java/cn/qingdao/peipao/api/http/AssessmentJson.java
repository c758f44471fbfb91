package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.eligibility.Assessment;
import cn.qingdao.peipao.core.eligibility.ConditionResult;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Policy;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of eligibility verdicts, shared by the calculator, policy → people and recommendations.
 */
final class AssessmentJson {
  private AssessmentJson() {}

  /** Verdict, fewest missing conditions, and the labels of what is unmet and unknown. */
  static void verdict(ObjectNode out, Assessment a) {
    out.put("verdict", a.verdict().code());
    out.put("missing", a.missing());
    out.set("unmet", Json.mapper().valueToTree(a.unmet()));
    out.set("unknown", Json.mapper().valueToTree(a.unknown()));
  }

  /**
   * Every condition: label, field, op, what the policy requires, result, profile value, gap and the
   * source sentence that states it.
   */
  static void conditions(ObjectNode out, Assessment a) {
    ArrayNode list = out.putArray("conditions");
    for (ConditionResult c : a.conditions()) {
      ObjectNode o = list.addObject();
      o.put("label", c.label());
      o.put("field", c.field());
      o.put("op", c.op());
      if (c.required() != null) o.set("required", c.required());
      o.put("result", c.result().code());
      o.set("value", Json.mapper().valueToTree(c.value()));
      if (c.gap() != null) o.put("gap", c.gap());
      if (c.quote() != null) o.put("quote", c.quote());
    }
  }

  /**
   * The policy as a calculator item shows it: benefit, dates, issuer, document, how it is granted
   * ({@code selection}), how to apply ({@code application}) and source.
   */
  static void policy(ObjectNode out, Policy p) {
    out.put("id", p.id());
    out.put("name", p.name());
    out.put("category", p.category());
    out.set("benefit", Json.mapper().valueToTree(p.benefit()));
    out.put("issuer", p.issuer());
    if (p.docNumber() != null) out.put("docNumber", p.docNumber());
    if (p.validFrom() != null) out.put("validFrom", p.validFrom().toString());
    out.put("validUntil", p.validUntil() == null ? null : p.validUntil().toString());
    if (p.selection() != null) out.put("selection", p.selection());
    if (p.application() != null) out.set("application", Json.mapper().valueToTree(p.application()));
    out.put("source", p.source());
  }
}
