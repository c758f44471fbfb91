package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.index.search.EntityDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;

/**
 * Normalised BM25 relevance of one subject text against candidate documents: {@code Σ
 * qtf·idf·tf/(tf + k1·(1 − b + b·dl/avgdl)) / Σ qtf·idf}, in [0,1). Document terms come from the
 * segment cache (sorted term ids); one document costs a table load per word ({@link #sum}). Corpus
 * statistics are those of the reader the request started with, so every candidate of the request,
 * on the fast path or the exhaustive one, is scored against the same numbers.
 */
final class TextRelevance {
  static final double K1 = 1.2;
  static final double B = 0.75;

  private final int[] ids; // sorted
  private final double[] weights; // qtf · idf, by position in ids
  private final char[] slots; // of ids, see slots()
  private final double norm;
  private final double avgdl;
  private final double max;

  /**
   * {@code queryTerms}: the subject's analysed terms with their frequencies; statistics are those
   * of the target type's text field.
   */
  TextRelevance(
      IndexReader reader, EntityType target, FeatureCache cache, Map<String, Integer> queryTerms) {
    String field = EntityDocuments.textOf(target);
    try {
      long docs = Math.max(1, reader.getDocCount(field));
      avgdl = Math.max(1.0, (double) reader.getSumTotalTermFreq(field) / docs);
      long[] packed = new long[queryTerms.size()];
      double[] byTerm = new double[queryTerms.size()];
      int n = 0;
      double sum = 0;
      double reachable = 0;
      for (Map.Entry<String, Integer> e : queryTerms.entrySet()) {
        int df = 0; // what reader.docFreq counts, from the per-segment cache
        for (LeafReaderContext leaf : reader.leaves())
          df += cache.docFreq(leaf.reader(), field, e.getKey());
        double w = e.getValue() * Math.log(1 + (docs - df + 0.5) / (df + 0.5));
        sum += w;
        int id = cache.dictionary().find(e.getKey());
        if (id >= 0) {
          if (df > 0) reachable += w;
          byTerm[n] = w;
          packed[n] = ((long) id << 32) | n;
          n++;
        }
      }
      Arrays.sort(packed, 0, n);
      ids = new int[n];
      weights = new double[n];
      for (int i = 0; i < n; i++) {
        ids[i] = (int) (packed[i] >>> 32);
        weights[i] = byTerm[(int) packed[i]];
      }
      slots = slots(ids);
      norm = sum;
      max = sum <= 0 ? 0 : Math.min(1.0, reachable / sum);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The most relevance any document can have: the share of the subject's weight held by words that
   * occur in the target's text at all (each word's BM25 part stays below its weight). O(1).
   */
  double max() {
    return max;
  }

  /** Relevance of document {@code doc} of {@code segment}. */
  double of(Segment segment, int doc) {
    if (norm <= 0 || ids.length == 0) return 0;
    double lengthNorm = K1 * (1 - B + B * segment.lengths()[doc] / avgdl);
    double score =
        sum(ids, weights, slots, segment.termIds()[doc], segment.termFreqs()[doc], lengthNorm);
    return Math.min(1.0, score / norm);
  }

  /** Slots of the table over term ids: a few per subject word, so most document words miss. */
  static final int SLOTS = 1024;

  /**
   * The table of {@code ids} (sorted) by {@code id % SLOTS}: 0 where no subject word falls, {@code
   * i + 1} where only {@code ids[i]} does, {@link #SEVERAL} where several do (or where {@code i +
   * 1} would not fit: then a search finds it). Two bytes a slot, as a cached subject keeps its
   * table. O(ids + SLOTS).
   */
  static char[] slots(int[] ids) {
    char[] t = new char[SLOTS];
    for (int i = 0; i < ids.length; i++) {
      int s = ids[i] & (SLOTS - 1);
      t[s] = t[s] == 0 && i + 1 < SEVERAL ? (char) (i + 1) : SEVERAL;
    }
    return t;
  }

  /** The slot of several subject words. */
  static final char SEVERAL = Character.MAX_VALUE;

  /**
   * {@code Σ weight·tf/(tf + lengthNorm)} over the document's terms that are subject terms, in
   * ascending term id (the order, so the bits, of a merge of the two sorted arrays): each document
   * term reads its slot of the subject's {@code slots} table; a slot of one subject word is a
   * comparison, a shared slot (rare) a binary search of {@code ids}. O(document terms) of table
   * loads instead of a merge's unpredictable branches (the filter and binary search this replaced
   * were 5 % of a warm server's CPU).
   */
  static double sum(
      int[] ids, double[] weights, char[] slots, int[] docIds, int[] freqs, double lengthNorm) {
    double score = 0;
    for (int j = 0; j < docIds.length; j++) {
      int id = docIds[j];
      int k = slots[id & (SLOTS - 1)];
      if (k == 0) continue;
      int i;
      if (k != SEVERAL) {
        i = k - 1;
        if (ids[i] != id) continue;
      } else {
        i = Arrays.binarySearch(ids, id);
        if (i < 0) continue;
      }
      int tf = freqs[j];
      score += weights[i] * tf / (tf + lengthNorm);
    }
    return score;
  }
}
