package cn.qingdao.peipao.index.allocate;

import cn.qingdao.peipao.core.allocation.Allocation;
import cn.qingdao.peipao.core.allocation.AllocationProblem;
import cn.qingdao.peipao.core.allocation.Allocator;
import cn.qingdao.peipao.core.allocation.BlockingPairs;
import cn.qingdao.peipao.core.allocation.Slots;
import cn.qingdao.peipao.core.json.FieldError;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.Numbers;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.HardConstraint;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.store.Assignment;
import cn.qingdao.peipao.index.store.AssignmentStore;
import cn.qingdao.peipao.index.store.StoredAllocation;
import cn.qingdao.peipao.index.store.StoredEntity;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Drafts, stores and publishes cohort allocations, and keeps the assignments they create. A draft
 * records the free slots it assumed; publishing checks them again inside the transaction that
 * writes the assignments, so a draft computed on capacities that changed since is refused.
 */
public final class Allocations {
  private final Catalog catalog;
  private final CohortScorer scorer;
  private final Explainer explainer;
  private final SecureRandom random = new SecureRandom();

  public Allocations(Catalog catalog, CohortScorer scorer) {
    this.catalog = catalog;
    this.scorer = scorer;
    this.explainer = new Explainer(catalog.reader().taxonomy());
  }

  /**
   * Allocates the cohort and stores the draft.
   *
   * @throws ValidationException naming each project id that does not exist
   * @throws IllegalArgumentException for an unknown scoring profile
   */
  public AllocationResult draft(AllocationRequest request, String actor) {
    long start = System.nanoTime();
    EntityType type = request.counterpart();
    List<FieldError> errors = new ArrayList<>();
    List<Project> projects = new ArrayList<>();
    List<String> ids = request.projectIds();
    for (int i = 0; i < ids.size(); i++) {
      Optional<Entity> e = catalog.entity(EntityType.PROJECTS, ids.get(i));
      if (e.isEmpty())
        errors.add(new FieldError("projects[" + i + "]", "unknown project '" + ids.get(i) + "'"));
      else projects.add((Project) e.get());
    }
    if (!errors.isEmpty()) throw new ValidationException(errors);
    projects.sort(Comparator.comparing(Project::id));

    Map<String, Assignment> active = catalog.assignments().activeByProject(type);
    List<AllocationResult.Existing> existing = new ArrayList<>();
    List<Project> cohort = new ArrayList<>();
    for (Project p : projects) {
      Assignment a = active.get(p.id());
      if (a == null) cohort.add(p);
      else existing.add(new AllocationResult.Existing(p.id(), a.counterpartId(), a.id()));
    }

    CohortScores scores = scorer.score(cohort, type, request.profile());
    AllocationProblem problem = scores.problem(request.minScore());
    Allocation allocation = Allocator.of(request.mode()).allocate(problem);

    List<AllocationResult.Placed> placed = new ArrayList<>();
    List<AllocationResult.Unplaced> unplaced = new ArrayList<>();
    Map<String, Integer> load = new TreeMap<>();
    double total = 0;
    for (int p = 0; p < cohort.size(); p++) {
      Project project = cohort.get(p);
      int j = allocation.counterpartOf(p);
      if (j < 0) {
        unplaced.add(explainer.unplaced(scores, problem, allocation, p, request));
        continue;
      }
      Match match = scores.match(p, j);
      Entity counterpart = scores.counterparts().get(j);
      total += match.score();
      load.merge(counterpart.id(), 1, Integer::sum);
      placed.add(
          new AllocationResult.Placed(
              project.id(),
              project.name(),
              counterpart.id(),
              counterpart.name(),
              round(match.score()),
              match.components(),
              match.reasons(),
              null));
    }
    Map<String, Integer> basis = new TreeMap<>();
    long freeSlots = 0;
    for (int j = 0; j < scores.counterparts().size(); j++) {
      basis.put(scores.counterparts().get(j).id(), scores.slots(j));
      freeSlots += Math.min(scores.slots(j), cohort.size());
    }
    int n = cohort.size();
    var stats =
        new AllocationResult.Stats(
            n,
            placed.size(),
            n == 0 ? 1.0 : round((double) placed.size() / n),
            placed.isEmpty() ? 0 : round(total / placed.size()),
            round(total),
            BlockingPairs.count(allocation),
            scores.counterparts().size(),
            freeSlots,
            load,
            Numbers.tookMs(start));
    Instant now = catalog.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    AllocationResult result =
        new AllocationResult(
            newId("alloc"),
            StoredAllocation.DRAFT,
            request.mode().code(),
            type.path(),
            scores.profile().name() + "@" + scores.profile().version(),
            request.minScore(),
            now,
            null,
            placed,
            unplaced,
            existing,
            stats);
    StoredAllocation stored =
        new StoredAllocation(
            result.id(),
            now,
            actor,
            type,
            result.mode(),
            StoredAllocation.DRAFT,
            basis,
            Json.write(result),
            null,
            null);
    catalog.writeLogged(
        tx -> {
          AssignmentStore.insert(tx, stored);
          return null;
        });
    return result;
  }

  /** One allocation in a list: what it is, when, and its statistics. */
  public record Summary(
      String id,
      String status,
      String mode,
      String counterpart,
      Instant createdAt,
      String createdBy,
      Instant publishedAt,
      String publishedBy,
      AllocationResult.Stats stats) {}

  /** A page of allocations, newest first, and how many match in all. */
  public record Page(long total, int offset, int limit, List<Summary> items) {}

  /**
   * Allocations with {@code status} ({@code draft}, {@code published}, null: any), newest first.
   */
  public Page list(String status, int offset, int limit) {
    var page = catalog.assignments().allocations(status, offset, limit);
    List<Summary> items = new ArrayList<>();
    for (StoredAllocation a : page.items()) items.add(summary(a, read(a.json())));
    return new Page(page.total(), offset, limit, items);
  }

  /**
   * As {@link #list(String, int, int)}, holding only the allocations whose whole cohort {@code
   * visible} accepts (an officer's region). O(all allocations with {@code status}): they are read
   * and filtered, as a cohort is not a column.
   */
  public Page list(String status, int offset, int limit, Predicate<String> visible) {
    var all = catalog.assignments().allocations(status, 0, Integer.MAX_VALUE);
    List<Summary> items = new ArrayList<>();
    long total = 0;
    for (StoredAllocation a : all.items()) {
      AllocationResult r = read(a.json());
      if (!cohort(r).stream().allMatch(visible)) continue;
      if (total++ < offset || items.size() >= limit) continue;
      items.add(summary(a, r));
    }
    return new Page(total, offset, limit, items);
  }

  private static Summary summary(StoredAllocation a, AllocationResult r) {
    return new Summary(
        a.id(),
        a.status(),
        a.mode(),
        a.counterpart().path(),
        a.createdAt(),
        a.createdBy(),
        a.publishedAt(),
        a.publishedBy(),
        r.stats());
  }

  /** The projects an allocation was made for: placed, left out and already assigned. */
  public static List<String> cohort(AllocationResult r) {
    List<String> out = new ArrayList<>();
    r.assignments().forEach(p -> out.add(p.projectId()));
    r.unassigned().forEach(p -> out.add(p.projectId()));
    r.alreadyAssigned().forEach(p -> out.add(p.projectId()));
    return out;
  }

  /** A stored allocation as last shown (draft or published). */
  public AllocationResult get(String id) {
    StoredAllocation a =
        catalog
            .assignments()
            .allocation(id)
            .orElseThrow(() -> new EntityNotFoundException("allocation", id));
    return read(a.json());
  }

  private static AllocationResult read(String json) {
    try {
      return Json.mapper().readValue(json, AllocationResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored allocation does not read back: " + e, e);
    }
  }

  /**
   * Publishes a draft: its assignments become active and take their counterparts' slots.
   *
   * @throws EntityNotFoundException when there is no such allocation
   * @throws EntityConflictException when it was published already, or is stale: free slots changed,
   *     a counterpart or project is gone, or a project got an assignment of this kind meanwhile
   */
  public AllocationResult publish(String id, String actor) {
    return catalog.writeLogged(
        tx -> {
          StoredAllocation a =
              AssignmentStore.allocation(tx, id)
                  .orElseThrow(() -> new EntityNotFoundException("allocation", id));
          if (!StoredAllocation.DRAFT.equals(a.status()))
            throw new EntityConflictException(
                "allocation '" + id + "' was already published at " + a.publishedAt());
          EntityType type = a.counterpart();
          AllocationResult draft = read(a.json());
          Map<String, Integer> loads = AssignmentStore.loads(tx, type);
          // the draft recorded free slots capped at its cohort size (more cannot matter to it), so
          // they are compared capped the same way: a change above the cap does not stale it
          int cap = draft.stats().projects();
          List<String> changed = new ArrayList<>();
          for (Map.Entry<String, Integer> b : new TreeMap<>(a.basis()).entrySet()) {
            Optional<StoredEntity> row = tx.get(type, b.getKey());
            if (row.isEmpty()) {
              changed.add(b.getKey() + " was deleted");
              continue;
            }
            Entity e = catalog.reader().read(type, row.get().tree());
            int now = Math.min(cap, Slots.free(e, loads.getOrDefault(b.getKey(), 0)));
            if (now != Math.min(cap, b.getValue()))
              changed.add(b.getKey() + " free slots " + slots(b.getValue()) + " → " + slots(now));
          }
          Map<String, Assignment> active = AssignmentStore.activeByProject(tx, type);
          for (AllocationResult.Placed p : draft.assignments()) {
            Optional<StoredEntity> projectRow = tx.get(EntityType.PROJECTS, p.projectId());
            Optional<StoredEntity> counterpartRow = tx.get(type, p.counterpartId());
            HardConstraint now =
                projectRow.isEmpty() || counterpartRow.isEmpty()
                    ? null
                    : scorer.obstacleNow(
                        (Project)
                            catalog.reader().read(EntityType.PROJECTS, projectRow.get().tree()),
                        catalog.reader().read(type, counterpartRow.get().tree()));
            if (projectRow.isEmpty()) changed.add("project " + p.projectId() + " was deleted");
            else if (now != null)
              // the pair no longer passes a hard constraint (status, consent, service area)
              changed.add(
                  "project " + p.projectId() + " and " + p.counterpartId() + ": " + now.label());
            else if (active.containsKey(p.projectId()))
              changed.add(
                  "project "
                      + p.projectId()
                      + " was assigned to "
                      + active.get(p.projectId()).counterpartId());
          }
          if (!changed.isEmpty())
            throw new EntityConflictException(
                "allocation '"
                    + id
                    + "' is stale ("
                    + String.join("; ", changed.stream().limit(5).toList())
                    + (changed.size() > 5 ? "; and " + (changed.size() - 5) + " more" : "")
                    + "); draft it again");
          Instant now = catalog.clock().instant().truncatedTo(ChronoUnit.MILLIS);
          List<AllocationResult.Placed> withIds = new ArrayList<>();
          for (AllocationResult.Placed p : draft.assignments()) {
            Assignment as =
                new Assignment(
                    newId("asg"),
                    p.projectId(),
                    type,
                    p.counterpartId(),
                    id,
                    p.score(),
                    now,
                    actor,
                    null,
                    null);
            AssignmentStore.insert(tx, as);
            withIds.add(
                new AllocationResult.Placed(
                    p.projectId(),
                    p.projectName(),
                    p.counterpartId(),
                    p.counterpartName(),
                    p.score(),
                    p.components(),
                    p.reasons(),
                    as.id()));
          }
          AllocationResult published = draft.published(now, withIds);
          AssignmentStore.markPublished(tx, id, Json.write(published), actor, now);
          return published;
        });
  }

  private static String slots(int n) {
    return n == Slots.UNLIMITED ? "unlimited" : Integer.toString(n);
  }

  /** Assignments of a project, mentor or park, newest first. */
  public List<Assignment> assignmentsOf(EntityType type, String id, boolean activeOnly) {
    if (catalog.get(type, id).isEmpty()) throw new EntityNotFoundException(type, id);
    return catalog.assignments().assignmentsOf(type, id, activeOnly);
  }

  /**
   * Ends an active assignment: the counterpart's slot is free again for later recommendations and
   * allocations.
   *
   * @throws EntityNotFoundException when there is no such assignment
   * @throws EntityConflictException when it has ended already
   */
  public Assignment end(String assignmentId, String actor) {
    return catalog.writeLogged(
        tx -> {
          Assignment a =
              AssignmentStore.assignment(tx, assignmentId)
                  .orElseThrow(() -> new EntityNotFoundException("assignment", assignmentId));
          if (!a.active())
            throw new EntityConflictException(
                "assignment '" + assignmentId + "' already ended at " + a.endedAt());
          Instant now = catalog.clock().instant().truncatedTo(ChronoUnit.MILLIS);
          AssignmentStore.end(tx, a, actor, now);
          // a tenant that leaves frees its spaces, and the park's free area with them
          if (a.counterpartType() == EntityType.PARKS)
            new cn.qingdao.peipao.index.spaces.Spaces(catalog)
                .releaseTenant(tx, a.counterpartId(), a.projectId(), actor);
          return AssignmentStore.assignment(tx, assignmentId).orElseThrow();
        });
  }

  private String newId(String prefix) {
    byte[] b = new byte[6];
    random.nextBytes(b);
    return prefix + "-" + HexFormat.of().formatHex(b);
  }

  static double round(double v) {
    return Numbers.round4(v);
  }
}
