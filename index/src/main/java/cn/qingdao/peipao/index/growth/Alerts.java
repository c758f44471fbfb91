package cn.qingdao.peipao.index.growth;

import cn.qingdao.peipao.core.growth.Severity;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.Numbers;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.recommend.Recommender;
import cn.qingdao.peipao.index.store.GrowthStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists risk alerts, each with the mentors best placed to act: the project's top mentor
 * recommendations among those offering a team the alert calls for, so an officer can act in one
 * step.
 */
public final class Alerts {
  /** Mentors suggested per alert. */
  public static final int MENTORS = 3;

  private final Catalog catalog;
  private final Recommender recommender;

  public Alerts(Catalog catalog, Recommender recommender) {
    this.catalog = catalog;
    this.recommender = recommender;
  }

  /** A page of alerts and how many match in all. */
  public record Page(long total, List<AlertView> items) {}

  /** Alerts of existing projects, worst first, then by project id. */
  public Page list(
      List<String> districts,
      List<String> cities,
      List<String> sectors,
      Severity min,
      int offset,
      int limit) {
    GrowthStore.Page page =
        catalog
            .growth()
            .alerts(
                new GrowthStore.AlertQuery(
                    districts, cities, sectors, min.ordinal(), offset, limit));
    List<AlertView> items = new ArrayList<>();
    for (GrowthStore.StoredAlert a : page.items()) items.add(withMentors(a.json()));
    return new Page(page.total(), items);
  }

  /** The alert of one project, if it has one. */
  public Optional<AlertView> of(String projectId) {
    if (catalog.get(EntityType.PROJECTS, projectId).isEmpty())
      throw new EntityNotFoundException(EntityType.PROJECTS, projectId);
    return catalog.growth().alert(projectId).map(a -> withMentors(a.json()));
  }

  private AlertView withMentors(String json) {
    AlertView alert = Json.mapper().convertValue(Json.parse(json), AlertView.class);
    Entity project = catalog.entity(EntityType.PROJECTS, alert.projectId()).orElseThrow();
    var filters = new RequestFilters(List.of(), List.of(), List.of(), List.of(), alert.teams());
    List<AlertView.MentorToCall> mentors = new ArrayList<>();
    for (Match m :
        recommender
            .recommend(new Recommender.Request(project, EntityType.MENTORS, MENTORS, filters, null))
            .items()) {
      mentors.add(
          new AlertView.MentorToCall(
              m.id(), m.entity().name(), Numbers.round4(m.score()), m.reasons()));
    }
    return alert.shown(project.name(), mentors);
  }
}
