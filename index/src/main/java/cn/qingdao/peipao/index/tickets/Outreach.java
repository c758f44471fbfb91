package cn.qingdao.peipao.index.tickets;

import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.store.OutreachStore;
import cn.qingdao.peipao.index.store.OutreachStore.Step;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 政策找人 follow-up: from policy → people, officers record that a project was contacted, applied, was
 * granted (with the amount) or declined, so the ledger can say how much of 应享尽享 was reached. Steps
 * only move forward: contacted → applied → granted | declined (a later step may be recorded without
 * the earlier ones; going back is a 409).
 */
public final class Outreach {
  public static final List<String> STATUSES =
      List.of("contacted", "applied", "granted", "declined");

  /** The statuses that may follow each (the same one again records a correction). */
  private static final Map<String, Set<String>> NEXT =
      Map.of(
          "contacted", Set.of("contacted", "applied", "granted", "declined"),
          "applied", Set.of("applied", "granted", "declined"),
          "granted", Set.of("granted"),
          "declined", Set.of("declined"));

  private final Catalog catalog;

  public Outreach(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Records a step.
   *
   * @throws EntityNotFoundException when the policy does not exist
   * @throws ValidationException naming the field: unknown project or status, an amount on a step
   *     other than granted, an amount above the policy's maximum
   * @throws EntityConflictException when the step goes back (granted → applied)
   */
  public Step record(String policyId, String projectId, String status, Long amount, String actor) {
    Policy policy =
        (Policy)
            catalog
                .entity(EntityType.POLICIES, policyId)
                .orElseThrow(() -> new EntityNotFoundException(EntityType.POLICIES, policyId));
    if (catalog.get(EntityType.PROJECTS, projectId).isEmpty())
      throw ValidationException.of("projectId", "no projects with id '" + projectId + "'");
    if (!STATUSES.contains(status))
      throw ValidationException.of("status", "must be one of " + String.join(", ", STATUSES));
    if (amount != null && !status.equals("granted"))
      throw ValidationException.of("amount", "is given only with status granted");
    Long max = policy.benefit() == null ? null : policy.benefit().maxAmount();
    if (amount != null && max != null && amount > max)
      throw ValidationException.of(
          "amount", "exceeds the policy's maximum of " + max + " yuan (got " + amount + ")");
    Instant now = catalog.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    return catalog.writeLogged(
        tx -> {
          Step last = OutreachStore.latest(tx, policyId, projectId);
          if (last != null && !NEXT.get(last.status()).contains(status))
            throw new EntityConflictException(
                "project '"
                    + projectId
                    + "' is already "
                    + last.status()
                    + " for policy '"
                    + policyId
                    + "'; a step does not go back");
          Step s = new Step(0, policyId, projectId, status, amount, now, actor);
          long id = OutreachStore.add(tx, s);
          return new Step(id, policyId, projectId, status, amount, now, actor);
        });
  }

  /** Where the outreach of a policy stands: counts by status, the amount granted, each project. */
  public record Summary(
      String policyId, Map<String, Long> counts, long grantedAmount, List<Step> items) {}

  public Summary of(String policyId) {
    return of(policyId, projectId -> true);
  }

  /** As {@link #of(String)}, over the projects {@code visible} accepts (an officer's region). */
  public Summary of(String policyId, java.util.function.Predicate<String> visible) {
    if (catalog.get(EntityType.POLICIES, policyId).isEmpty())
      throw new EntityNotFoundException(EntityType.POLICIES, policyId);
    List<Step> latest =
        catalog.outreach().latestOf(policyId).stream()
            .filter(s -> visible.test(s.projectId()))
            .toList();
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    for (String s : STATUSES)
      counts.put(s, latest.stream().filter(x -> x.status().equals(s)).count());
    long granted = latest.stream().filter(x -> x.amount() != null).mapToLong(Step::amount).sum();
    return new Summary(policyId, counts, granted, latest);
  }
}
