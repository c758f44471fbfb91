package cn.qingdao.peipao.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A mentor, service specialist or review expert; empty {@code serviceDistricts} means the whole
 * city, {@code capacity} is how many projects they accompany at once.
 */
public record Mentor(
    String id,
    String name,
    String description,
    List<String> tags,
    String org,
    String kind,
    List<String> services,
    List<String> sectors,
    List<String> stages,
    Location location,
    List<String> serviceDistricts,
    int capacity,
    Integer yearsExperience,
    long version,
    Instant updatedAt)
    implements Entity {
  @Override
  public EntityType type() {
    return EntityType.MENTORS;
  }

  @Override
  public Mentor withServerFields(String id, long version, Instant updatedAt) {
    return new Mentor(
        id,
        name,
        description,
        tags,
        org,
        kind,
        services,
        sectors,
        stages,
        location,
        serviceDistricts,
        capacity,
        yearsExperience,
        version,
        updatedAt);
  }
}
