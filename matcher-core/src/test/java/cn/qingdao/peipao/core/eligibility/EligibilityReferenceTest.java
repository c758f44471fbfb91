package cn.qingdao.peipao.core.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.TestTaxonomy;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Codes;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.ProfileField;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random policies and profiles: the compiled engine agrees, condition by condition, with a
 * plain interpreter written here over the JSON; and an {@code ineligible} verdict is never undone
 * by growing the project (later stage, larger team, more awards, registration, time passing).
 */
class EligibilityReferenceTest {
  static final EntityReader READER = new EntityReader(TestTaxonomy.load());
  static final Taxonomy TAX = READER.taxonomy();
  static final Eligibility ENGINE = new Eligibility(TAX);
  static final List<String> SECTORS = TAX.sectors().stream().map(s -> s.code()).toList();
  static final List<String> STAGES = TAX.stageCodeList();
  static final List<String> DISTRICTS = TAX.districts().stream().map(d -> d.code()).toList();

  /** Counties outside Qingdao, as adcodes: two in Jinan, one in Yantai. */
  static final List<String> ELSEWHERE = List.of("370102", "370103", "370602");

  /** Cities a location may give alone. */
  static final List<String> CITIES = List.of("370100", "370200", "370600");

  /** Regions at every level: the province, cities, a Qingdao and a Jinan county. */
  static final List<String> REGIONS =
      List.of("370000", "370100", "370200", "370600", "370212", "370102");

  static final List<String> GROUPS = TAX.founderGroups().stream().map(g -> g.code()).toList();
  static final List<String> SERVICES = TAX.services().stream().map(s -> s.code()).toList();
  static final List<String> TAGS = List.of("受灾影响", "已获创业担保贷款", "人工智能");
  static final int MAYBE = 1;

  @Test
  void compiledEvaluationEqualsAPlainInterpreter() {
    Random rnd = new Random(20261121);
    int eligible = 0;
    int partial = 0;
    int ineligible = 0;
    for (int round = 0; round < 400; round++) {
      ObjectNode policyJson = randomPolicy(rnd, round);
      Policy policy = (Policy) READER.read(EntityType.POLICIES, policyJson);
      var compiled = ENGINE.compile(policy);
      for (int j = 0; j < 25; j++) {
        ObjectNode profileJson = randomProfile(rnd);
        LocalDate day = LocalDate.of(2024, 1, 1).plusDays(rnd.nextInt(1200));
        Project project = READER.readProfile(profileJson);
        Assessment a =
            compiled.assess(ENGINE.facts(project), cn.qingdao.peipao.core.eligibility.AsOf.of(day));
        List<Integer> leaves = new ArrayList<>();
        int expected = reference(policyJson, profileJson, day, leaves);
        String why = policyJson + "\n" + profileJson + " on " + day;
        assertEquals((long) leaves.size(), a.conditions().size(), why);
        for (int k = 0; k < leaves.size(); k++)
          assertEquals(Truth.values()[leaves.get(k)], a.conditions().get(k).result(), why);
        assertEquals(expected == 2, a.verdict() == Verdict.ELIGIBLE, why);
        switch (a.verdict()) {
          case ELIGIBLE -> eligible++;
          case PARTIAL -> partial++;
          case INELIGIBLE -> {
            ineligible++;
            for (int g = 0; g < 4; g++) {
              LocalDate later = day.plusDays(rnd.nextInt(3000));
              ObjectNode grown = grow(profileJson, rnd, later);
              assertNotEquals(
                  Verdict.ELIGIBLE,
                  ENGINE.assess(policy, READER.readProfile(grown), later).verdict(),
                  "ineligible, yet growing makes it eligible: " + why + "\ngrown " + grown);
            }
          }
        }
      }
    }
    // The generator must exercise every verdict, or the comparison proves little.
    assertTrue(
        eligible > 300 && partial > 300 && ineligible > 300,
        eligible + "/" + partial + "/" + ineligible);
  }

  // ---- generators ----

  static String pick(Random r, List<String> l) {
    return l.get(r.nextInt(l.size()));
  }

  static ArrayNode some(Random r, List<String> l, int max) {
    ArrayNode a = Json.mapper().createArrayNode();
    List<String> copy = new ArrayList<>(l);
    java.util.Collections.shuffle(copy, r);
    int n = 1 + r.nextInt(max);
    for (int i = 0; i < n && i < copy.size(); i++) a.add(copy.get(i));
    return a;
  }

  static ObjectNode randomPolicy(Random r, int i) {
    ObjectNode p = Json.mapper().createObjectNode();
    p.put("id", "pol-r" + i).put("name", "随机政策").put("issuer", "测试").put("category", "loan");
    p.put("audience", "founder").put("source", "测试");
    p.putObject("benefit").put("type", "loan").put("text", "t");
    if (r.nextInt(4) == 0) p.set("districts", some(r, DISTRICTS, 2));
    if (r.nextInt(3) == 0) p.set("regions", some(r, REGIONS, 2));
    if (r.nextInt(3) == 0) p.set("stages", some(r, STAGES, 3));
    if (r.nextInt(5) == 0) p.set("sectors", some(r, SECTORS, 2));
    if (r.nextInt(8) != 0) p.set("eligibility", rule(r, 0));
    if (r.nextInt(8) == 0) p.put("selection", pick(r, Codes.SELECTIONS));
    return p;
  }

  static JsonNode rule(Random r, int depth) {
    int kind = depth >= 2 ? 3 : r.nextInt(6);
    ObjectNode n = Json.mapper().createObjectNode();
    switch (kind) {
      case 0, 1 -> {
        ArrayNode a = n.putArray(kind == 0 ? "all" : "any");
        int k = 1 + r.nextInt(3);
        for (int i = 0; i < k; i++) a.add(rule(r, depth + 1));
      }
      case 2 -> n.set("not", rule(r, depth + 1));
      default -> {
        return condition(r);
      }
    }
    return n;
  }

  static ObjectNode condition(Random r) {
    ProfileField f = ProfileField.values()[r.nextInt(ProfileField.values().length)];
    List<String> ops = f.kind().ops();
    String op = ops.get(r.nextInt(ops.size()));
    ObjectNode c = Json.mapper().createObjectNode();
    c.put("field", f.path()).put("op", op).put("label", f.path() + " " + op);
    if (op.equals("exists")) {
      c.put("value", r.nextBoolean());
    } else if (op.equals("in") || op.equals("intersects")) {
      ArrayNode a = c.putArray("value");
      int k = 1 + r.nextInt(3);
      for (int i = 0; i < k; i++) a.add(scalar(r, f));
    } else {
      c.set("value", scalar(r, f));
    }
    return c;
  }

  static JsonNode scalar(Random r, ProfileField f) {
    var n = Json.mapper().getNodeFactory();
    return switch (f) {
      case SECTORS -> n.textNode(pick(r, SECTORS));
      case STAGE -> n.textNode(pick(r, STAGES));
      case DISTRICT -> n.textNode(pick(r, DISTRICTS));
      case FOUNDER_GROUPS -> n.textNode(pick(r, GROUPS.subList(0, 4)));
      case NEEDS -> n.textNode(pick(r, SERVICES.subList(0, 4)));
      case STATUS -> n.textNode(pick(r, Codes.PROJECT_STATUS));
      case TAGS -> n.textNode(pick(r, TAGS));
      case AWARD_LEVEL -> n.textNode(pick(r, Codes.AWARD_LEVELS));
      case GRADUATION_YEAR -> n.numberNode(2016 + r.nextInt(11));
      case FUNDING_NEED -> n.numberNode(100000 * r.nextInt(10));
      case EMPLOYEES -> n.numberNode(r.nextInt(30));
      case AWARD_YEAR -> n.numberNode(2019 + r.nextInt(8));
      case YEARS_SINCE_REGISTRATION, YEARS_SINCE_GRADUATION -> n.numberNode(r.nextInt(12) / 2.0);
      case REGISTERED_AT ->
          n.textNode(LocalDate.of(2019, 1, 1).plusDays(r.nextInt(2500)).toString());
      case HIGH_TECH, SPECIALIZED, IN_PARK -> n.booleanNode(r.nextBoolean());
      case REGION -> n.textNode(pick(r, REGIONS));
    };
  }

  static ObjectNode randomProfile(Random r) {
    ObjectNode p = Json.mapper().createObjectNode();
    if (r.nextInt(10) < 7) p.set("sectors", some(r, SECTORS, 2));
    if (r.nextInt(10) < 7) p.put("stage", pick(r, STAGES));
    if (r.nextInt(10) < 7) {
      int where = r.nextInt(8);
      if (where < 2) p.putObject("location").put("city", pick(r, CITIES));
      else p.putObject("location").put("district", pick(r, where < 4 ? ELSEWHERE : DISTRICTS));
    }
    if (r.nextInt(10) < 7) {
      ObjectNode f = p.putObject("founder");
      if (r.nextInt(10) < 7)
        f.set("groups", r.nextInt(5) == 0 ? f.arrayNode() : some(r, GROUPS.subList(0, 4), 2));
      if (r.nextBoolean()) f.put("graduationYear", 2014 + r.nextInt(13));
    }
    if (r.nextInt(10) < 6) p.set("needs", some(r, SERVICES.subList(0, 4), 2));
    if (r.nextInt(10) < 6) p.put("fundingNeed", 100000 * r.nextInt(10));
    if (r.nextInt(10) < 7) p.put("employees", r.nextInt(30));
    if (r.nextInt(10) < 6)
      p.put("registeredAt", LocalDate.of(2018, 1, 1).plusDays(r.nextInt(2800)).toString());
    if (r.nextInt(10) < 6) {
      ArrayNode a = p.putArray("awards");
      int k = r.nextInt(3);
      for (int i = 0; i < k; i++) {
        ObjectNode aw = a.addObject().put("level", pick(r, Codes.AWARD_LEVELS));
        if (r.nextBoolean()) aw.put("year", 2019 + r.nextInt(8));
      }
    }
    if (r.nextInt(10) < 5) {
      ObjectNode fl = p.putObject("flags");
      if (r.nextBoolean()) fl.put("highTech", r.nextBoolean());
      if (r.nextBoolean()) fl.put("specialized", r.nextBoolean());
    }
    if (r.nextInt(10) < 5) p.put("status", pick(r, Codes.PROJECT_STATUS));
    if (r.nextInt(10) < 5) p.set("tags", some(r, TAGS, 2));
    if (r.nextInt(10) < 4) p.put("inPark", r.nextBoolean());
    return p;
  }

  /** The project a while later: only what grows changes (see ProfileField.Change). */
  static ObjectNode grow(ObjectNode profile, Random r, LocalDate now) {
    ObjectNode g = profile.deepCopy();
    if (g.has("stage")) {
      int s = STAGES.indexOf(g.get("stage").asText());
      g.put("stage", STAGES.get(s + r.nextInt(STAGES.size() - s)));
    }
    if (g.has("employees")) g.put("employees", g.get("employees").asInt() + r.nextInt(40));
    if (!g.has("registeredAt") && r.nextBoolean()) g.put("registeredAt", now.toString());
    if (g.has("awards") && r.nextBoolean()) {
      ObjectNode aw = ((ArrayNode) g.get("awards")).addObject();
      aw.put("level", pick(r, Codes.AWARD_LEVELS)).put("year", now.getYear());
    }
    if (g.has("flags") && r.nextBoolean()) ((ObjectNode) g.get("flags")).put("highTech", true);
    if (r.nextInt(4) == 0) g.put("inPark", true);
    return g;
  }

  // ---- the plain interpreter ----

  /** Kleene truth of the policy (scope then tree), appending each leaf's truth as needed. */
  static int reference(ObjectNode policy, ObjectNode profile, LocalDate day, List<Integer> leaves) {
    int out = 2;
    String[][] scope = {
      {"regions", "location.region", "intersects"},
      {"districts", "location.district", "in"},
      {"stages", "stage", "in"},
      {"sectors", "sectors", "intersects"}
    };
    for (String[] s : scope) {
      if (policy.has(s[0]) && !policy.get(s[0]).isEmpty()) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("field", s[1]).put("op", s[2]).set("value", policy.get(s[0]));
        out = Math.min(out, node(c, false, profile, day, leaves));
      }
    }
    if (policy.has("eligibility"))
      out = Math.min(out, node(policy.get("eligibility"), false, profile, day, leaves));
    if (policy.has("selection")) {
      // a selection, pilot or agency review: nothing in the profile settles it
      leaves.add(MAYBE);
      out = Math.min(out, MAYBE);
    }
    return out;
  }

  static int node(JsonNode n, boolean negated, ObjectNode p, LocalDate day, List<Integer> leaves) {
    if (n.has("not")) return 2 - node(n.get("not"), !negated, p, day, leaves);
    if (n.has("all") || n.has("any")) {
      boolean all = n.has("all");
      int out = all ? 2 : 0;
      for (JsonNode c : n.get(all ? "all" : "any")) {
        int t = node(c, negated, p, day, leaves);
        out = all ? Math.min(out, t) : Math.max(out, t);
      }
      return out;
    }
    int t = leaf(n, p, day);
    leaves.add(negated ? 2 - t : t);
    return t;
  }

  /** The place of a location and every place around it, by the adcode prefix rule. */
  static List<Object> chain(JsonNode l) {
    String place;
    if (l.has("district")) {
      String d = l.get("district").asText();
      place = DISTRICTS.contains(d) ? TAX.district(d).orElseThrow().adcode() : d;
    } else {
      place = l.get("city").asText();
    }
    List<Object> out = new ArrayList<>(List.of(place));
    if (!place.endsWith("00")) out.add(place.substring(0, 4) + "00");
    out.add("370000");
    return out;
  }

  static int leaf(JsonNode c, ObjectNode p, LocalDate day) {
    String field = c.get("field").asText();
    String op = c.get("op").asText();
    JsonNode v = c.get("value");
    List<Object> have = values(field, p, day);
    if (field.equals("location.region") && have != null && !op.equals("exists")) {
      String place = (String) have.get(0);
      int t = 0;
      for (JsonNode e : v.isArray() ? v : Json.mapper().createArrayNode().add(v)) {
        String want = e.asText();
        if (have.contains(want)) t = 2;
        else if (t == 0 && place.endsWith("00") && want.startsWith(place.substring(0, 4))) t = 1;
      }
      return op.equals("ne") ? 2 - t : t;
    }
    if (field.equals("tags")) {
      List<Object> tags = have == null ? List.of() : have;
      if (op.equals("exists")) return tags.isEmpty() ? MAYBE : (v.asBoolean() ? 2 : 0);
      List<Object> want = new ArrayList<>();
      if (v.isArray()) v.forEach(x -> want.add(x.asText()));
      else want.add(v.asText());
      boolean any = tags.stream().anyMatch(want::contains);
      return op.equals("ne") ? (any ? 0 : MAYBE) : (any ? 2 : MAYBE);
    }
    if (op.equals("exists")) {
      boolean present = have != null && !(field.startsWith("awards") && have.isEmpty());
      return present == (v == null || v.asBoolean()) ? 2 : 0;
    }
    if (have == null) return MAYBE;
    if (op.equals("ne")) return have.stream().noneMatch(x -> cmp(x, v) == 0) ? 2 : 0;
    return have.stream().anyMatch(x -> holds(x, op, v)) ? 2 : 0;
  }

  static boolean holds(Object x, String op, JsonNode v) {
    if (op.equals("in") || op.equals("intersects")) {
      for (JsonNode e : v) if (cmp(x, e) == 0) return true;
      return false;
    }
    int c = cmp(x, v);
    return switch (op) {
      case "eq" -> c == 0;
      case "lt" -> c < 0;
      case "lte" -> c <= 0;
      case "gt" -> c > 0;
      case "gte" -> c >= 0;
      default -> throw new IllegalStateException(op);
    };
  }

  static int cmp(Object x, JsonNode v) {
    if (x instanceof Double d) return Double.compare(d, v.asDouble());
    if (x instanceof Boolean b) return b == v.asBoolean() ? 0 : 1;
    if (x instanceof LocalDate d) return d.compareTo(LocalDate.parse(v.asText()));
    String s = (String) x;
    if (Codes.AWARD_LEVELS.contains(s))
      return Integer.compare(Codes.AWARD_LEVELS.indexOf(s), Codes.AWARD_LEVELS.indexOf(v.asText()));
    return s.equals(v.asText()) ? 0 : 1;
  }

  /** The profile's values of {@code field}; null when it does not state it. */
  static List<Object> values(String field, ObjectNode p, LocalDate day) {
    JsonNode founder = p.get("founder");
    return switch (field) {
      case "sectors", "needs", "tags" -> texts(p.get(field), true);
      case "stage" -> one(p.get("stage"));
      case "location.district" -> {
        // a place outside Qingdao is in none of its districts; Qingdao alone does not say which
        if (!p.has("location")) yield null;
        JsonNode l = p.get("location");
        if (l.has("district")) yield one(l.get("district"));
        yield l.get("city").asText().equals("370200") ? null : List.of();
      }
      case "location.region" -> {
        // written out here from the adcode rule (a county 3701xx lies in city 370100 and in the
        // province 370000; Qingdao codes are counties of 370200), not taken from the code under
        // test; a city alone cannot say whether it is in one of its counties: see leaf()
        if (!p.has("location")) yield null;
        yield chain(p.get("location"));
      }
      case "founder.groups" -> founder == null ? null : texts(founder.get("groups"), false);
      case "founder.graduationYear" ->
          founder == null ? null : number(founder.get("graduationYear"));
      case "fundingNeed", "employees" -> number(p.get(field));
      case "registeredAt" -> p.has(field) ? List.of(LocalDate.parse(p.get(field).asText())) : null;
      case "awards.level", "awards.year" -> {
        if (!p.has("awards")) yield null;
        List<Object> out = new ArrayList<>();
        String key = field.substring(7);
        for (JsonNode a : p.get("awards"))
          if (a.has(key))
            out.add(key.equals("year") ? (Object) a.get(key).asDouble() : a.get(key).asText());
        yield out;
      }
      case "flags.highTech", "flags.specialized" -> {
        JsonNode f = p.get("flags");
        String key = field.substring(6);
        yield f == null || !f.has(key) ? null : List.of(f.get(key).asBoolean());
      }
      case "inPark" -> p.has("inPark") ? List.of(p.get("inPark").asBoolean()) : null;
      case "status" -> List.of(p.has("status") ? p.get("status").asText() : "active");
      case "yearsSinceGraduation" ->
          founder == null || !founder.has("graduationYear")
              ? null
              : List.of((double) (day.getYear() - founder.get("graduationYear").asInt()));
      case "yearsSinceRegistration" -> {
        if (!p.has("registeredAt")) yield null;
        LocalDate from = LocalDate.parse(p.get("registeredAt").asText());
        yield List.of(years(from, day));
      }
      default -> throw new IllegalStateException(field);
    };
  }

  static double years(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) return -years(to, from);
    int whole = 0;
    while (!from.plusYears(whole + 1).isAfter(to)) whole++;
    LocalDate a = from.plusYears(whole);
    return whole
        + (double) ChronoUnit.DAYS.between(a, to)
            / ChronoUnit.DAYS.between(a, from.plusYears(whole + 1));
  }

  static List<Object> texts(JsonNode n, boolean emptyIsSilent) {
    if (n == null || (emptyIsSilent && n.isEmpty())) return null;
    List<Object> out = new ArrayList<>();
    n.forEach(x -> out.add(x.asText()));
    return out;
  }

  static List<Object> one(JsonNode n) {
    return n == null ? null : List.of(n.asText());
  }

  static List<Object> number(JsonNode n) {
    return n == null ? null : List.of(n.asDouble());
  }
}
