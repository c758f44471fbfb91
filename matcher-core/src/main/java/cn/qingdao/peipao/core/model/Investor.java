package cn.qingdao.peipao.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A bank, guarantee company, fund or angel; empty {@code sectors} means sector-agnostic, empty
 * {@code serviceDistricts} the whole city. Tickets are in yuan. {@code portfolioSize}, the number
 * of projects it has invested in (its track record), is null when not stated.
 */
public record Investor(
    String id,
    String name,
    String description,
    List<String> tags,
    String kind,
    List<String> instruments,
    List<String> products,
    List<String> sectors,
    List<String> stages,
    Long ticketMin,
    Long ticketMax,
    Location location,
    List<String> serviceDistricts,
    Integer portfolioSize,
    long version,
    Instant updatedAt)
    implements Entity {
  @Override
  public EntityType type() {
    return EntityType.INVESTORS;
  }

  @Override
  public Investor withServerFields(String id, long version, Instant updatedAt) {
    return new Investor(
        id,
        name,
        description,
        tags,
        kind,
        instruments,
        products,
        sectors,
        stages,
        ticketMin,
        ticketMax,
        location,
        serviceDistricts,
        portfolioSize,
        version,
        updatedAt);
  }
}
