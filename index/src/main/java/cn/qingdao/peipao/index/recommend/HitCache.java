package cn.qingdao.peipao.index.recommend;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.FixedBitSet;

/**
 * The live documents recent hard-constraint queries matched, per searcher's reader: every project
 * of a district asks the same query for a target type, so the block scan starts from a remembered
 * bit set instead of running the query and setting tens of thousands of bits (about a seventh of a
 * recommendation's work on 100k mentors). Keyed by the reader's cache key, which every reopen
 * replaces (a write, a delete): an entry never answers for another state of the index. Least
 * recently used dropped beyond {@link #MAX_BYTES} of bits or {@link #MAX_ENTRIES} queries. O(1) on
 * a hit, the query's cost on a miss. The bit sets are shared: callers only read them.
 */
final class HitCache {
  /** Bits kept at most: 64 MB holds 256 queries over an index of two million documents. */
  static final long MAX_BYTES = 64L << 20;

  static final int MAX_ENTRIES = 256;

  /**
   * Each segment's matching live documents by leaf ord (null: the query has no scorer there), and
   * how many in all.
   */
  record Matched(FixedBitSet[] bits, long count) {}

  private record Key(Object reader, Query query) {}

  private final long maxBytes;
  private final int maxEntries;
  private final Map<Key, Matched> entries = new LinkedHashMap<>(64, 0.75f, true);
  private final Set<Object> readers = new HashSet<>();
  private long bytes;
  private long hits;

  /** A cache of at most {@link #MAX_BYTES} of bits and {@link #MAX_ENTRIES} queries. */
  HitCache() {
    this(MAX_BYTES, MAX_ENTRIES);
  }

  /** A cache of at most {@code maxBytes} of bits and {@code maxEntries} queries. */
  HitCache(long maxBytes, int maxEntries) {
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
  }

  /** What {@code query} matches in {@code searcher}'s reader: remembered or computed now. */
  Matched of(IndexSearcher searcher, Query query) {
    IndexReader.CacheHelper helper = searcher.getIndexReader().getReaderCacheHelper();
    Key key = helper == null ? null : new Key(helper.getKey(), query);
    if (key != null) {
      synchronized (this) {
        Matched m = entries.get(key);
        if (m != null) {
          hits++;
          return m;
        }
      }
    }
    Matched computed = compute(searcher, query);
    if (key != null && remember(key, computed)) helper.addClosedListener(this::forget);
    return computed;
  }

  /** What {@code query} matches in {@code searcher}, computed now and not remembered. */
  static Matched compute(IndexSearcher searcher, Query query) {
    FixedBitSet[] bits = new FixedBitSet[searcher.getIndexReader().leaves().size()];
    long[] count = new long[1];
    Hits.forEach(
        searcher,
        query,
        null,
        (leaf, segment) -> {
          FixedBitSet b = new FixedBitSet(leaf.reader().maxDoc());
          bits[leaf.ord] = b;
          return doc -> {
            b.set(doc);
            count[0]++;
          };
        });
    return new Matched(bits, count[0]);
  }

  /** Keeps {@code m}; true when it is the first entry of its reader (to forget it on close). */
  private synchronized boolean remember(Key key, Matched m) {
    long size = sizeOf(m);
    if (size > maxBytes || entries.containsKey(key)) return false;
    boolean first = readers.add(key.reader());
    entries.put(key, m);
    bytes += size;
    var it = entries.entrySet().iterator();
    while ((bytes > maxBytes || entries.size() > maxEntries) && it.hasNext()) {
      Map.Entry<Key, Matched> eldest = it.next();
      bytes -= sizeOf(eldest.getValue());
      it.remove();
    }
    return first;
  }

  /** Drops every entry of a closed reader: its bits can never be asked for again. */
  private synchronized void forget(Object reader) {
    readers.remove(reader);
    var it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Key, Matched> e = it.next();
      if (e.getKey().reader() == reader) {
        bytes -= sizeOf(e.getValue());
        it.remove();
      }
    }
  }

  private static long sizeOf(Matched m) {
    long bits = 0;
    for (FixedBitSet b : m.bits()) if (b != null) bits += b.length();
    return bits / 8 + 64L;
  }

  /** Queries remembered now; for tests. */
  synchronized int size() {
    return entries.size();
  }

  /** Bytes of bits held now; for tests. */
  synchronized long bytes() {
    return bytes;
  }

  /** Requests answered from a remembered entry so far; for tests. */
  synchronized long hits() {
    return hits;
  }
}
