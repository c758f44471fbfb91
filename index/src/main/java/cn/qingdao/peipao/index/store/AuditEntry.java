package cn.qingdao.peipao.index.store;

import cn.qingdao.peipao.core.model.EntityType;
import java.time.Instant;

/** One write as the audit log keeps it. {@code version} is null for deletions. */
public record AuditEntry(
    long seq, Instant at, String actor, String action, EntityType type, String id, Long version) {}
