package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.index.search.EntityDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * Normalised BM25 relevance of one subject text against candidate documents, read from term
 * vectors: {@code Σ qtf·idf·tf/(tf + k1·(1 − b + b·dl/avgdl)) / Σ qtf·idf}, in [0,1). Corpus
 * statistics are those of the reader the request started with, so every candidate of the request
 * (fast path or exhaustive) is scored against the same numbers.
 */
final class TextRelevance {
  static final double K1 = 1.2;
  static final double B = 0.75;

  private final BytesRef[] terms;
  private final double[] weights; // qtf · idf
  private final double norm;
  private final double avgdl;

  TextRelevance(IndexReader reader, Analyzer analyzer, String text) {
    Map<String, Integer> qtf = new LinkedHashMap<>();
    try (TokenStream ts = analyzer.tokenStream(EntityDocuments.TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) qtf.merge(term.toString(), 1, Integer::sum);
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      long docs = Math.max(1, reader.getDocCount(EntityDocuments.TEXT));
      avgdl = Math.max(1.0, (double) reader.getSumTotalTermFreq(EntityDocuments.TEXT) / docs);
      List<BytesRef> ts = new ArrayList<>();
      List<Double> ws = new ArrayList<>();
      double sum = 0;
      for (Map.Entry<String, Integer> e : qtf.entrySet()) {
        int df = reader.docFreq(new Term(EntityDocuments.TEXT, e.getKey()));
        double idf = Math.log(1 + (docs - df + 0.5) / (df + 0.5));
        ts.add(new BytesRef(e.getKey()));
        ws.add(e.getValue() * idf);
        sum += e.getValue() * idf;
      }
      terms = ts.toArray(new BytesRef[0]);
      weights = ws.stream().mapToDouble(Double::doubleValue).toArray();
      norm = sum;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Relevance of document {@code doc} of {@code leaf}; reads its term vector. */
  double of(LeafReader leaf, int doc) {
    if (norm <= 0) return 0;
    try {
      Terms vector = leaf.termVectors().get(doc, EntityDocuments.TEXT);
      if (vector == null) return 0;
      long dl = vector.getSumTotalTermFreq();
      double lengthNorm = K1 * (1 - B + B * dl / avgdl);
      TermsEnum te = vector.iterator();
      double score = 0;
      for (int i = 0; i < terms.length; i++) {
        if (te.seekExact(terms[i])) {
          long tf = te.totalTermFreq();
          score += weights[i] * tf / (tf + lengthNorm);
        }
      }
      return Math.min(1.0, score / norm);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
