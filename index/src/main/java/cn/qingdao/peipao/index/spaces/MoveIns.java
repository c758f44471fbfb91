package cn.qingdao.peipao.index.spaces;

import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Park;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.store.Assignment;
import cn.qingdao.peipao.index.store.AssignmentStore;
import cn.qingdao.peipao.index.store.SpaceStore;
import cn.qingdao.peipao.index.store.SpaceStore.MoveIn;
import cn.qingdao.peipao.index.store.SpaceStore.Space;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Move-in applications (入驻申请): a project applies to a park; the park accepts, which occupies
 * spaces, makes the project a tenant through a park assignment and updates the park's free area in
 * one transaction, or declines with a reason. Services know no HTTP.
 */
public final class MoveIns {
  private final Spaces spaces;
  private final Catalog catalog;

  public MoveIns(Spaces spaces) {
    this.spaces = spaces;
    this.catalog = spaces.catalog;
  }

  /**
   * A project applies to move into a park.
   *
   * @throws EntityConflictException when it already has a pending application there
   */
  public MoveIn apply(
      String parkId, String projectId, List<String> kinds, Double area, String note, String actor) {
    for (int i = 0; i < kinds.size(); i++)
      if (!Spaces.RENTABLE.contains(kinds.get(i)))
        throw ValidationException.of(
            "kinds[" + i + "]", "a tenant moves into " + String.join(", ", Spaces.RENTABLE));
    Project p = spaces.project(projectId);
    if (p.status() != null && !p.status().equals("active"))
      throw new EntityConflictException(
          "project '" + projectId + "' is " + p.status() + "; only active projects move in");
    return catalog.writeLogged(
        tx -> {
          spaces.park(tx, parkId);
          Optional<MoveIn> open = SpaceStore.pending(tx, parkId, projectId);
          if (open.isPresent())
            throw new EntityConflictException(
                "project '"
                    + projectId
                    + "' already applied to this park (application '"
                    + open.get().id()
                    + "', pending)");
          MoveIn m =
              new MoveIn(
                  Spaces.newId("app-"),
                  parkId,
                  projectId,
                  List.copyOf(kinds),
                  area,
                  note,
                  "pending",
                  spaces.now(),
                  actor,
                  null,
                  null,
                  null,
                  null,
                  null);
          SpaceStore.putMoveIn(tx, m);
          return m;
        });
  }

  /** A park's applications with {@code status} (null: any). */
  public List<MoveIn> applications(String parkId, String status) {
    spaces.park(parkId);
    return catalog.spaces().moveIns(parkId, status);
  }

  /**
   * Accepts (occupying {@code spaceIds}, making the project a tenant through a park assignment and
   * updating the park's free area, all in one transaction) or declines (with a reason) a pending
   * application.
   *
   * @throws EntityConflictException when not pending, a space is taken, the project is a tenant
   *     elsewhere, or the park has no free slot
   */
  public MoveIn decide(
      String parkId,
      String applicationId,
      boolean accept,
      List<String> spaceIds,
      String reason,
      String actor) {
    if (accept && spaceIds.isEmpty())
      throw ValidationException.of("spaceIds", "name the spaces the project moves into");
    if (!accept && (reason == null || reason.isBlank()))
      throw ValidationException.of("reason", "is required to decline");
    return catalog.writeLogged(
        tx -> {
          Park park = spaces.park(tx, parkId);
          MoveIn m =
              SpaceStore.moveIn(tx, applicationId)
                  .filter(x -> x.parkId().equals(parkId))
                  .orElseThrow(() -> new EntityNotFoundException("application", applicationId));
          if (!m.status().equals("pending"))
            throw new EntityConflictException(
                "application '" + applicationId + "' is " + m.status() + " already");
          Instant now = spaces.now();
          if (!accept) {
            MoveIn declined = decided(m, "declined", now, actor, reason, null, null);
            SpaceStore.putMoveIn(tx, declined);
            return declined;
          }
          List<Space> inventory = SpaceStore.spaces(tx, parkId);
          for (int i = 0; i < spaceIds.size(); i++) {
            String id = spaceIds.get(i);
            Space s =
                inventory.stream()
                    .filter(x -> x.id().equals(id))
                    .findFirst()
                    .orElseThrow(
                        () ->
                            ValidationException.of(
                                "spaceIds", "park '" + parkId + "' has no space '" + id + "'"));
            if (!Spaces.RENTABLE.contains(s.kind()))
              throw ValidationException.of(
                  "spaceIds", "'" + id + "' is a " + s.kind() + ", booked by the hour");
            if (!s.status().equals("free"))
              throw new EntityConflictException("space '" + id + "' is occupied");
          }
          var current = AssignmentStore.activeOf(tx, m.projectId(), EntityType.PARKS);
          if (current.isPresent())
            throw new EntityConflictException(
                "project '"
                    + m.projectId()
                    + "' is a tenant of park '"
                    + current.get().counterpartId()
                    + "'; end that assignment first");
          if (park.capacity() != null
              && AssignmentStore.load(tx, EntityType.PARKS, parkId) >= park.capacity())
            throw new EntityConflictException(
                "park '" + parkId + "' hosts its capacity of " + park.capacity() + " already");
          List<Space> next =
              inventory.stream()
                  .map(s -> spaceIds.contains(s.id()) ? s.withTenant("occupied", m.projectId()) : s)
                  .toList();
          for (Space s : next) if (spaceIds.contains(s.id())) SpaceStore.putSpace(tx, s);
          String assignmentId = Spaces.newId("asg-");
          AssignmentStore.insert(
              tx,
              new Assignment(
                  assignmentId,
                  m.projectId(),
                  EntityType.PARKS,
                  parkId,
                  null,
                  null,
                  now,
                  actor,
                  null,
                  null));
          spaces.updateAvailability(tx, park, next, actor);
          MoveIn accepted =
              decided(m, "accepted", now, actor, reason, List.copyOf(spaceIds), assignmentId);
          SpaceStore.putMoveIn(tx, accepted);
          return accepted;
        });
  }

  private static MoveIn decided(
      MoveIn m,
      String status,
      Instant at,
      String actor,
      String reason,
      List<String> spaceIds,
      String assignmentId) {
    return new MoveIn(
        m.id(),
        m.parkId(),
        m.projectId(),
        m.kinds(),
        m.area(),
        m.note(),
        status,
        m.createdAt(),
        m.createdBy(),
        at,
        actor,
        reason,
        spaceIds,
        assignmentId);
  }
}
