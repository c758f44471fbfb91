package cn.qingdao.peipao.index.store;

import cn.qingdao.peipao.core.model.EntityType;
import java.time.Instant;
import java.util.Map;

/**
 * An allocation as stored: its answer ({@code json}), whether it is a {@code draft} or {@code
 * published}, and the free slots per counterpart it was computed with ({@code basis}).
 */
public record StoredAllocation(
    String id,
    Instant createdAt,
    String createdBy,
    EntityType counterpart,
    String mode,
    String status,
    Map<String, Integer> basis,
    String json,
    Instant publishedAt,
    String publishedBy) {
  public static final String DRAFT = "draft";
  public static final String PUBLISHED = "published";

  public StoredAllocation {
    basis = Map.copyOf(basis);
  }
}
