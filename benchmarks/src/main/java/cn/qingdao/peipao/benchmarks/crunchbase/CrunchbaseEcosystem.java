package cn.qingdao.peipao.benchmarks.crunchbase;

import cn.qingdao.peipao.benchmarks.crunchbase.CrunchbaseFiles.Company;
import cn.qingdao.peipao.benchmarks.crunchbase.CrunchbaseFiles.Data;
import cn.qingdao.peipao.benchmarks.crunchbase.CrunchbaseFiles.Investment;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The Crunchbase export as an ecosystem of the service: a taxonomy (categories as sectors, US
 * states as districts, round types as stages), investors profiled from their investments before the
 * cutoff, and one test company per company with new investors after it, whose relevant answers are
 * those investors. Only training edges shape the profiles; the test companies' own rounds give just
 * what a founder states when asking (category, state, stage and amount of the round being raised).
 * Deterministic: ids follow sorted names.
 */
public final class CrunchbaseEcosystem {
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  /** Round type → stage; {@code venture} and {@code other} say nothing about the stage. */
  static final Map<String, String> STAGE_OF_ROUND =
      Map.of(
          "angel", "seed",
          "seed", "seed",
          "crowdfunding", "seed",
          "series-a", "early",
          "series-b", "growth",
          "series-c+", "expansion",
          "private-equity", "late",
          "post-ipo", "late");

  static final List<String> STAGES = List.of("seed", "early", "growth", "expansion", "late");

  /**
   * A held-out company: the profile it would ask with, the investors it then took, and those it had
   * taken before the cut-off (its own training edges; what a collaborative method starts from).
   */
  public record TestCompany(
      String name,
      boolean hasMetadata,
      ObjectNode profile,
      Set<String> relevant,
      Set<String> prior) {}

  private record State(String code, String fips, String name, double lat, double lon) {}

  private final CrunchbaseParams params;
  private final Data data;
  private final Map<String, State> states = readStates();
  private final Map<String, String> districtOfState = new HashMap<>();
  private final ObjectNode taxonomy = Json.mapper().createObjectNode();
  private final List<ObjectNode> investors = new ArrayList<>();
  private final Map<String, String> investorIds = new LinkedHashMap<>();
  private final Map<String, Integer> portfolioSizes = new HashMap<>();
  private final Map<String, Map<String, Integer>> byCategory = new HashMap<>();
  private final List<TestCompany> tests = new ArrayList<>();
  private final Set<String> sectorCodes = new TreeSet<>();
  private final Map<String, Set<String>> companiesOf = new HashMap<>();

  private CrunchbaseEcosystem(Data data, CrunchbaseParams params) {
    this.data = data;
    this.params = params;
  }

  /** Builds the ecosystem of {@code data} under {@code params}. O(edges · log edges). */
  public static CrunchbaseEcosystem build(Data data, CrunchbaseParams params) {
    CrunchbaseEcosystem e = new CrunchbaseEcosystem(data, params);
    List<Investment> train = new ArrayList<>();
    List<Investment> test = new ArrayList<>();
    for (Investment i : data.investments()) {
      if (i.date().isBefore(params.cutoff())) train.add(i);
      else if (params.testEnd() == null || i.date().isBefore(params.testEnd())) test.add(i);
    }
    e.buildTaxonomy(train);
    e.buildInvestors(train);
    e.buildTests(train, test);
    return e;
  }

  /**
   * The service's shipped profiles with the Crunchbase ones ({@code crunchbase/profiles.json})
   * replacing those of the same name and direction.
   */
  public static ScoringProfiles profiles() {
    return profiles(resource("/crunchbase/profiles.json"));
  }

  /** The shipped profiles with those of {@code extra} (a profiles document) replacing theirs. */
  public static ScoringProfiles profiles(JsonNode extra) {
    ObjectNode merged =
        (ObjectNode) resource("/cn/qingdao/peipao/core/scoring/default-profiles.json");
    Set<String> replaced = new HashSet<>();
    extra.get("profiles").forEach(p -> replaced.add(key(p)));
    ArrayNode out = Json.mapper().createArrayNode();
    merged
        .get("profiles")
        .forEach(
            p -> {
              if (!replaced.contains(key(p))) out.add(p);
            });
    extra.get("profiles").forEach(out::add);
    merged.set("profiles", out);
    return ScoringProfiles.read(merged);
  }

  private static String key(JsonNode profile) {
    return profile.path("direction").asText() + "/" + profile.path("name").asText();
  }

  private static JsonNode resource(String path) {
    try (InputStream in = CrunchbaseEcosystem.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("missing resource " + path);
      return Json.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The taxonomy document ({@code TaxonomyReader} reads it). */
  public ObjectNode taxonomy() {
    return taxonomy;
  }

  /** Investor entities, one per investor with a training edge, ids in name order. */
  public List<ObjectNode> investors() {
    return investors;
  }

  /** Investor name → id. */
  public Map<String, String> investorIds() {
    return investorIds;
  }

  /** Training investments per investor id (the popularity baseline). */
  /** The first day of the test period. */
  public java.time.LocalDate cutoff() {
    return params.cutoff();
  }

  /** Investor id → distinct companies it invested in during the year before the cut-off. */
  public Map<String, Integer> recentPortfolioSizes() {
    Map<String, Set<String>> companies = new HashMap<>();
    for (Investment i : data.investments()) {
      if (!i.date().isBefore(params.cutoff()) || i.date().isBefore(params.cutoff().minusYears(1)))
        continue;
      companies
          .computeIfAbsent(investorIds.get(i.investor()), k -> new HashSet<>())
          .add(i.company());
    }
    Map<String, Integer> out = new HashMap<>();
    companies.forEach((k, v) -> out.put(k, v.size()));
    return out;
  }

  public Map<String, Integer> portfolioSizes() {
    return portfolioSizes;
  }

  /** Training companies per category and investor id (the category-popularity baseline). */
  public Map<String, Map<String, Integer>> categoryPortfolios() {
    return byCategory;
  }

  /** Each known investor's training companies (by investor id): the co-investment graph. */
  public Map<String, Set<String>> trainingCompanies() {
    return companiesOf;
  }

  /**
   * The training edges as the collaborative component takes them: each company that took a known
   * investor before the cut-off, with a draft profile of what it states (category, state), and the
   * investor (and the stage of its latest round then). A held-out company's earlier edges carry its
   * test id, so that its own earlier investors are known to the model as a stored project's
   * relations are. O(edges).
   */
  public List<TrainingEdge> trainingEdges() {
    Map<String, String> testIdOf = new HashMap<>();
    for (TestCompany t : tests) testIdOf.put(t.name(), t.profile().get("id").asText());
    // before the cut-off: the stage of each company's latest round that states one, and the date
    // of each (company, investor) pair's latest investment
    Map<String, Investment> latest = new HashMap<>();
    Map<String, Investment> latestAmount = new HashMap<>();
    Map<String, java.time.LocalDate> when = new HashMap<>();
    for (Investment i : data.investments()) {
      if (!i.date().isBefore(params.cutoff())) continue;
      if (i.amountUsd() > 0)
        latestAmount.merge(i.company(), i, (a, b) -> b.date().isAfter(a.date()) ? b : a);
      if (stageOf(i.company(), i) != null)
        latest.merge(i.company(), i, (a, b) -> b.date().isAfter(a.date()) ? b : a);
      when.merge(
          i.company() + "\u0000" + investorIds.get(i.investor()),
          i.date(),
          (a, b) -> a.isAfter(b) ? a : b);
    }
    Map<String, ObjectNode> profiles = new HashMap<>();
    List<TrainingEdge> out = new ArrayList<>();
    for (var en : new TreeMap<>(companiesOf).entrySet())
      for (String company : new TreeSet<>(en.getValue())) {
        ObjectNode p =
            profiles.computeIfAbsent(
                company,
                k -> {
                  ObjectNode t = trainingProfile(k);
                  Investment last = latest.get(k);
                  if (last != null) t.put("stage", stageOf(k, last));
                  Investment raised = latestAmount.get(k);
                  if (raised != null) t.put("fundingNeed", raised.amountUsd());
                  return t;
                });
        out.add(
            new TrainingEdge(
                testIdOf.getOrDefault(company, "cb-t:" + company),
                p,
                en.getKey(),
                when.get(company + "\u0000" + en.getKey())));
      }
    return out;
  }

  /** A company of the training edges that went to {@code investorId}, as a draft profile. */
  public record TrainingEdge(
      String projectId, ObjectNode profile, String investorId, java.time.LocalDate at) {}

  private ObjectNode trainingProfile(String company) {
    ObjectNode p = Json.mapper().createObjectNode();
    p.put("name", clip(company, 200));
    Company c = data.companies().get(company);
    if (c != null) {
      if (sectorCodes.contains(c.category())) p.putArray("sectors").add(c.category());
      ObjectNode at = states.containsKey(c.state()) ? location(c.state()) : null;
      if (at != null) p.set("location", at);
    }
    return p;
  }

  /** The held-out companies, in name order. */
  public List<TestCompany> tests() {
    return tests;
  }

  private void buildTaxonomy(List<Investment> train) {
    taxonomy.put("version", "crunchbase2013-before-" + params.cutoff());
    Map<String, Set<String>> categoriesOf = new HashMap<>();
    Map<String, Integer> stateCount = new HashMap<>();
    Set<String> seenCompanies = new HashSet<>();
    for (Investment i : train) {
      Company c = data.companies().get(i.company());
      if (c == null) continue;
      if (CODE.matcher(c.category()).matches()) {
        sectorCodes.add(c.category());
        categoriesOf.computeIfAbsent(i.investor(), k -> new HashSet<>()).add(c.category());
      }
      if (seenCompanies.add(c.name()) && states.containsKey(c.state()))
        stateCount.merge(c.state(), 1, Integer::sum);
    }
    Map<String, Map<String, Double>> related = relatedSectors(categoriesOf.values());
    ArrayNode sectors = taxonomy.putArray("sectors");
    for (String code : sectorCodes) {
      ObjectNode s = sectors.addObject();
      s.put("code", code);
      s.put("name", code.replace('_', ' '));
      s.put("group", "crunchbase");
      ObjectNode r = s.putObject("related");
      related.getOrDefault(code, Map.of()).forEach(r::put);
    }
    ArrayNode stages = taxonomy.putArray("stages");
    for (String st : STAGES) stages.addObject().put("code", st).put("name", st);
    ArrayNode districts = taxonomy.putArray("districts");
    stateCount.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(params.districts())
        .forEach(
            en -> {
              State s = states.get(en.getKey());
              String code = "us_" + s.code().toLowerCase(Locale.ROOT);
              districtOfState.put(s.code(), code);
              districts
                  .addObject()
                  .put("code", code)
                  .put("adcode", s.fips() + "0000")
                  .put("name", s.name())
                  .put("lat", s.lat())
                  .put("lon", s.lon());
            });
    ArrayNode services = taxonomy.putArray("services");
    services.addObject().put("code", "capital").put("name", "equity").put("team", "investors");
    services.addObject().put("code", "finance").put("name", "debt").put("team", "lenders");
    services.addObject().put("code", "policy").put("name", "grants").put("team", "grants");
    taxonomy.putArray("founderGroups");
  }

  /**
   * For each category, the categories most often held by the same investors (cosine of the investor
   * sets), as affinities in (0, 0.9].
   */
  private Map<String, Map<String, Double>> relatedSectors(Collection<Set<String>> portfolios) {
    Map<String, Integer> n = new HashMap<>();
    Map<String, Integer> co = new HashMap<>();
    for (Set<String> p : portfolios) {
      List<String> cs = new ArrayList<>(new TreeSet<>(p));
      for (String a : cs) n.merge(a, 1, Integer::sum);
      for (int x = 0; x < cs.size(); x++)
        for (int y = x + 1; y < cs.size(); y++)
          co.merge(cs.get(x) + " " + cs.get(y), 1, Integer::sum);
    }
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (String a : sectorCodes) {
      List<Map.Entry<String, Double>> scored = new ArrayList<>();
      for (String b : sectorCodes) {
        if (a.equals(b)) continue;
        String key = a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
        int c = co.getOrDefault(key, 0);
        if (c == 0) continue;
        double cos = c / Math.sqrt((double) n.get(a) * n.get(b));
        if (cos >= params.minAffinity()) scored.add(Map.entry(b, Math.min(0.9, round2(cos))));
      }
      scored.sort(
          Map.Entry.<String, Double>comparingByValue()
              .reversed()
              .thenComparing(Map.Entry.comparingByKey()));
      Map<String, Double> top = new LinkedHashMap<>();
      for (var en : scored.subList(0, Math.min(params.relatedSectors(), scored.size())))
        if (en.getValue() > 0) top.put(en.getKey(), en.getValue());
      out.put(a, top);
    }
    return out;
  }

  private void buildInvestors(List<Investment> train) {
    Map<String, List<Investment>> byInvestor = new TreeMap<>();
    for (Investment i : train)
      byInvestor.computeIfAbsent(i.investor(), k -> new ArrayList<>()).add(i);
    int n = 0;
    for (var en : byInvestor.entrySet()) {
      String id = String.format("cb-i-%05d", ++n);
      investorIds.put(en.getKey(), id);
      List<Investment> deals = en.getValue();
      Set<String> companies = new HashSet<>();
      List<Company> meta = new ArrayList<>();
      Map<String, Integer> stageCount = new HashMap<>();
      List<Long> amounts = new ArrayList<>();
      for (Investment d : deals) {
        if (companies.add(d.company())) {
          Company c = data.companies().get(d.company());
          if (c != null) meta.add(c);
          if (c != null && sectorCodes.contains(c.category()))
            byCategory
                .computeIfAbsent(c.category(), k -> new HashMap<>())
                .merge(id, 1, Integer::sum);
        }
        String stage = stageOf(d.company(), d);
        if (stage != null) stageCount.merge(stage, 1, Integer::sum);
        if (d.amountUsd() > 0) amounts.add(d.amountUsd());
      }
      portfolioSizes.put(id, companies.size());
      ObjectNode o = Json.mapper().createObjectNode();
      o.put("id", id);
      o.put("name", clip(en.getKey(), 200));
      o.put(
          "description",
          String.join(", ", top(meta, Company::city, 10, 1.0))
              + "; "
              + String.join(", ", top(meta, Company::region, 10, 1.0)));
      o.put("kind", "vc");
      o.putArray("instruments").add("equity");
      ArrayNode sectors = o.putArray("sectors");
      top(meta, Company::category, params.maxSectors(), params.profileShare()).stream()
          .filter(sectorCodes::contains)
          .forEach(sectors::add);
      ArrayNode stages = o.putArray("stages");
      topCounts(stageCount, params.maxStages(), params.profileShare()).forEach(stages::add);
      if (!amounts.isEmpty()) {
        amounts.sort(null);
        o.put("ticketMin", percentile(amounts, params.ticketLow()));
        o.put("ticketMax", percentile(amounts, params.ticketHigh()));
      }
      List<String> home = top(meta, Company::state, 1, 0);
      ObjectNode at = home.isEmpty() ? null : location(home.get(0));
      if (at != null) o.set("location", at);
      o.put("portfolioSize", companies.size());
      investors.add(o);
    }
  }

  private void buildTests(List<Investment> train, List<Investment> test) {
    Set<String> trainPairs = new HashSet<>();
    Map<String, Set<String>> priorOf = new HashMap<>();
    for (Investment i : train) {
      trainPairs.add(i.company() + "\n" + i.investor());
      String id = investorIds.get(i.investor());
      if (id != null) priorOf.computeIfAbsent(i.company(), k -> new TreeSet<>()).add(id);
      if (id != null) companiesOf.computeIfAbsent(id, k -> new HashSet<>()).add(i.company());
    }
    Map<String, List<Investment>> byCompany = new TreeMap<>();
    for (Investment i : test) {
      if (!investorIds.containsKey(i.investor())) continue; // unknown investor: cannot be ranked
      if (trainPairs.contains(i.company() + "\n" + i.investor())) continue; // not a new pair
      byCompany.computeIfAbsent(i.company(), k -> new ArrayList<>()).add(i);
    }
    int n = 0;
    for (var en : byCompany.entrySet()) {
      List<Investment> edges = en.getValue();
      edges.sort(Comparator.comparing(Investment::date).thenComparing(Investment::investor));
      Investment first = edges.get(0);
      Company c = data.companies().get(en.getKey());
      ObjectNode p = Json.mapper().createObjectNode();
      p.put("id", String.format("cb-c-%05d", ++n));
      p.put("name", clip(en.getKey(), 200));
      if (c != null) {
        p.put("description", c.city() + ", " + c.region());
        if (sectorCodes.contains(c.category())) p.putArray("sectors").add(c.category());
        ObjectNode at = states.containsKey(c.state()) ? location(c.state()) : null;
        if (at != null) p.set("location", at);
      }
      String stage = stageOf(en.getKey(), first);
      if (stage != null) p.put("stage", stage);
      p.putArray("needs").add("capital");
      if (first.amountUsd() > 0) p.put("fundingNeed", first.amountUsd());
      p.putObject("consent").put("investors", true);
      Set<String> relevant = new LinkedHashSet<>();
      for (Investment i : edges) relevant.add(investorIds.get(i.investor()));
      tests.add(
          new TestCompany(
              en.getKey(), c != null, p, relevant, priorOf.getOrDefault(en.getKey(), Set.of())));
    }
  }

  private String stageOf(String company, Investment i) {
    String type = data.roundTypes().get(CrunchbaseFiles.roundKey(company, i.date()));
    return type == null ? null : STAGE_OF_ROUND.get(type);
  }

  /**
   * A state's location when it is one of the taxonomy's districts, else null: since places became
   * one checked hierarchy (issue 20) a location names a known district or city, and a scope mask
   * holds at most 31 districts, so the other states' entities carry no location (neutral).
   */
  private ObjectNode location(String stateCode) {
    State s = states.get(stateCode);
    String district = s == null ? null : districtOfState.get(s.code());
    if (district == null) return null;
    ObjectNode l = Json.mapper().createObjectNode();
    l.put("district", district);
    l.put("lat", s.lat());
    l.put("lon", s.lon());
    return l;
  }

  /** The most frequent non-blank values, until they cover {@code share} of all, at most max. */
  private static List<String> top(
      List<Company> companies, Function<Company, String> field, int max, double share) {
    Map<String, Integer> counts = new HashMap<>();
    for (Company c : companies) {
      String v = field.apply(c);
      if (!v.isBlank()) counts.merge(v, 1, Integer::sum);
    }
    return topCounts(counts, max, share);
  }

  private static List<String> topCounts(Map<String, Integer> counts, int max, double share) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    List<String> out = new ArrayList<>();
    int covered = 0;
    for (var en :
        counts.entrySet().stream()
            .sorted(
                Map.Entry.<String, Integer>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList()) {
      if (out.size() >= max || (!out.isEmpty() && covered >= share * total)) break;
      out.add(en.getKey());
      covered += en.getValue();
    }
    return out;
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static Map<String, State> readStates() {
    Map<String, State> out = new HashMap<>();
    try (InputStream in =
            CrunchbaseEcosystem.class.getResourceAsStream("/crunchbase/us-states.csv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      r.readLine();
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split(",");
        out.put(
            f[0], new State(f[0], f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
