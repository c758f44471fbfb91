package cn.qingdao.peipao.api;

import cn.qingdao.peipao.core.growth.RiskAnalyzer;
import cn.qingdao.peipao.core.growth.RiskParams;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.allocate.Allocations;
import cn.qingdao.peipao.index.allocate.CohortScorer;
import cn.qingdao.peipao.index.feedback.Feedback;
import cn.qingdao.peipao.index.growth.Alerts;
import cn.qingdao.peipao.index.growth.GrowthFiles;
import cn.qingdao.peipao.index.growth.SecondIncubation;
import cn.qingdao.peipao.index.recommend.PolicyMatcher;
import cn.qingdao.peipao.index.recommend.Recommender;
import cn.qingdao.peipao.index.recommend.StoreRelations;
import cn.qingdao.peipao.index.spaces.Bookings;
import cn.qingdao.peipao.index.spaces.MoveIns;
import cn.qingdao.peipao.index.spaces.Spaces;
import cn.qingdao.peipao.index.tickets.Ledger;
import cn.qingdao.peipao.index.tickets.Outreach;
import cn.qingdao.peipao.index.tickets.ServiceLog;
import cn.qingdao.peipao.index.tickets.TicketSla;
import cn.qingdao.peipao.index.tickets.Tickets;
import java.time.Clock;

/** The services the HTTP layer delegates to, built once per data directory. */
public record Services(
    Catalog catalog,
    Taxonomy taxonomy,
    Recommender recommender,
    ScoringProfiles profiles,
    PolicyMatcher policies,
    Allocations allocations,
    GrowthFiles growth,
    Alerts alerts,
    Feedback feedback,
    SecondIncubation secondIncubation,
    Tickets tickets,
    ServiceLog serviceLog,
    Ledger ledger,
    Outreach outreach,
    Spaces spaces,
    Bookings bookings,
    MoveIns moveIns,
    StoreRelations relations,
    Clock clock) {
  /** How old a relation model may be before it is rebuilt in the background. */
  static final java.time.Duration RELATIONS_MAX_AGE = java.time.Duration.ofSeconds(10);

  /** Services over {@code catalog} with the given scoring profiles and clock, default SLA. */
  public static Services of(
      Catalog catalog, Taxonomy taxonomy, ScoringProfiles profiles, Clock clock) {
    return of(catalog, taxonomy, profiles, clock, TicketSla.defaults(taxonomy));
  }

  /** Services over {@code catalog} with the given scoring profiles, clock and ticket SLA. */
  public static Services of(
      Catalog catalog, Taxonomy taxonomy, ScoringProfiles profiles, Clock clock, TicketSla sla) {
    Recommender recommender = new Recommender(catalog.index(), catalog.reader(), profiles, clock);
    // what people did counts within RELATIONS_MAX_AGE, whichever node recorded it
    StoreRelations relations =
        new StoreRelations(catalog.relations(), recommender.ranking(), RELATIONS_MAX_AGE);
    recommender.ranking().useRelations(relations);
    Spaces spaces = new Spaces(catalog);
    return new Services(
        catalog,
        taxonomy,
        recommender,
        profiles,
        new PolicyMatcher(
            recommender, () -> catalog.assignments().activeByProject(EntityType.PARKS).keySet()),
        new Allocations(catalog, new CohortScorer(recommender)),
        new GrowthFiles(catalog, new RiskAnalyzer(RiskParams.defaults()), sla),
        new Alerts(catalog, recommender),
        new Feedback(catalog, new CohortScorer(recommender)),
        new SecondIncubation(catalog),
        new Tickets(catalog, taxonomy, recommender, sla),
        new ServiceLog(catalog),
        new Ledger(catalog, taxonomy),
        new Outreach(catalog),
        spaces,
        new Bookings(spaces),
        new MoveIns(spaces),
        relations,
        clock);
  }

  /** Services with the shipped scoring profiles and the system clock. */
  public static Services of(Catalog catalog, Taxonomy taxonomy) {
    return of(catalog, taxonomy, ScoringProfiles.defaults(), Clock.systemUTC());
  }
}
