package cn.qingdao.peipao.datasets;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.taxonomy.District;
import cn.qingdao.peipao.core.taxonomy.Sector;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Generates synthetic but realistic entities (Chinese names and descriptions built from the
 * sectors' topics, Qingdao's districts, stages, needs and capacities) for the demo and for
 * benchmarks. The same seed and counts give the same entities; ids start with {@code syn-} and
 * every entity carries the tag {@value #SYNTHETIC_TAG}.
 */
public final class SyntheticEcosystem {
  public static final String SYNTHETIC_TAG = "合成数据";

  private final Taxonomy taxonomy;
  private final long seed;
  private final List<Sector> sectors;
  private final List<District> districts;

  public SyntheticEcosystem(Taxonomy taxonomy, long seed) {
    this.taxonomy = taxonomy;
    this.seed = seed;
    this.sectors = List.copyOf(taxonomy.sectors());
    this.districts = List.copyOf(taxonomy.districts());
  }

  /** {@code n} projects with ids {@code syn-p-00001…}. */
  public List<ObjectNode> projects(int n) {
    return generate(n, 1, "syn-p-", this::project);
  }

  /** {@code n} mentors with ids {@code syn-m-00001…}. */
  public List<ObjectNode> mentors(int n) {
    return generate(n, 2, "syn-m-", this::mentor);
  }

  /** {@code n} investors with ids {@code syn-i-00001…}. */
  public List<ObjectNode> investors(int n) {
    return generate(n, 3, "syn-i-", this::investor);
  }

  /** {@code n} parks with ids {@code syn-k-00001…} (for benchmarks; the demo ships real parks). */
  public List<ObjectNode> parks(int n) {
    return generate(n, 4, "syn-k-", this::park);
  }

  /**
   * {@code n} founder policies with ids {@code syn-pol-00001…} (for benchmarks; the demo ships the
   * real ones): scopes and rule trees built from the same kinds of condition the real policies use
   * (founder groups, team size, registration and its age, stage, award level, district).
   */
  public List<ObjectNode> policies(int n) {
    return generate(n, 5, "syn-pol-", this::policy);
  }

  private static final List<String> KEY_GROUPS =
      List.of(
          "college_graduate", "returnee", "hardship", "veteran", "researcher", "migrant_worker");

  private ObjectNode policy(Random rnd, String id) {
    ObjectNode o = Json.mapper().createObjectNode();
    Sector sector = pick(rnd, sectors, null);
    o.put("id", id);
    o.put("name", sector.name() + oneOf(rnd, List.of("创业补贴", "贴息贷款", "场地支持", "人才奖励")));
    o.put("issuer", "合成数据发布单位");
    o.put("validFrom", "2024-01-01");
    if (rnd.nextDouble() < 0.3) o.put("validUntil", "2027-12-31");
    o.put("category", oneOf(rnd, List.of("loan", "subsidy", "space", "award")));
    o.put("audience", "founder");
    ObjectNode benefit = o.putObject("benefit");
    benefit.put("type", "subsidy");
    benefit.put("maxAmount", 10_000L * (1 + rnd.nextInt(100)));
    benefit.put("text", "合成政策的扶持内容");
    if (rnd.nextDouble() < 0.25) o.putArray("districts").add(pick(rnd, districts, null).code());
    if (rnd.nextDouble() < 0.3) o.putArray("sectors").add(sector.code());
    if (rnd.nextDouble() < 0.5) {
      ArrayNode stages = o.putArray("stages");
      int from = rnd.nextInt(3);
      for (int i = from; i < from + 2; i++)
        stages.add(List.of("seed", "startup", "growth", "mature").get(i));
    }
    ArrayNode all = o.putObject("eligibility").putArray("all");
    int conditions = 1 + rnd.nextInt(4);
    for (int i = 0; i < conditions; i++) {
      ObjectNode c = all.addObject();
      switch (rnd.nextInt(6)) {
        case 0 -> {
          c.put("field", "founder.groups").put("op", "intersects").put("label", "属于重点群体");
          ArrayNode v = c.putArray("value");
          v.add(oneOf(rnd, KEY_GROUPS));
          if (rnd.nextBoolean()) v.add(oneOf(rnd, KEY_GROUPS));
        }
        case 1 ->
            c.put("field", "employees")
                .put("op", rnd.nextBoolean() ? "gte" : "lte")
                .put("value", 1 + rnd.nextInt(50))
                .put("label", "员工人数要求");
        case 2 ->
            c.put("field", "registeredAt")
                .put("op", "exists")
                .put("value", true)
                .put("label", "已登记注册");
        case 3 ->
            c.put("field", "yearsSinceRegistration")
                .put("op", "lte")
                .put("value", 1 + rnd.nextInt(5))
                .put("label", "注册年限要求");
        case 4 ->
            c.put("field", "awards.level")
                .put("op", "gte")
                .put("value", oneOf(rnd, List.of("district", "city", "provincial")))
                .put("label", "赛事获奖");
        default ->
            c.put("field", "status").put("op", "eq").put("value", "active").put("label", "正常经营");
      }
    }
    o.put("source", "合成数据（基准测试用）");
    o.putArray("tags").add(SYNTHETIC_TAG);
    return o;
  }

  /** One random stream per entity type, so that the count of one type does not change another. */
  private List<ObjectNode> generate(
      int n, int stream, String idPrefix, BiFunction<Random, String, ObjectNode> make) {
    Random rnd = new Random(seed * 31 + stream);
    List<ObjectNode> out = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) out.add(make.apply(rnd, idPrefix + String.format("%05d", i)));
    return out;
  }

  private ObjectNode project(Random rnd, String id) {
    Sector main =
        pick(rnd, sectors, Vocabulary.weights(sectors, Sector::code, Vocabulary.SECTOR_SHARES));
    List<String> codes = new ArrayList<>(List.of(main.code()));
    Sector second = null;
    if (rnd.nextDouble() < 0.45 && !main.related().isEmpty()) {
      second = taxonomy.sector(weightedKey(rnd, main.related())).orElseThrow();
      codes.add(second.code());
    }
    String topic = oneOf(rnd, Vocabulary.topics(main.code()));
    String noun = oneOf(rnd, Vocabulary.PRODUCT_NOUNS);
    String name;
    String description;
    if (second != null) {
      String secondTopic = oneOf(rnd, Vocabulary.topics(second.code()));
      name = secondTopic + topic + noun;
      description =
          "面向"
              + secondTopic
              + "场景的"
              + topic
              + noun
              + "，"
              + oneOf(rnd, Vocabulary.VALUE_PHRASES)
              + "。项目融合"
              + main.name()
              + "与"
              + second.name()
              + "，"
              + oneOf(rnd, Vocabulary.TEAM_PHRASES)
              + "。";
    } else {
      name = topic + noun;
      description =
          topic
              + noun
              + "，"
              + oneOf(rnd, Vocabulary.VALUE_PHRASES)
              + "，聚焦"
              + main.name()
              + "领域"
              + oneOf(rnd, main.subTracks())
              + "方向。"
              + oneOf(rnd, Vocabulary.TEAM_PHRASES)
              + "。";
    }
    String stage =
        pick(
            rnd,
            List.of("seed", "startup", "growth", "mature"),
            new double[] {0.35, 0.35, 0.22, 0.08});
    int stageIdx = List.of("seed", "startup", "growth", "mature").indexOf(stage);
    District d =
        pick(
            rnd,
            districts,
            Vocabulary.weights(districts, District::code, Vocabulary.DISTRICT_SHARES));
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("id", id);
    o.put("name", name);
    o.put("description", description);
    o.set("tags", strings(List.of(SYNTHETIC_TAG, topic)));
    o.set("sectors", strings(codes));
    o.put("stage", stage);
    o.set("location", location(rnd, d));
    ObjectNode founder = o.putObject("founder");
    List<String> groups = founderGroups(rnd);
    founder.set("groups", strings(groups));
    if (groups.contains("college_graduate")) founder.put("graduationYear", 2018 + rnd.nextInt(9));
    o.set(
        "needs",
        strings(
            sample(
                rnd,
                serviceCodes(),
                1 + rnd.nextInt(3),
                Vocabulary.weights(serviceCodes(), Vocabulary.NEED_SHARES))));
    long[] funding = {300_000, 1_000_000, 5_000_000, 20_000_000};
    o.put("fundingNeed", roundTo(funding[stageIdx] * (0.2 + rnd.nextDouble() * 1.6), 10_000));
    int[] staff = {3, 8, 30, 120};
    o.put("employees", 1 + rnd.nextInt(staff[stageIdx] * 2));
    if (stageIdx > 0 || rnd.nextBoolean()) {
      LocalDate reg =
          LocalDate.of(2026, 10, 1)
              .minusDays(30L + (long) rnd.nextInt(365 * (stageIdx + 1) + 1) + 200L * stageIdx);
      o.put("registeredAt", reg.toString());
    }
    if (rnd.nextDouble() < 0.15) {
      ArrayNode awards = o.putArray("awards");
      ObjectNode a = awards.addObject();
      String level =
          pick(
              rnd,
              List.of("district", "city", "provincial", "national"),
              new double[] {0.4, 0.4, 0.15, 0.05});
      a.put("level", level);
      a.put("name", oneOf(rnd, Vocabulary.COMPETITIONS));
      a.put("year", 2023 + rnd.nextInt(3));
    }
    ObjectNode flags = o.putObject("flags");
    flags.put("highTech", stageIdx >= 2 && rnd.nextDouble() < 0.4);
    flags.put("specialized", stageIdx >= 2 && rnd.nextDouble() < 0.2);
    ObjectNode consent = o.putObject("consent");
    consent.put("mentors", rnd.nextDouble() < 0.92);
    consent.put("parks", rnd.nextDouble() < 0.85);
    consent.put("investors", rnd.nextDouble() < 0.6);
    ObjectNode contact = o.putObject("contact");
    String person = Vocabulary.personName(rnd);
    contact.put("name", person);
    contact.put(
        "phone", "1" + (3 + rnd.nextInt(6)) + String.format("%09d", rnd.nextInt(1_000_000_000)));
    contact.put("email", id.replace("syn-", "") + "@example.com");
    o.put(
        "status",
        pick(
            rnd,
            List.of("active", "paused", "closed", "failed"),
            new double[] {0.9, 0.04, 0.03, 0.03}));
    statedFacts(o, id, groups);
    return o;
  }

  /**
   * Facts the park loans and the tax relief ask for ({@code inPark}, tags 小微企业, 合伙创业, 重点群体), drawn
   * from their own stream per id so that adding them moved no other field. Shares are our
   * estimates: in a park 35 % (not 15 %, unsaid 50 %); 小微企业 60 % of registered firms up to 300
   * staff; 合伙创业 20 % of teams of two or more; 重点群体 every hardship or veteran founder.
   */
  private void statedFacts(ObjectNode o, String id, List<String> groups) {
    Random rnd = new Random(seed * 131 + id.hashCode());
    double park = rnd.nextDouble();
    if (park < 0.35) o.put("inPark", true);
    else if (park < 0.5) o.put("inPark", false);
    ArrayNode tags = (ArrayNode) o.get("tags");
    int staff = o.get("employees").asInt();
    if (o.has("registeredAt") && staff <= 300 && rnd.nextDouble() < 0.6) tags.add("小微企业");
    if (staff >= 2 && rnd.nextDouble() < 0.2) tags.add("合伙创业");
    if (groups.contains("hardship") || groups.contains("veteran")) tags.add("重点群体");
  }

  private ObjectNode mentor(Random rnd, String id) {
    ObjectNode o = Json.mapper().createObjectNode();
    String kind =
        pick(rnd, List.of("mentor", "specialist", "expert"), new double[] {0.6, 0.3, 0.1});
    List<String> services =
        sample(
            rnd,
            serviceCodes(),
            1 + rnd.nextInt(3),
            Vocabulary.weights(serviceCodes(), Vocabulary.NEED_SHARES));
    List<String> sectorCodes =
        rnd.nextDouble() < 0.15
            ? List.of()
            : sample(
                rnd,
                sectorCodes(),
                1 + rnd.nextInt(3),
                Vocabulary.weights(sectorCodes(), Vocabulary.SECTOR_SHARES));
    List<String> stages = contiguousStages(rnd);
    District d =
        pick(
            rnd,
            districts,
            Vocabulary.weights(districts, District::code, Vocabulary.DISTRICT_SHARES));
    int years = 3 + rnd.nextInt(25);
    String org = oneOf(rnd, Vocabulary.MENTOR_ORGS);
    o.put("id", id);
    o.put("name", Vocabulary.personName(rnd));
    o.put("org", org);
    o.put("kind", kind);
    o.set("services", strings(services));
    o.set("sectors", strings(sectorCodes));
    o.set("stages", strings(stages));
    o.set("location", location(rnd, d));
    o.set("serviceDistricts", strings(kind.equals("specialist") ? List.of(d.code()) : List.of()));
    o.put("capacity", kind.equals("expert") ? 2 + rnd.nextInt(4) : 3 + rnd.nextInt(8));
    o.put("yearsExperience", years);
    StringBuilder desc = new StringBuilder();
    desc.append(org).append("，").append(years).append("年从业经验，擅长");
    desc.append(
        String.join(
            "、",
            services.stream().map(s -> taxonomy.service(s).orElseThrow().description()).toList()));
    if (!sectorCodes.isEmpty()) {
      desc.append("，长期关注")
          .append(
              String.join(
                  "、",
                  sectorCodes.stream().map(s -> taxonomy.sector(s).orElseThrow().name()).toList()));
      desc.append("，熟悉").append(oneOf(rnd, Vocabulary.topics(sectorCodes.get(0))));
    }
    desc.append("。");
    o.put("description", desc.toString());
    o.set("tags", strings(List.of(SYNTHETIC_TAG)));
    return o;
  }

  private ObjectNode investor(Random rnd, String id) {
    String kind =
        pick(
            rnd,
            List.of("angel", "vc", "pe", "bank", "guarantee", "government_fund"),
            new double[] {0.2, 0.3, 0.1, 0.2, 0.1, 0.1});
    ObjectNode o = Json.mapper().createObjectNode();
    District d =
        pick(
            rnd,
            districts,
            Vocabulary.weights(districts, District::code, Vocabulary.DISTRICT_SHARES));
    boolean debt = kind.equals("bank") || kind.equals("guarantee");
    o.put("id", id);
    o.put(
        "name",
        "青岛" + oneOf(rnd, Vocabulary.FIRM_WORDS) + Vocabulary.INVESTOR_SUFFIX.get(kind) + "（合成）");
    o.put("kind", kind);
    o.set(
        "instruments",
        strings(
            debt
                ? List.of("debt")
                : kind.equals("government_fund") ? List.of("equity", "grant") : List.of("equity")));
    o.set("products", strings(debt ? List.of("创业担保贷款", "科技信用贷") : List.of("股权投资")));
    List<String> sectorCodes =
        debt
            ? List.of()
            : sample(
                rnd,
                sectorCodes(),
                1 + rnd.nextInt(3),
                Vocabulary.weights(sectorCodes(), Vocabulary.SECTOR_SHARES));
    o.set("sectors", strings(sectorCodes));
    List<String> stages =
        switch (kind) {
          case "angel" -> List.of("seed", "startup");
          case "vc" -> List.of("startup", "growth");
          case "pe" -> List.of("growth", "mature");
          default -> List.of("seed", "startup", "growth");
        };
    o.set("stages", strings(stages));
    long[] range =
        switch (kind) {
          case "angel" -> new long[] {200_000, 3_000_000};
          case "vc" -> new long[] {3_000_000, 30_000_000};
          case "pe" -> new long[] {20_000_000, 200_000_000};
          case "bank" -> new long[] {0, 4_000_000};
          case "guarantee" -> new long[] {0, 3_000_000};
          default -> new long[] {1_000_000, 50_000_000};
        };
    o.put("ticketMin", range[0]);
    o.put("ticketMax", range[1]);
    o.set("location", location(rnd, d));
    o.set("serviceDistricts", strings(debt && rnd.nextBoolean() ? List.of(d.code()) : List.of()));
    String focus =
        sectorCodes.isEmpty()
            ? "不限行业"
            : "重点投向"
                + String.join(
                    "、",
                    sectorCodes.stream()
                        .map(s -> taxonomy.sector(s).orElseThrow().name())
                        .toList());
    o.put(
        "description",
        Vocabulary.INVESTOR_SUFFIX.get(kind)
            + "，"
            + focus
            + "，单笔"
            + range[0] / 10_000
            + "万至"
            + range[1] / 10_000
            + "万元。");
    o.set("tags", strings(List.of(SYNTHETIC_TAG)));
    return o;
  }

  private ObjectNode park(Random rnd, String id) {
    ObjectNode o = Json.mapper().createObjectNode();
    District d =
        pick(
            rnd,
            districts,
            Vocabulary.weights(districts, District::code, Vocabulary.DISTRICT_SHARES));
    String kind =
        pick(
            rnd,
            List.of(
                "incubation_park",
                "high_level_park",
                "startup_street",
                "community_station",
                "university_park"),
            new double[] {0.4, 0.1, 0.2, 0.2, 0.1});
    Sector s =
        pick(rnd, sectors, Vocabulary.weights(sectors, Sector::code, Vocabulary.SECTOR_SHARES));
    long area = roundTo(2_000 + rnd.nextInt(40_000), 100);
    int capacity = 10 + rnd.nextInt(150);
    o.put("id", id);
    o.put(
        "name",
        d.name().replaceAll("（.*）", "")
            + oneOf(rnd, Vocabulary.FIRM_WORDS)
            + Vocabulary.PARK_SUFFIX.get(kind)
            + "（合成）");
    o.put("kind", kind);
    o.put(
        "level",
        pick(rnd, List.of("provincial", "city", "district"), new double[] {0.1, 0.3, 0.6}));
    o.set("sectors", strings(List.of(s.code())));
    o.set("stages", strings(List.of("seed", "startup", "growth").subList(0, 2 + rnd.nextInt(2))));
    o.set("location", location(rnd, d));
    o.set(
        "services",
        strings(
            sample(
                rnd,
                List.of("space", "policy", "finance", "industry", "training", "talent"),
                2 + rnd.nextInt(3),
                null)));
    o.put("areaTotal", area);
    o.put("areaAvailable", roundTo(area * rnd.nextDouble() * 0.4, 10));
    o.put("governmentInvested", rnd.nextDouble() < 0.3);
    o.put("capacity", capacity);
    o.put("tenants", rnd.nextInt(capacity + 1));
    o.put(
        "description",
        "聚焦"
            + s.name()
            + "（"
            + oneOf(rnd, s.subTracks())
            + "）的"
            + Vocabulary.PARK_SUFFIX.get(kind)
            + "，提供办公场地、政策咨询、创业指导等服务。");
    o.set("tags", strings(List.of(SYNTHETIC_TAG)));
    return o;
  }

  private List<String> serviceCodes() {
    return taxonomy.services().stream().map(s -> s.code()).toList();
  }

  private List<String> sectorCodes() {
    return sectors.stream().map(Sector::code).toList();
  }

  private List<String> founderGroups(Random rnd) {
    Set<String> groups = new LinkedHashSet<>();
    Vocabulary.GROUP_SHARES.forEach(
        (g, p) -> {
          if (rnd.nextDouble() < p) groups.add(g);
        });
    return List.copyOf(groups);
  }

  private static List<String> contiguousStages(Random rnd) {
    List<String> all = List.of("seed", "startup", "growth", "mature");
    int from = rnd.nextInt(3);
    int to = Math.min(4, from + 1 + rnd.nextInt(3));
    return all.subList(from, to);
  }

  private static ObjectNode location(Random rnd, District d) {
    ObjectNode l = Json.mapper().createObjectNode();
    l.put("district", d.code());
    l.put("lat", Math.round((d.lat() + (rnd.nextDouble() - 0.5) * 0.06) * 1e5) / 1e5);
    l.put("lon", Math.round((d.lon() + (rnd.nextDouble() - 0.5) * 0.06) * 1e5) / 1e5);
    return l;
  }

  private static ArrayNode strings(Collection<String> values) {
    ArrayNode a = Json.mapper().createArrayNode();
    values.forEach(a::add);
    return a;
  }

  private static long roundTo(double v, long unit) {
    return Math.max(unit, Math.round(v / unit) * unit);
  }

  private static String oneOf(Random rnd, List<String> values) {
    return values.get(rnd.nextInt(values.size()));
  }

  /** Picks one item; {@code weights} follow the items' order (null: uniform). */
  static <T> T pick(Random rnd, List<T> items, double[] weights) {
    if (weights == null) return items.get(rnd.nextInt(items.size()));
    double total = 0;
    for (int i = 0; i < items.size(); i++) total += i < weights.length ? weights[i] : 0;
    double x = rnd.nextDouble() * total;
    for (int i = 0; i < items.size(); i++) {
      x -= i < weights.length ? weights[i] : 0;
      if (x < 0) return items.get(i);
    }
    return items.get(items.size() - 1);
  }

  private static String weightedKey(Random rnd, Map<String, Double> weights) {
    List<String> keys = weights.keySet().stream().sorted().toList();
    double[] w = keys.stream().mapToDouble(weights::get).toArray();
    return pick(rnd, keys, w);
  }

  /** {@code k} distinct items drawn by weight, in the items' order. */
  private static List<String> sample(Random rnd, List<String> items, int k, double[] weights) {
    Set<String> chosen = new LinkedHashSet<>();
    int guard = 0;
    while (chosen.size() < Math.min(k, items.size()) && guard++ < 1000)
      chosen.add(pick(rnd, items, weights));
    return items.stream().filter(chosen::contains).toList();
  }
}
