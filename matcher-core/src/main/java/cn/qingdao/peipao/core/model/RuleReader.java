package cn.qingdao.peipao.core.model;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.json.Values;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads an eligibility tree and checks each condition: a known profile field, an operator that
 * suits the field's kind, and a value of the right type inside the taxonomy. Problems carry the
 * condition's path in the tree (e.g. {@code eligibility.all[1].value[0]}).
 */
final class RuleReader {
  static final int MAX_DEPTH = 8;
  private static final int MAX_CHILDREN = 50;

  /**
   * Most conditions and groups in one tree: depth and width bounds alone allow 50^8, and every
   * anonymous calculator call evaluates and returns each policy's whole tree.
   */
  static final int MAX_NODES = 200;

  private final Taxonomy taxonomy;
  private final Problems problems;
  private int nodes;

  RuleReader(Taxonomy taxonomy, Problems problems) {
    this.taxonomy = taxonomy;
    this.problems = problems;
  }

  Rule read(JsonNode node, String path, int depth) {
    if (++nodes > MAX_NODES) {
      if (nodes == MAX_NODES + 1)
        problems.add(path, "a rule tree may hold at most " + MAX_NODES + " conditions and groups");
      return null;
    }
    if (depth > MAX_DEPTH) {
      problems.add(path, "rules may nest at most " + MAX_DEPTH + " levels");
      return null;
    }
    if (node == null || !node.isObject()) {
      problems.add(path, "must be a JSON object: {all:[…]}, {any:[…]}, {not:{…}} or a condition");
      return null;
    }
    Fields f = Fields.of(node, path, problems);
    int shapes = 0;
    for (String k : List.of("all", "any", "not", "field")) if (node.has(k)) shapes++;
    if (shapes != 1) {
      problems.add(path, "must have exactly one of all, any, not or field");
      return null;
    }
    Rule rule;
    if (node.has("all") || node.has("any")) {
      String key = node.has("all") ? "all" : "any";
      List<Rule> children = new ArrayList<>();
      List<Fields.Item> items = f.array(key, true, MAX_CHILDREN);
      if (node.get(key).isArray() && node.get(key).isEmpty())
        problems.add(f.pathOf(key), "must not be empty");
      for (Fields.Item item : items) children.add(read(item.value(), item.path(), depth + 1));
      rule =
          key.equals("all")
              ? new Rule.All(List.copyOf(nonNull(children)))
              : new Rule.Any(List.copyOf(nonNull(children)));
    } else if (node.has("not")) {
      Rule child = read(f.raw("not"), f.pathOf("not"), depth + 1);
      rule = new Rule.Not(child);
    } else {
      rule = condition(f);
    }
    f.finish();
    return rule;
  }

  private static List<Rule> nonNull(List<Rule> rules) {
    return rules.stream().filter(r -> r != null).toList();
  }

  private Rule condition(Fields f) {
    String fieldPath = f.string("field", true, 60);
    String op = f.code("op", true, Rule.OPS);
    String label = f.string("label", true, 200);
    String quote = f.string("quote", false, 1000);
    JsonNode value = f.raw("value");
    ProfileField field = null;
    if (fieldPath != null) {
      field = ProfileField.of(fieldPath).orElse(null);
      if (field == null) {
        problems.add(
            f.pathOf("field"),
            "unknown field '" + fieldPath + "'; allowed: " + ProfileField.paths());
      }
    }
    if (field != null && op != null && !field.kind().ops().contains(op)) {
      problems.add(
          f.pathOf("op"),
          "'"
              + op
              + "' does not apply to "
              + fieldPath
              + "; use one of "
              + String.join(", ", field.kind().ops()));
      op = null;
    }
    if (op != null && field != null) checkValue(field, op, value, f.pathOf("value"));
    return new Rule.Condition(fieldPath, op, value, label, quote);
  }

  private void checkValue(ProfileField field, String op, JsonNode value, String path) {
    if (op.equals("exists")) {
      if (value != null && !value.isBoolean())
        problems.add(path, "must be true or false (or absent) for exists");
      return;
    }
    if (value == null) {
      problems.add(path, "is required for op '" + op + "'");
      return;
    }
    boolean list = op.equals("in") || op.equals("intersects");
    if (list) {
      if (!value.isArray() || value.isEmpty()) {
        problems.add(path, "must be a non-empty array for op '" + op + "'");
        return;
      }
      for (int i = 0; i < value.size(); i++) checkScalar(field, value.get(i), path + "[" + i + "]");
    } else {
      checkScalar(field, value, path);
    }
  }

  private void checkScalar(ProfileField field, JsonNode v, String path) {
    switch (field.kind()) {
      case NUMBER -> {
        if (!v.isNumber()) problems.add(path, "must be a number for " + field.path());
      }
      case DATE -> Values.date(v, path, problems);
      case BOOLEAN -> {
        if (!v.isBoolean()) problems.add(path, "must be true or false for " + field.path());
      }
      case ORDERED_CODES ->
          code(
              v,
              path,
              Codes.AWARD_LEVELS::contains,
              "award level",
              String.join(", ", Codes.AWARD_LEVELS));
      case CODE, CODES -> {
        switch (field) {
          case SECTORS ->
              code(v, path, c -> taxonomy.sector(c).isPresent(), "sector", taxonomy.sectorCodes());
          case STAGE ->
              code(v, path, c -> taxonomy.stage(c).isPresent(), "stage", taxonomy.stageCodes());
          case DISTRICT ->
              code(
                  v,
                  path,
                  c -> taxonomy.district(c).isPresent(),
                  "district",
                  taxonomy.districtCodes());
          case FOUNDER_GROUPS ->
              code(
                  v,
                  path,
                  taxonomy::hasFounderGroup,
                  "founder group",
                  taxonomy.founderGroupCodes());
          case NEEDS ->
              code(
                  v,
                  path,
                  c -> taxonomy.service(c).isPresent(),
                  "service",
                  taxonomy.serviceCodes());
          case STATUS ->
              code(
                  v,
                  path,
                  Codes.PROJECT_STATUS::contains,
                  "status",
                  String.join(", ", Codes.PROJECT_STATUS));
          case REGION ->
              code(
                  v,
                  path,
                  c -> taxonomy.places().get(c).isPresent(),
                  "region",
                  taxonomy.places().regionCodes());
          default -> code(v, path, c -> true, "value", "");
        }
      }
    }
  }

  private void code(JsonNode v, String path, Predicate<String> known, String what, String allowed) {
    if (!v.isTextual()) {
      problems.add(path, "must be a string");
    } else if (!known.test(v.textValue())) {
      problems.add(path, EntityReader.unknown(what, v.textValue(), allowed));
    }
  }
}
