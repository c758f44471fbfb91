package cn.qingdao.peipao.core.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A startup project (创业项目); {@code sectors.get(0)} is its main sector. {@code awards} is null when
 * the project did not say (a policy condition on awards is then unknown, not unmet). {@code
 * inPark}: a tenant of a park (stated, or derived from an active park assignment; null when
 * unknown).
 */
public record Project(
    String id,
    String name,
    String description,
    List<String> tags,
    List<String> sectors,
    String stage,
    Location location,
    Founder founder,
    List<String> needs,
    Long fundingNeed,
    Integer employees,
    LocalDate registeredAt,
    List<Award> awards,
    Flags flags,
    Boolean inPark,
    Consent consent,
    Contact contact,
    String status,
    long version,
    Instant updatedAt)
    implements Entity {

  /** The founder's groups (null when not stated) and graduation year, as policies ask for them. */
  public record Founder(List<String> groups, Integer graduationYear) {}

  /** A competition prize; {@code level} orders district &lt; city &lt; provincial &lt; national. */
  public record Award(String level, String name, Integer year) {}

  /** Qualifications that some policies and investors look for. */
  public record Flags(Boolean highTech, Boolean specialized) {}

  /** Which kinds of counterpart may discover the project; absent means not allowed. */
  public record Consent(boolean mentors, boolean parks, boolean investors) {}

  /** Personal data: never shown to a caller whose role does not allow it. */
  public record Contact(String name, String phone, String email) {}

  /** This project with {@code inPark} set (the rest unchanged). */
  public Project withInPark(Boolean value) {
    return copy(id, tags, value, status, awards, version, updatedAt);
  }

  /** This project with {@code award} added to its awards (a list is made when none was stated). */
  public Project withAward(Award award) {
    List<Award> more = new java.util.ArrayList<>(awards == null ? List.of() : awards);
    more.add(award);
    return copy(id, tags, inPark, status, List.copyOf(more), version, updatedAt);
  }

  /** This project with another status and tags (the rest unchanged). */
  public Project withStatus(String newStatus, List<String> newTags) {
    return copy(id, List.copyOf(newTags), inPark, newStatus, awards, version, updatedAt);
  }

  @Override
  public EntityType type() {
    return EntityType.PROJECTS;
  }

  @Override
  public Project withServerFields(String id, long version, Instant updatedAt) {
    return copy(id, tags, inPark, status, awards, version, updatedAt);
  }

  /** The one full copy: the fields the {@code with…} methods change, the rest kept. */
  private Project copy(
      String newId,
      List<String> newTags,
      Boolean newInPark,
      String newStatus,
      List<Award> newAwards,
      long newVersion,
      Instant newUpdatedAt) {
    return new Project(
        newId,
        name,
        description,
        newTags,
        sectors,
        stage,
        location,
        founder,
        needs,
        fundingNeed,
        employees,
        registeredAt,
        newAwards,
        flags,
        newInPark,
        consent,
        contact,
        newStatus,
        newVersion,
        newUpdatedAt);
  }
}
