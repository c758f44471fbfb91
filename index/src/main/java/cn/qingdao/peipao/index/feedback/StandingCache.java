package cn.qingdao.peipao.index.feedback;

import cn.qingdao.peipao.core.model.EntityType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Subjects' {@link Feedback.Standing} remembered between recommendations on the embedded store,
 * where every write of the data is one of this process's ({@code writes} counts them, after each
 * commit): an entry answers only while the count is the one it was read at, so any write (feedback,
 * an assignment, anything) retires every entry at once. A shared store, which other nodes write,
 * has no cache. Two store reads saved per recommendation for a stored subject; O(1) per lookup.
 */
final class StandingCache {
  /** Entries held at most; past it the cache starts over (a write does the same). */
  static final int MAX = 20_000;

  private record Entry(long writes, Feedback.Standing standing) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final LongSupplier writes;

  /** A cache valid while {@code writes} (the process's write count) has not moved. */
  StandingCache(LongSupplier writes) {
    this.writes = writes;
  }

  /** The standing of the subject towards targets of a type, remembered or read by {@code load}. */
  Feedback.Standing get(
      EntityType subjectType,
      String subjectId,
      EntityType targetType,
      Supplier<Feedback.Standing> load) {
    String key = subjectType.path() + '/' + targetType.path() + '/' + subjectId;
    long before = writes.getAsLong();
    Entry e = entries.get(key);
    if (e != null && e.writes() == before) return e.standing();
    Feedback.Standing read = load.get();
    // a write that ended while reading may or may not be in what was read: then keep nothing
    if (writes.getAsLong() == before) {
      if (entries.size() >= MAX) entries.clear();
      entries.put(key, new Entry(before, read));
    }
    return read;
  }
}
