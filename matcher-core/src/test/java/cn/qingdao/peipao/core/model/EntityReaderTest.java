package cn.qingdao.peipao.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.TestTaxonomy;
import cn.qingdao.peipao.core.json.FieldError;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityReaderTest {
  private static final EntityReader READER = new EntityReader(TestTaxonomy.load());

  private static Entity read(EntityType type, String json) {
    return READER.read(type, Json.parse(json));
  }

  private static Map<String, String> problems(EntityType type, String json) {
    ValidationException e = assertThrows(ValidationException.class, () -> read(type, json));
    return e.errors().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                FieldError::field, FieldError::message, (a, b) -> a + " | " + b));
  }

  @Test
  void readsTheContractExampleProject() {
    Project p =
        (Project)
            read(
                EntityType.PROJECTS,
                """
                { "id": "p-001", "name": "海洋大模型数据标注平台",
                  "description": "面向海洋观测数据的垂直领域大模型与智能标注服务",
                  "sectors": ["ai", "marine"], "stage": "seed",
                  "location": { "district": "laoshan" },
                  "founder": { "groups": ["college_graduate"], "graduationYear": 2025 },
                  "needs": ["finance", "space", "market"],
                  "fundingNeed": 300000, "employees": 4, "registeredAt": "2025-09-01",
                  "awards": [{ "level": "city", "name": "创·在青岛创新创业大赛 三等奖", "year": 2025 }],
                  "flags": { "highTech": false, "specialized": false },
                  "consent": { "mentors": true, "parks": true, "investors": false },
                  "contact": { "name": "张三", "phone": "138 0000 5678", "email": "a@b.cn" },
                  "status": "active", "version": 99, "updatedAt": "2020-01-01T00:00:00Z" }
                """);
    assertEquals("ai", p.sectors().get(0));
    assertEquals(2025, p.founder().graduationYear());
    assertTrue(p.consent().mentors());
    assertFalse(p.consent().investors());
    assertEquals(0, p.version(), "server-kept fields from the client are ignored");
    assertNull(p.updatedAt());
  }

  @Test
  void defaultsAreThePrivateAndActiveOnes() {
    Project p =
        (Project)
            read(
                EntityType.PROJECTS,
                "{\"name\":\"x\",\"sectors\":[\"ai\"],\"stage\":\"seed\",\"location\":{\"district\":\"shinan\"}}");
    assertNull(p.id());
    assertEquals("active", p.status());
    assertFalse(
        p.consent().mentors() || p.consent().parks() || p.consent().investors(),
        "no consent given means not discoverable");
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPath() {
    Map<String, String> p =
        problems(
            EntityType.PROJECTS,
            "{\"id\":\"bad id!\",\"sectors\":[\"ai\",\"ai\",7],\"stage\":\"teen\",\"location\":{\"district\":\"xx\",\"lon\":120.1,\"x\":1},"
                + "\"needs\":[\"money\"],\"employees\":-1,\"fundingNeed\":1e400,\"registeredAt\":\"2025-13-01\","
                + "\"awards\":[{\"level\":\"galactic\"}],\"contact\":{\"phone\":\"call me\"},\"founder\":{\"groups\":\"college_graduate\"},\"foo\":null}");
    assertEquals(EntityReader.ID_RULE + " (got 'bad id!')", p.get("id"));
    assertEquals("is required", p.get("name"));
    assertTrue(p.get("sectors[1]").startsWith("duplicate 'ai'"));
    assertEquals("must be a string", p.get("sectors[2]"));
    assertEquals("must be one of seed, startup, growth, mature (got 'teen')", p.get("stage"));
    assertTrue(p.get("location.district").startsWith("unknown district 'xx'"));
    assertEquals("is required when the other coordinate is given", p.get("location.lat"));
    assertEquals("unknown field", p.get("location.x"));
    assertTrue(p.get("needs[0]").startsWith("unknown service 'money'"));
    assertTrue(p.get("employees").startsWith("must be between 0 and"));
    assertTrue(p.containsKey("fundingNeed"));
    assertTrue(p.get("registeredAt").startsWith("must be a date written yyyy-MM-dd"));
    assertTrue(
        p.get("awards[0].level").startsWith("must be one of district, city, provincial, national"));
    assertTrue(p.get("contact.phone").startsWith("must be a phone number"));
    assertEquals("must be an array", p.get("founder.groups"));
    assertEquals("unknown field", p.get("foo"));
    assertEquals(16, p.size(), p.toString());
  }

  /**
   * Every county of the hierarchy, alone and with every city: the city is derived, a Qingdao county
   * adcode becomes its short code, a city that is not the county's is a 400 naming {@code
   * location.city}; a city alone, a non-county district, and unknown codes likewise.
   */
  @Test
  void everyDistrictAndCityCombinationIsReadOrRefused() {
    String json = "{\"name\":\"x\",\"sectors\":[\"ai\"],\"stage\":\"seed\",\"location\":%s}";
    var places = READER.taxonomy().places();
    int checked = 0;
    for (var county : places.all()) {
      if (county.level() != cn.qingdao.peipao.core.taxonomy.Place.Level.COUNTY) continue;
      String expectedDistrict = county.district() != null ? county.district() : county.adcode();
      Project alone =
          (Project)
              read(
                  EntityType.PROJECTS,
                  json.formatted("{\"district\":\"" + county.adcode() + "\"}"));
      assertEquals(expectedDistrict, alone.location().district());
      assertEquals(county.parent(), alone.location().city());
      for (var city : places.cities()) {
        String loc =
            "{\"district\":\"" + expectedDistrict + "\",\"city\":\"" + city.adcode() + "\"}";
        if (city.adcode().equals(county.parent())) {
          Project both = (Project) read(EntityType.PROJECTS, json.formatted(loc));
          assertEquals(city.adcode(), both.location().city());
        } else {
          assertTrue(
              problems(EntityType.PROJECTS, json.formatted(loc))
                  .get("location.city")
                  .startsWith("contradicts district"),
              loc);
        }
        checked++;
      }
    }
    assertTrue(checked >= 20, "the test taxonomy lists too few places: " + checked);
    Project city = (Project) read(EntityType.PROJECTS, json.formatted("{\"city\":\"370100\"}"));
    assertEquals(null, city.location().district());
    assertEquals("370100", city.location().city());
    assertTrue(
        problems(EntityType.PROJECTS, json.formatted("{\"district\":\"370100\"}"))
            .get("location.district")
            .contains("not a county"));
    assertTrue(
        problems(EntityType.PROJECTS, json.formatted("{\"district\":\"110101\"}"))
            .get("location.district")
            .startsWith("unknown district '110101'"));
    assertTrue(
        problems(EntityType.PROJECTS, json.formatted("{\"city\":\"370102\"}"))
            .get("location.city")
            .startsWith("unknown city"));
    assertEquals(
        "is required unless city is given",
        problems(EntityType.PROJECTS, json.formatted("{\"lat\":36,\"lon\":120}"))
            .get("location.district"));
    assertEquals(
        "write Qingdao districts by code: use 'shinan' for 370202",
        problems(EntityType.MENTORS, "{\"name\":\"m\",\"serviceDistricts\":[\"370202\"]}")
            .get("serviceDistricts[0]"));
  }

  @Test
  void countersAndRangesAreChecked() {
    Map<String, String> park =
        problems(
            EntityType.PARKS,
            "{\"name\":\"k\",\"kind\":\"castle\",\"location\":{\"district\":\"shinan\"},\"areaTotal\":10,\"areaAvailable\":20,\"capacity\":5,\"tenants\":6}");
    assertTrue(park.get("kind").startsWith("must be one of incubation_park"));
    assertEquals("must not exceed areaTotal (10)", park.get("areaAvailable"));
    assertEquals("must not exceed capacity (5)", park.get("tenants"));
    Map<String, String> inv =
        problems(
            EntityType.INVESTORS,
            "{\"name\":\"i\",\"kind\":\"bank\",\"instruments\":[\"gold\"],\"ticketMin\":5,\"ticketMax\":1,\"portfolioSize\":-2}");
    assertTrue(inv.get("instruments[0]").startsWith("must be one of equity"));
    assertEquals("must not be below ticketMin (5)", inv.get("ticketMax"));
    assertTrue(inv.get("portfolioSize").startsWith("must be"), inv.get("portfolioSize"));
    Map<String, String> mentor =
        problems(EntityType.MENTORS, "{\"name\":\"m\",\"serviceDistricts\":[\"mars\"]}");
    assertEquals("is required", mentor.get("capacity"));
    assertTrue(mentor.get("serviceDistricts[0]").startsWith("unknown district 'mars'"));
    Mentor m = (Mentor) read(EntityType.MENTORS, "{\"name\":\"m\",\"capacity\":3}");
    assertEquals("mentor", m.kind());
    assertEquals(List.of(), m.serviceDistricts());
  }

  private static final String POLICY =
      "{\"name\":\"p\",\"issuer\":\"i\",\"category\":\"loan\",\"audience\":\"founder\",\"source\":\"s\","
          + "\"benefit\":{\"type\":\"loan\",\"maxAmount\":300000,\"text\":\"t\"},\"eligibility\":%s}";

  @Test
  void eligibilityTreesAreCheckedConditionByCondition() {
    Policy ok =
        (Policy)
            read(
                EntityType.POLICIES,
                POLICY.formatted(
                    "{\"all\":[{\"field\":\"founder.groups\",\"op\":\"intersects\",\"value\":[\"college_graduate\"],\"label\":\"a\"},"
                        + "{\"not\":{\"field\":\"employees\",\"op\":\"gt\",\"value\":50,\"label\":\"b\"}},"
                        + "{\"any\":[{\"field\":\"registeredAt\",\"op\":\"exists\",\"label\":\"c\"},{\"field\":\"awards.level\",\"op\":\"gte\",\"value\":\"city\",\"label\":\"d\"}]}]}"));
    Rule.All all = (Rule.All) ok.eligibility();
    assertEquals(3, all.all().size());
    assertEquals(
        "{\"all\":[{\"field\":\"founder.groups\",\"op\":\"intersects\",\"value\":[\"college_graduate\"],\"label\":\"a\"},"
            + "{\"not\":{\"field\":\"employees\",\"op\":\"gt\",\"value\":50,\"label\":\"b\"}},"
            + "{\"any\":[{\"field\":\"registeredAt\",\"op\":\"exists\",\"label\":\"c\"},{\"field\":\"awards.level\",\"op\":\"gte\",\"value\":\"city\",\"label\":\"d\"}]}]}",
        Json.write(ok.eligibility()),
        "the tree serialises back to the contract shape");

    Map<String, String> bad =
        problems(
            EntityType.POLICIES,
            POLICY.formatted(
                "{\"all\":[{\"field\":\"shoeSize\",\"op\":\"eq\",\"value\":1,\"label\":\"a\"},"
                    + "{\"field\":\"stage\",\"op\":\"gt\",\"value\":\"seed\",\"label\":\"b\"},"
                    + "{\"field\":\"founder.groups\",\"op\":\"intersects\",\"value\":[\"wizard\"],\"label\":\"c\"},"
                    + "{\"field\":\"employees\",\"op\":\"lte\",\"value\":\"many\"},"
                    + "{\"any\":[]},{\"all\":[],\"any\":[]}]}"));
    assertTrue(
        bad.get("eligibility.all[0].field").startsWith("unknown field 'shoeSize'"), bad.toString());
    assertTrue(
        bad.get("eligibility.all[1].op").startsWith("'gt' does not apply to stage"),
        bad.toString());
    assertTrue(
        bad.get("eligibility.all[2].value[0]").startsWith("unknown founder group 'wizard'"),
        bad.toString());
    assertEquals("must be a number for employees", bad.get("eligibility.all[3].value"));
    assertEquals("is required", bad.get("eligibility.all[3].label"));
    assertEquals("must not be empty", bad.get("eligibility.all[4].any"));
    assertEquals("must have exactly one of all, any, not or field", bad.get("eligibility.all[5]"));
  }

  @Test
  void deeplyNestedRulesAreRejected() {
    String deep = "{\"field\":\"stage\",\"op\":\"eq\",\"value\":\"seed\",\"label\":\"x\"}";
    for (int i = 0; i < 12; i++) deep = "{\"not\":" + deep + "}";
    Map<String, String> p = problems(EntityType.POLICIES, POLICY.formatted(deep));
    assertTrue(
        p.values().stream().anyMatch(m -> m.startsWith("rules may nest at most")), p.toString());
  }

  static String conditions(int n) {
    return String.join(
        ",",
        java.util.Collections.nCopies(
            n, "{\"field\":\"stage\",\"op\":\"eq\",\"value\":\"seed\",\"label\":\"x\"}"));
  }

  @Test
  void aWideGroupIsTooWideNotEmpty() {
    Map<String, String> p =
        problems(EntityType.POLICIES, POLICY.formatted("{\"any\":[" + conditions(5000) + "]}"));
    assertTrue(p.get("eligibility.any").startsWith("must have at most 50"), p.toString());
    assertTrue(!p.containsValue("must not be empty"), p.toString());
  }

  @Test
  void aTreeHoldsAtMost200ConditionsInAll() {
    // 50 groups of 5: each level within its bounds, 301 nodes in all
    String group = "{\"any\":[" + conditions(5) + "]}";
    String wide = "{\"all\":[" + String.join(",", java.util.Collections.nCopies(50, group)) + "]}";
    Map<String, String> p = problems(EntityType.POLICIES, POLICY.formatted(wide));
    assertTrue(
        p.values().stream().anyMatch(m -> m.contains("at most 200 conditions")), p.toString());
    // 40 groups of 4 (201 nodes) is refused, 39 groups of 4 (196 nodes) is fine
    String four = "{\"any\":[" + conditions(4) + "]}";
    assertTrue(
        !problems(
                EntityType.POLICIES,
                POLICY.formatted(
                    "{\"all\":["
                        + String.join(",", java.util.Collections.nCopies(40, four))
                        + "]}"))
            .isEmpty());
    Policy ok =
        (Policy)
            read(
                EntityType.POLICIES,
                POLICY.formatted(
                    "{\"all\":["
                        + String.join(",", java.util.Collections.nCopies(39, four))
                        + "]}"));
    assertEquals(39, ((Rule.All) ok.eligibility()).all().size());
  }
}
