package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.Features;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;

/**
 * A stored subject's features and text relevance per searcher's reader: the portal asks again and
 * again for the same projects, and extracting the subject, finding its terms in the index and
 * weighing them against the target's statistics cost about a tenth of a recommendation. Keyed by
 * the reader's cache key (a write opens a new reader) and by the whole subject, every field
 * compared, not its id and version alone (a deleted id created again starts again at version 1), so
 * an entry never answers for another subject or another state of the index. Only stored subjects
 * (version above 0) are remembered: drafts come once. Least recently used dropped beyond {@link
 * #MAX_ENTRIES}. O(the subject's fields) per lookup; values are immutable and shared.
 */
final class SubjectCache {
  /**
   * Entries kept at most: about 10 MB (each keeps its text relevance's 2 KB slot table), more
   * subjects than the portal shows at once.
   */
  static final int MAX_ENTRIES = 4096;

  /** {@code target} null for the subject's features. */
  private record Key(Object reader, Entity subject, EntityType target) {}

  private final Map<Key, Object> entries =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Object> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  private long hits;

  /** {@code subject}'s features in {@code searcher}'s reader: remembered or {@code compute}d. */
  Features features(IndexSearcher searcher, Entity subject, Supplier<Features> compute) {
    return (Features) of(searcher, subject, null, compute);
  }

  /** {@code subject}'s text relevance against {@code target}: remembered or {@code compute}d. */
  TextRelevance text(
      IndexSearcher searcher, Entity subject, EntityType target, Supplier<TextRelevance> compute) {
    return (TextRelevance) of(searcher, subject, target, compute);
  }

  private Object of(
      IndexSearcher searcher, Entity subject, EntityType target, Supplier<?> compute) {
    IndexReader.CacheHelper helper = searcher.getIndexReader().getReaderCacheHelper();
    if (helper == null || subject.version() <= 0) return compute.get();
    Key key = new Key(helper.getKey(), subject, target);
    synchronized (this) {
      Object v = entries.get(key);
      if (v != null) {
        hits++;
        return v;
      }
    }
    Object v = compute.get(); // outside the lock: two requests may both compute, both the same
    synchronized (this) {
      entries.put(key, v);
    }
    return v;
  }

  /** How many lookups were answered from memory (tests). */
  synchronized long hits() {
    return hits;
  }
}
