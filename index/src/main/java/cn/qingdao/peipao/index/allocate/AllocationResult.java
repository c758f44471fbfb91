package cn.qingdao.peipao.index.allocate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An allocation as the API shows it: a draft, or published with the ids of its assignments. */
public record AllocationResult(
    String id,
    String status,
    String mode,
    String counterpart,
    String profile,
    double minScore,
    Instant createdAt,
    Instant publishedAt,
    List<Placed> assignments,
    List<Unplaced> unassigned,
    List<Existing> alreadyAssigned,
    Stats stats) {

  /** A project placed with a counterpart, with the pair's components and reasons. */
  public record Placed(
      String projectId,
      String projectName,
      String counterpartId,
      String counterpartName,
      double score,
      Map<String, Double> components,
      List<String> reasons,
      String assignmentId) {}

  /** A project left out, why, and the counterparts that came closest. */
  public record Unplaced(
      String projectId, String projectName, List<String> reasons, List<NearMiss> nearMisses) {}

  /** A counterpart that would have suited, and what kept the pair apart. */
  public record NearMiss(String counterpartId, String name, double score, String why) {}

  /** A cohort project that already has an active assignment of this kind: not allocated again. */
  public record Existing(String projectId, String counterpartId, String assignmentId) {}

  /**
   * Coverage is assigned / projects allocated (those without an existing assignment); load is the
   * number of projects each counterpart receives (only those receiving any).
   */
  public record Stats(
      int projects,
      int assigned,
      double coverage,
      double meanScore,
      double totalScore,
      long blockingPairs,
      int counterparts,
      long freeSlots,
      Map<String, Integer> load,
      double tookMs) {}

  AllocationResult published(Instant at, List<Placed> withIds) {
    return new AllocationResult(
        id,
        "published",
        mode,
        counterpart,
        profile,
        minScore,
        createdAt,
        at,
        withIds,
        unassigned,
        alreadyAssigned,
        stats);
  }
}
