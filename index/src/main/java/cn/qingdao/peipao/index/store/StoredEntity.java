package cn.qingdao.peipao.index.store;

import cn.qingdao.peipao.core.model.EntityType;
import java.time.Instant;

/** One row of the store: an entity's JSON with its server-kept version, time and write sequence. */
public record StoredEntity(
    EntityType type, String id, long version, Instant updatedAt, String json, long seq) {}
