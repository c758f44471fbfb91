package cn.qingdao.peipao.index.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import java.util.TreeSet;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;

/**
 * {@link HitCache} answers exactly what the query matches in the reader asked about (live documents
 * only, several segments), remembers it for that reader alone, stays within its bounds and forgets
 * a closed reader's entries. Seeded random writes and deletes between reopenings.
 */
class HitCacheTest {
  @Test
  void answersWhatTheQueryMatchesInEachStateOfTheIndex() throws IOException {
    Random rnd = new Random(3);
    HitCache cache = new HitCache();
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new KeywordAnalyzer()))) {
      DirectoryReader reader = null;
      for (int round = 0; round < 30; round++) {
        // a few adds, updates and deletes, then a commit: a new segment and new live docs
        for (int i = 0; i < 40; i++) {
          String id = "d" + rnd.nextInt(300);
          if (rnd.nextInt(5) == 0) w.deleteDocuments(new Term("id", id));
          else w.updateDocument(new Term("id", id), doc(id, "c" + rnd.nextInt(4)));
        }
        w.commit();
        DirectoryReader next =
            reader == null ? DirectoryReader.open(dir) : DirectoryReader.openIfChanged(reader);
        if (next != null) {
          if (reader != null) reader.close();
          reader = next;
        }
        IndexSearcher searcher = new IndexSearcher(reader);
        for (int c = 0; c < 4; c++) {
          Query q = new TermQuery(new Term("colour", "c" + c));
          HitCache.Matched first = cache.of(searcher, q);
          assertEquals(expected(searcher, q), ids(searcher, first), "round " + round + " c" + c);
          assertEquals(searcher.count(q), first.count());
          // asked again of the same reader: the remembered entry; of a new searcher over the same
          // reader too (the key is the reader, not the searcher)
          assertSame(first, cache.of(searcher, q));
          assertSame(first, cache.of(new IndexSearcher(reader), q));
        }
      }
      assertTrue(cache.hits() >= 30 * 4 * 2, "hits " + cache.hits());
      int before = cache.size();
      assertEquals(4, before, "only the open reader's entries remain");
      assertTrue(cache.bytes() > 0);
      reader.close();
      assertEquals(0, cache.size(), "a closed reader's entries are forgotten");
      assertEquals(0, cache.bytes(), "and their bytes");
    }
  }

  @Test
  void keepsAtMostItsBoundOfQueries() throws IOException {
    HitCache cache = new HitCache();
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new KeywordAnalyzer()))) {
      for (int i = 0; i < 100; i++) w.addDocument(doc("d" + i, "c" + i % 7));
      w.commit();
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        HitCache.Matched first = cache.of(searcher, new TermQuery(new Term("id", "d0")));
        for (int i = 0; i < HitCache.MAX_ENTRIES + 50; i++)
          cache.of(searcher, new TermQuery(new Term("id", "x" + i)));
        assertEquals(HitCache.MAX_ENTRIES, cache.size());
        // the least recently used went first: asking again computes a new, equal answer
        HitCache.Matched again = cache.of(searcher, new TermQuery(new Term("id", "d0")));
        assertNotSame(first, again);
        assertEquals(ids(searcher, first), ids(searcher, again));
      }
    }
  }

  @Test
  void keepsAtMostItsBoundOfBytesAndCountsThemBack() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new KeywordAnalyzer()))) {
      for (int i = 0; i < 1000; i++) w.addDocument(doc("d" + i, "c" + i % 7));
      w.commit();
      // one entry: 1000 bits of one segment = 125 bytes + 64; room for three
      HitCache cache = new HitCache(3 * 189 + 10, 1000);
      DirectoryReader reader = DirectoryReader.open(dir);
      IndexSearcher searcher = new IndexSearcher(reader);
      for (int c = 0; c < 7; c++) {
        cache.of(searcher, new TermQuery(new Term("colour", "c" + c)));
        assertTrue(cache.bytes() <= 3 * 189 + 10, "bytes " + cache.bytes());
        assertEquals(Math.min(c + 1, 3), cache.size());
        assertEquals(cache.size() * 189L, cache.bytes(), "bytes held are the entries' bytes");
      }
      reader.close();
      assertEquals(0, cache.bytes());
      // an entry larger than the whole bound is not kept
      HitCache tiny = new HitCache(100, 1000);
      try (DirectoryReader r2 = DirectoryReader.open(dir)) {
        tiny.of(new IndexSearcher(r2), new TermQuery(new Term("colour", "c1")));
        assertEquals(0, tiny.size());
        assertEquals(0, tiny.bytes());
      }
    }
  }

  private static Document doc(String id, String colour) {
    Document d = new Document();
    d.add(new StringField("id", id, Field.Store.YES));
    d.add(new StringField("colour", colour, Field.Store.NO));
    return d;
  }

  /** The ids a plain search finds (live documents only). */
  private static TreeSet<String> expected(IndexSearcher s, Query q) throws IOException {
    TreeSet<String> out = new TreeSet<>();
    StoredFields stored = s.storedFields();
    for (var hit : s.search(q, 10_000).scoreDocs) out.add(stored.document(hit.doc).get("id"));
    return out;
  }

  /** The ids of the set bits of {@code m}, segment by segment. */
  private static TreeSet<String> ids(IndexSearcher s, HitCache.Matched m) throws IOException {
    TreeSet<String> out = new TreeSet<>();
    for (var leaf : s.getIndexReader().leaves()) {
      FixedBitSet bits = m.bits()[leaf.ord];
      if (bits == null) continue;
      StoredFields stored = leaf.reader().storedFields();
      for (int d = bits.nextSetBit(0);
          d < bits.length();
          d = d + 1 < bits.length() ? bits.nextSetBit(d + 1) : Integer.MAX_VALUE)
        out.add(stored.document(d).get("id"));
    }
    return out;
  }
}
