package cn.qingdao.peipao.core.model;

import java.time.Instant;
import java.util.List;

/**
 * An incubation park, startup street, community station or enablement centre. Areas are in square
 * metres; {@code capacity} and {@code tenants} count enterprises.
 */
public record Park(
    String id,
    String name,
    String description,
    List<String> tags,
    String kind,
    String level,
    List<String> sectors,
    List<String> stages,
    Location location,
    List<String> services,
    Long areaTotal,
    Long areaAvailable,
    boolean governmentInvested,
    Integer capacity,
    Integer tenants,
    long version,
    Instant updatedAt)
    implements Entity {
  @Override
  public EntityType type() {
    return EntityType.PARKS;
  }

  /** This park with another free area (its space inventory changed), the rest unchanged. */
  public Park withAreaAvailable(Long value) {
    return new Park(
        id,
        name,
        description,
        tags,
        kind,
        level,
        sectors,
        stages,
        location,
        services,
        areaTotal,
        value,
        governmentInvested,
        capacity,
        tenants,
        version,
        updatedAt);
  }

  @Override
  public Park withServerFields(String id, long version, Instant updatedAt) {
    return new Park(
        id,
        name,
        description,
        tags,
        kind,
        level,
        sectors,
        stages,
        location,
        services,
        areaTotal,
        areaAvailable,
        governmentInvested,
        capacity,
        tenants,
        version,
        updatedAt);
  }
}
