package cn.qingdao.peipao.index.feedback;

import cn.qingdao.peipao.core.allocation.Slots;
import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.feedback.FeedbackEvent;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.HardConstraint;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.allocate.CohortScorer;
import cn.qingdao.peipao.index.store.Assignment;
import cn.qingdao.peipao.index.store.AssignmentStore;
import cn.qingdao.peipao.index.store.FeedbackStore;
import cn.qingdao.peipao.index.store.StoredEntity;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records what users did with recommendations. An {@code accept} between a project and a mentor or
 * park makes them an assignment (when the counterpart has a free slot and they are not paired
 * already), in the same transaction as the event; rejected pairs are kept out of the subject's
 * later recommendations.
 */
public final class Feedback {
  private final Catalog catalog;
  private final CohortScorer rules;
  private final SecureRandom random = new SecureRandom();

  /** Null on a shared store, whose other nodes' writes this process does not see. */
  private final StandingCache standings;

  /** Feedback over {@code catalog}, checking pairs with the allocation's {@code rules}. */
  public Feedback(Catalog catalog, CohortScorer rules) {
    this.catalog = catalog;
    this.rules = rules;
    this.standings =
        catalog.storeConfig().shared() ? null : new StandingCache(catalog::localWrites);
  }

  /** A recorded event, and the assignment an accept made (or why it made none). */
  public record Recorded(
      long id, Instant at, FeedbackEvent event, Assignment assignment, String note) {}

  /**
   * Records an event. An {@code accept} between a project and a mentor or park makes an assignment
   * under exactly the rules an allocation applies: the pair passes every hard constraint (project
   * active, consent to the counterpart's kind, service area), the project has no active assignment
   * of that kind, and the counterpart has a free slot. When a rule fails the event is still
   * recorded (it is a signal for learning) and {@link Recorded#note()} says which rule. Who may
   * record what is the caller's decision (see the HTTP controller).
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
    StoredEntity project = e.subjectType() == EntityType.PROJECTS ? subject : target;
    StoredEntity counterpart = project == subject ? target : subject;
    boolean pairing =
        e.action() == FeedbackAction.ACCEPT
            && project.type() == EntityType.PROJECTS
            && (counterpart.type() == EntityType.MENTORS || counterpart.type() == EntityType.PARKS);
    Instant now = catalog.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    return catalog.writeLogged(
        tx -> {
          long id = FeedbackStore.insert(tx, e, actor, now);
          if (e.action() != FeedbackAction.ACCEPT) return new Recorded(id, now, e, null, null);
          if (!pairing) return new Recorded(id, now, e, null, "recorded as an accepted relation");
          if (AssignmentStore.paired(tx, project.id(), counterpart.type(), counterpart.id()))
            return new Recorded(id, now, e, null, "已建立陪跑关系");
          Optional<Assignment> other =
              AssignmentStore.activeOf(tx, project.id(), counterpart.type());
          if (other.isPresent())
            return new Recorded(
                id, now, e, null, "未建立陪跑关系：项目已由 " + other.get().counterpartId() + " 陪跑（每类同时一个）");
          // the rules are judged on the rows as they are now, read in this transaction under the
          // write lock — not on this node's index, which may not have another node's last write
          Optional<StoredEntity> p = tx.get(EntityType.PROJECTS, project.id());
          Optional<StoredEntity> cp = tx.get(counterpart.type(), counterpart.id());
          if (p.isEmpty() || cp.isEmpty())
            return new Recorded(id, now, e, null, "未建立陪跑关系：项目或对方已删除");
          Entity c = catalog.reader().read(counterpart.type(), cp.get().tree());
          HardConstraint obstacle =
              rules.obstacleNow(
                  (Project) catalog.reader().read(EntityType.PROJECTS, p.get().tree()), c);
          if (obstacle != null)
            return new Recorded(id, now, e, null, "未建立陪跑关系：" + obstacle.label());
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

  /** How many events match the query, its page aside. */
  public long count(FeedbackStore.Query query) {
    return catalog.feedback().count(query);
  }

  /** Event counts per recorded profile and action. */
  public Map<String, Map<String, Long>> countsByProfile() {
    return catalog.feedback().countsByProfile();
  }

  /**
   * What a subject already has with targets of a type: the targets it rejected (and has not
   * accepted since), and its relations, target id → {@code assigned} (an active assignment) or
   * {@code accepted} (an accept not rejected since). Two store reads.
   */
  public record Standing(Set<String> rejected, Map<String, String> relations) {}

  /**
   * See {@link Standing}. Remembered on the embedded store until the next write of this process
   * ({@link StandingCache}); read from the store otherwise.
   */
  public Standing standing(EntityType subjectType, String subjectId, EntityType targetType) {
    if (standings == null) return readStanding(subjectType, subjectId, targetType);
    return standings.get(
        subjectType, subjectId, targetType, () -> readStanding(subjectType, subjectId, targetType));
  }

  /** {@link #standing} read from the store, never remembered. */
  Standing readStanding(EntityType subjectType, String subjectId, EntityType targetType) {
    FeedbackStore.Decisions decisions =
        catalog.feedback().decisions(subjectType, subjectId, targetType);
    Map<String, String> out = new HashMap<>();
    for (String id : decisions.accepted()) out.put(id, "accepted");
    boolean projectSide = subjectType == EntityType.PROJECTS;
    EntityType other = projectSide ? targetType : subjectType;
    if (other == EntityType.MENTORS || other == EntityType.PARKS) {
      EntityType listed = projectSide ? EntityType.PROJECTS : subjectType;
      for (Assignment a : catalog.assignments().assignmentsOf(listed, subjectId, true)) {
        if (a.counterpartType() != other) continue;
        out.put(projectSide ? a.counterpartId() : a.projectId(), "assigned");
      }
    }
    // shared between requests by the cache: never changed after this
    return new Standing(Set.copyOf(decisions.rejected()), Map.copyOf(out));
  }

  private String newId() {
    byte[] b = new byte[6];
    random.nextBytes(b);
    return "asg-" + HexFormat.of().formatHex(b);
  }
}
