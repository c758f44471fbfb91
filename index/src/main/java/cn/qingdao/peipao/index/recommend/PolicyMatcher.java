package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.eligibility.AsOf;
import cn.qingdao.peipao.core.eligibility.Assessment;
import cn.qingdao.peipao.core.eligibility.Eligibility;
import cn.qingdao.peipao.core.eligibility.PolicyRules;
import cn.qingdao.peipao.core.eligibility.ProfileFacts;
import cn.qingdao.peipao.core.eligibility.Verdict;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.index.search.EntityDocuments;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Policies matched through the eligibility engine over the indexed entities: the policy calculator
 * (one profile, every open founder policy), policy → people (one policy, every active project) and
 * project → policies recommendations (eligible policies ranked by the recommender, then partial
 * ones). Reads the compiled rules and encoded profiles of the segment cache, so a written policy or
 * project counts from the next request on.
 */
public final class PolicyMatcher {
  /** Largest {@code offset + limit} of a policy → people page. */
  public static final int MAX_WINDOW = 10_000;

  private final Recommender recommender;
  private final Eligibility eligibility;
  private final Supplier<Set<String>> parked;

  /** Policies matched on {@code recommender}'s ranking context; no project counts as in a park. */
  public PolicyMatcher(Recommender recommender) {
    this(recommender, Set::of);
  }

  /**
   * As above, where {@code parked} gives the ids of the projects with an active park assignment: a
   * project that does not state {@code inPark} is then in a park (园区企业), read per request.
   */
  public PolicyMatcher(Recommender recommender, Supplier<Set<String>> parked) {
    this.recommender = recommender;
    this.eligibility = recommender.ranking().eligibility;
    this.parked = parked;
  }

  /**
   * {@code p} with {@code inPark} derived when it does not state it: true when it has an active
   * park assignment (else still unknown). O(1) after one read of the assignments.
   */
  public Project withDerivedInPark(Project p) {
    // the assignments are read only for a stored project that does not say
    return p.inPark() != null || p.id() == null ? p : withDerivedInPark(p, parked.get());
  }

  private static Project withDerivedInPark(Project p, Set<String> parkedIds) {
    return p.inPark() == null && p.id() != null && parkedIds.contains(p.id())
        ? p.withInPark(true)
        : p;
  }

  /** The engine this matcher uses (for profiles that are not stored). */
  public Eligibility eligibility() {
    return eligibility;
  }

  /** The calculator: every policy open to founders on {@code day}, judged for {@code profile}. */
  public List<Assessment> calculate(Project profile, LocalDate day) {
    return eligibility.calculate(openFounderPolicies(day), withDerivedInPark(profile), day);
  }

  /** The compiled rules of every policy open to founders on {@code day}; O(policies). */
  public List<PolicyRules> openFounderPolicies(LocalDate day) {
    Query q = HardConstraintQueries.openFounderPolicies(day.toEpochDay());
    List<PolicyRules> out = new ArrayList<>();
    scan(q, (segment, doc) -> out.add(segment.rules()[doc]));
    out.sort(Comparator.comparing(r -> r.policy().id()));
    return out;
  }

  /** One project of a policy's audience, with its verdict and what it lacks. */
  public record Person(Project project, Assessment assessment) {}

  /**
   * The people of one policy: counts of eligible and partial active projects, and the requested
   * page of them in order (eligible first, then fewest missing conditions, then id).
   */
  public record Audience(Policy policy, long eligible, long partial, List<Person> items) {}

  /**
   * Policy → people: every active project judged against {@code policy} as of {@code day}; O(active
   * projects × conditions), with explanations built only for the returned page.
   *
   * @param verdicts the verdicts to list ({@code eligible}, {@code partial}; not {@code
   *     ineligible})
   * @param districts only projects in these districts (empty: all)
   * @param cities only projects in these cities (adcodes; empty: all)
   */
  public Audience audience(
      Policy policy,
      LocalDate day,
      Set<Verdict> verdicts,
      Collection<String> districts,
      Collection<String> cities,
      int offset,
      int limit) {
    if (offset < 0 || limit < 1 || offset + limit > MAX_WINDOW)
      throw new IllegalArgumentException(
          "offset + limit must be at most " + MAX_WINDOW + " (offset ≥ 0, limit ≥ 1)");
    if (verdicts.contains(Verdict.INELIGIBLE))
      throw new IllegalArgumentException(
          "policy → people lists eligible and partial projects only");
    PolicyRules rules = eligibility.compile(policy);
    AsOf at = AsOf.of(day);
    BooleanQuery.Builder q =
        new BooleanQuery.Builder()
            .add(
                new TermQuery(new Term(EntityDocuments.TYPE, EntityType.PROJECTS.path())),
                Occur.FILTER)
            .add(new TermQuery(new Term(EntityDocuments.STATUS, "active")), Occur.FILTER);
    if (!districts.isEmpty())
      q.add(
          new TermInSetQuery(
              EntityDocuments.DISTRICT, districts.stream().map(BytesRef::new).toList()),
          Occur.FILTER);
    if (!cities.isEmpty())
      q.add(
          new TermInSetQuery(EntityDocuments.CITY, cities.stream().map(BytesRef::new).toList()),
          Occur.FILTER);
    int window = offset + limit;
    // Keep the best `window` by (verdict, missing, id); the head is the worst kept.
    Comparator<Candidate> order =
        Comparator.comparing((Candidate c) -> c.verdict)
            .thenComparingInt(c -> c.missing)
            .thenComparing(c -> c.facts.project().id());
    PriorityQueue<Candidate> best = new PriorityQueue<>(order.reversed());
    long[] counts = new long[Verdict.values().length];
    Set<String> parkedIds = parked.get();
    scan(
        q.build(),
        (segment, doc) -> {
          ProfileFacts cached = segment.facts()[doc];
          Project derived = withDerivedInPark(cached.project(), parkedIds);
          ProfileFacts f = derived == cached.project() ? cached : eligibility.facts(derived);
          Verdict v = rules.verdict(f, at);
          counts[v.ordinal()]++;
          if (!verdicts.contains(v)) return;
          int missing = v == Verdict.ELIGIBLE ? 0 : rules.missing(f, at);
          Candidate c = new Candidate(v, missing, f);
          if (best.size() < window) best.add(c);
          else if (order.compare(c, best.peek()) < 0) {
            best.poll();
            best.add(c);
          }
        });
    List<Candidate> sorted = new ArrayList<>(best);
    sorted.sort(order);
    List<Person> page = new ArrayList<>();
    for (int i = offset; i < sorted.size(); i++) {
      ProfileFacts f = sorted.get(i).facts;
      page.add(new Person(f.project(), rules.assess(f, at)));
    }
    return new Audience(
        policy, counts[Verdict.ELIGIBLE.ordinal()], counts[Verdict.PARTIAL.ordinal()], page);
  }

  private record Candidate(Verdict verdict, int missing, ProfileFacts facts) {}

  /** Project → policies, with each policy's assessment by id. */
  public record Ranked(Recommendation recommendation, Map<String, Assessment> assessments) {}

  /**
   * Project → policies: the eligible policies ranked by the recommender, then, when {@code
   * includePartial}, the partial ones after them; {@code total} counts both groups listed.
   */
  public Ranked recommend(
      Project project, int limit, RequestFilters filters, String profile, boolean includePartial) {
    return recommend(project, limit, filters, profile, includePartial, Set.of());
  }

  /** As above, never recommending the policies in {@code exclude}. */
  public Ranked recommend(
      Project project,
      int limit,
      RequestFilters filters,
      String profile,
      boolean includePartial,
      Set<String> exclude) {
    LocalDate day = recommender.ranking().today();
    List<Assessment> all = calculate(project, day);
    Map<String, Assessment> byId = new HashMap<>();
    Set<String> eligible = new HashSet<>();
    Set<String> partial = new HashSet<>();
    for (Assessment a : all) {
      byId.put(a.policy().id(), a);
      if (exclude.contains(a.policy().id())) continue;
      if (a.verdict() == Verdict.ELIGIBLE) eligible.add(a.policy().id());
      if (a.verdict() == Verdict.PARTIAL) partial.add(a.policy().id());
    }
    Recommendation first =
        recommender.recommend(
            new Recommender.Request(
                project, EntityType.POLICIES, limit, filters, profile, eligible));
    List<Match> items = new ArrayList<>(first.items());
    long total = first.total();
    long textScored = first.textScored();
    if (includePartial) {
      Recommendation second =
          recommender.recommend(
              new Recommender.Request(
                  project, EntityType.POLICIES, limit, filters, profile, partial));
      for (Match m : second.items()) if (items.size() < limit) items.add(m);
      total += second.total();
      textScored += second.textScored();
    }
    return new Ranked(
        new Recommendation(
            first.direction(),
            project.id(),
            first.profile(),
            List.copyOf(items),
            total,
            textScored),
        byId);
  }

  private interface Visitor {
    void visit(Segment segment, int doc);
  }

  /** Visits the live documents matching {@code q} with their cached segment data. */
  private void scan(Query q, Visitor visitor) {
    Ranking ranking = recommender.ranking();
    ranking.index.withSearcher(
        searcher -> {
          Hits.forEach(
              searcher, q, ranking.cache, (leaf, segment) -> doc -> visitor.visit(segment, doc));
          return null;
        });
  }
}
