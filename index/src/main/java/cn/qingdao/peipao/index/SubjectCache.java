package cn.qingdao.peipao.index;

import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Parsed entities that recommendations start from, kept in step with the index: the index drops an
 * entity from here when it applies a change of it, so a subject is never older than what it is
 * ranked against (on the node that took a write, never older than the write once it answered).
 * Reading a stored subject from the store and validating it again was about a tenth of a
 * recommendation's time over HTTP.
 */
final class SubjectCache {
  /** Entities held at most; past it the cache starts over (recommended subjects are few). */
  static final int MAX = 20_000;

  private final Map<String, Entity> entities = new ConcurrentHashMap<>();
  // counts drops: a read that began before a drop does not store what it read (it may be older)
  private final AtomicLong drops = new AtomicLong();

  /** The entity, cached or read by {@code load} (empty when absent). O(1) when cached. */
  Optional<Entity> get(EntityType type, String id, Supplier<Optional<Entity>> load) {
    String key = key(type, id);
    Entity cached = entities.get(key);
    if (cached != null) return Optional.of(cached);
    long before = drops.get();
    Optional<Entity> read = load.get();
    if (read.isPresent()) {
      if (entities.size() >= MAX) entities.clear();
      // atomic per key against drop(), which counts before it removes: a read that raced a change
      // either sees the count move and stores nothing, or stores first and is removed after
      entities.compute(key, (k, old) -> drops.get() == before ? read.get() : old);
    }
    return read;
  }

  /** Forgets the entity (a change of it is being applied to the index). */
  void drop(EntityType type, String id) {
    drops.incrementAndGet();
    entities.remove(key(type, id));
  }

  /** Forgets every entity (the index is rebuilt). */
  void clear() {
    drops.incrementAndGet();
    entities.clear();
  }

  private static String key(EntityType type, String id) {
    return IndexSync.key(type, id);
  }
}
