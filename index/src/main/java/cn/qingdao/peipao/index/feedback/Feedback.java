package cn.qingdao.peipao.index.feedback;

import cn.qingdao.peipao.core.allocation.Slots;
import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.feedback.FeedbackEvent;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.store.Assignment;
import cn.qingdao.peipao.index.store.AssignmentStore;
import cn.qingdao.peipao.index.store.FeedbackStore;
import cn.qingdao.peipao.index.store.StoredEntity;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Records what users did with recommendations. An {@code accept} between a project and a mentor or
 * park makes them an assignment (when the counterpart has a free slot and they are not paired
 * already), in the same transaction as the event; rejected pairs are kept out of the subject's
 * later recommendations.
 */
public final class Feedback {
  private final Catalog catalog;
  private final SecureRandom random = new SecureRandom();

  public Feedback(Catalog catalog) {
    this.catalog = catalog;
  }

  /** A recorded event, and the assignment an accept made (or why it made none). */
  public record Recorded(
      long id, Instant at, FeedbackEvent event, Assignment assignment, String note) {}

  /**
   * Records an event.
   *
   * @throws EntityNotFoundException when the subject or the target does not exist
   */
  public Recorded record(FeedbackEvent e, String actor) {
    StoredEntity subject =
        catalog
            .get(e.subjectType(), e.subjectId())
            .orElseThrow(() -> new EntityNotFoundException(e.subjectType(), e.subjectId()));
    StoredEntity target =
        catalog
            .get(e.targetType(), e.targetId())
            .orElseThrow(() -> new EntityNotFoundException(e.targetType(), e.targetId()));
    Instant now = catalog.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    return catalog.writeLogged(
        tx -> {
          long id = FeedbackStore.insert(tx, e, actor, now);
          if (e.action() != FeedbackAction.ACCEPT) return new Recorded(id, now, e, null, null);
          StoredEntity project = e.subjectType() == EntityType.PROJECTS ? subject : target;
          StoredEntity counterpart = project == subject ? target : subject;
          if (project.type() != EntityType.PROJECTS
              || (counterpart.type() != EntityType.MENTORS
                  && counterpart.type() != EntityType.PARKS))
            return new Recorded(id, now, e, null, "recorded as an accepted relation");
          boolean paired =
              AssignmentStore.paired(tx, project.id(), counterpart.type(), counterpart.id());
          if (paired) return new Recorded(id, now, e, null, "已建立陪跑关系");
          Entity c = catalog.reader().read(counterpart.type(), Json.parse(counterpart.json()));
          int load = AssignmentStore.load(tx, counterpart.type(), counterpart.id());
          if (Slots.free(c, load) == 0) return new Recorded(id, now, e, null, "名额已满：未建立陪跑关系");
          Assignment a =
              new Assignment(
                  newId(),
                  project.id(),
                  counterpart.type(),
                  counterpart.id(),
                  null,
                  null,
                  now,
                  actor,
                  null,
                  null);
          AssignmentStore.insert(tx, a);
          return new Recorded(id, now, e, a, null);
        });
  }

  /** Events matching the query, newest first. */
  public List<FeedbackStore.Stored> list(FeedbackStore.Query query) {
    return catalog.feedback().list(query);
  }

  /** Event counts per recorded profile and action. */
  public java.util.Map<String, java.util.Map<String, Long>> countsByProfile() {
    return catalog.feedback().countsByProfile();
  }

  /**
   * The existing relations of a subject with targets of a type: target id → {@code assigned} (an
   * active assignment) or {@code accepted} (an accept not rejected since).
   */
  public java.util.Map<String, String> relations(
      EntityType subjectType, String subjectId, EntityType targetType) {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    for (String id : catalog.feedback().accepted(subjectType, subjectId, targetType))
      out.put(id, "accepted");
    boolean projectSide = subjectType == EntityType.PROJECTS;
    EntityType other = projectSide ? targetType : subjectType;
    if (other == EntityType.MENTORS || other == EntityType.PARKS) {
      EntityType listed = projectSide ? EntityType.PROJECTS : subjectType;
      for (Assignment a : catalog.assignments().assignmentsOf(listed, subjectId, true)) {
        if (a.counterpartType() != other) continue;
        out.put(projectSide ? a.counterpartId() : a.projectId(), "assigned");
      }
    }
    return out;
  }

  /** The targets the subject rejected (and has not accepted since). */
  public Set<String> rejected(EntityType subjectType, String subjectId, EntityType targetType) {
    return catalog.feedback().rejected(subjectType, subjectId, targetType);
  }

  private String newId() {
    byte[] b = new byte[6];
    random.nextBytes(b);
    return "asg-" + HexFormat.of().formatHex(b);
  }
}
