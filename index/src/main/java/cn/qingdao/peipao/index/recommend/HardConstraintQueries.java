package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.eligibility.Eligibility;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Event;
import cn.qingdao.peipao.core.model.Investor;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Park;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.HardConstraints;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.search.EntityDocuments;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The hard constraints of {@link HardConstraints} (and the request filters) as Lucene filter
 * clauses: the one translation every path uses to narrow candidates before the exact bit tests. A
 * clause here may admit more than the bit tests (they run on every candidate after), never less.
 */
final class HardConstraintQueries {
  private HardConstraintQueries() {}

  /** Every document of one entity type. */
  static Query typeOnly(EntityType type) {
    return new TermQuery(new Term(EntityDocuments.TYPE, type.path()));
  }

  /** Policies open to founders on day {@code epochDay}: audience and validity. */
  static Query openFounderPolicies(long epochDay) {
    return new BooleanQuery.Builder()
        .add(typeOnly(EntityType.POLICIES), Occur.FILTER)
        .add(new TermQuery(new Term(EntityDocuments.AUDIENCE, Eligibility.FOUNDER)), Occur.FILTER)
        .add(
            LongPoint.newRangeQuery(EntityDocuments.VALID_FROM, Long.MIN_VALUE, epochDay),
            Occur.FILTER)
        .add(
            LongPoint.newRangeQuery(EntityDocuments.VALID_UNTIL, epochDay, Long.MAX_VALUE),
            Occur.FILTER)
        .build();
  }

  /** Every hard constraint between {@code s} and targets of {@code target}, and the filters. */
  static Query of(
      Entity s,
      Features subject,
      EntityType target,
      RequestFilters f,
      long epochDay,
      Taxonomy taxonomy) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(typeOnly(target), Occur.FILTER);
    // only a subject of the target's type could match itself; leaving the clause out otherwise
    // makes one query for every subject of a district, which HitCache then remembers
    if (s.type() == target)
      b.add(new TermQuery(EntityDocuments.uid(s.type(), s.id())), Occur.MUST_NOT);
    if (target == EntityType.PROJECTS) {
      boolean second = subject.secondIncubation && (s instanceof Mentor || s instanceof Park);
      b.add(
          terms(EntityDocuments.STATUS, second ? List.of("active", "failed") : List.of("active")),
          Occur.FILTER);
      List<String> consent =
          switch (s.type()) {
            case MENTORS -> List.of("mentors");
            case PARKS -> List.of("parks");
            // an event invites a project that lets anyone find it (HardConstraint.consents)
            case EVENTS -> List.of("mentors", "parks", "investors");
            default -> List.of("investors");
          };
      b.add(terms(EntityDocuments.CONSENT, consent), Occur.FILTER);
      List<String> scope = scopeOf(s);
      if (!scope.isEmpty())
        b.add(
            terms(
                EntityDocuments.DISTRICT,
                scope.stream().filter(c -> taxonomy.district(c).isPresent()).toList()),
            Occur.FILTER);
      if (s instanceof Mentor && subject.capacity <= 0)
        return new MatchNoDocsQuery("the mentor is at capacity");
      if (s instanceof Park && !HardConstraints.hasRoom(subject))
        return new MatchNoDocsQuery("the park has no room");
      if (s instanceof Event && !openOn(subject, epochDay))
        return new MatchNoDocsQuery("the event is not open for sign-up");
    } else {
      Project p = (Project) s;
      if (!"active".equals(p.status()) && target != EntityType.POLICIES) {
        if (!"failed".equals(p.status())
            || target == EntityType.INVESTORS
            || target == EntityType.EVENTS) {
          return new MatchNoDocsQuery("the project is not active");
        }
        b.add(new TermQuery(new Term(EntityDocuments.SECOND_INCUBATION, "yes")), Occur.FILTER);
      }
      List<String> here = new ArrayList<>(List.of(EntityDocuments.ANY));
      if (subject.district >= 0) here.add(p.location().district());
      if (target != EntityType.PARKS)
        b.add(terms(EntityDocuments.SCOPE, here), Occur.FILTER); // parks have no scope
      switch (target) {
        case MENTORS ->
            b.add(
                LongPoint.newRangeQuery(EntityDocuments.MENTOR_CAPACITY, 1, Long.MAX_VALUE),
                Occur.FILTER);
        case PARKS -> b.add(new TermQuery(new Term(EntityDocuments.ROOM, "yes")), Occur.FILTER);
        case POLICIES -> b.add(openFounderPolicies(epochDay), Occur.FILTER);
        case EVENTS -> {
          // seconds against the day's start: the same test as HardConstraints' by the day
          long dayStart = epochDay * 86_400L;
          b.add(new TermQuery(new Term(EntityDocuments.STATUS, "open")), Occur.FILTER);
          b.add(
              LongPoint.newRangeQuery(EntityDocuments.EVENT_START, dayStart, Long.MAX_VALUE),
              Occur.FILTER);
          b.add(
              LongPoint.newRangeQuery(EntityDocuments.EVENT_DEADLINE, dayStart, Long.MAX_VALUE),
              Occur.FILTER);
        }
        default -> {}
      }
    }
    if (!f.districts().isEmpty())
      b.add(terms(EntityDocuments.DISTRICT, f.districts()), Occur.FILTER);
    if (!f.cities().isEmpty()) b.add(terms(EntityDocuments.CITY, f.cities()), Occur.FILTER);
    if (!f.sectors().isEmpty()) b.add(terms(EntityDocuments.SECTOR, f.sectors()), Occur.FILTER);
    if (!f.stages().isEmpty()) b.add(terms(EntityDocuments.STAGE, f.stages()), Occur.FILTER);
    if (!f.kinds().isEmpty()) b.add(terms(EntityDocuments.KIND, f.kinds()), Occur.FILTER);
    if (!f.needs().isEmpty()) b.add(terms(EntityDocuments.NEED, f.needs()), Occur.FILTER);
    return b.build();
  }

  /** Whether an event takes sign-ups on {@code epochDay}, as {@link HardConstraints} judges it. */
  private static boolean openOn(Features event, long epochDay) {
    return event.active
        && HardConstraints.eventDay(event.eventStart) >= epochDay
        && HardConstraints.eventDay(event.eventDeadline) >= epochDay;
  }

  private static List<String> scopeOf(Entity e) {
    return switch (e) {
      case Mentor m -> m.serviceDistricts();
      case Investor i -> i.serviceDistricts();
      default -> List.of();
    };
  }

  static Query terms(String field, List<String> values) {
    return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
  }
}
