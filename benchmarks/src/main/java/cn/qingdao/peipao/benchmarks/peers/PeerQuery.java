package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.scoring.ColumnForm;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One project → mentors query as every engine needs it.
 *
 * @param subject the stored project asking
 * @param form the request's score over a mentor's columns and text
 * @param context the request's scoring context (its column score is the floor's; not thread-safe)
 * @param terms the subject's SmartCN tokens with their counts (the text query)
 * @param district the subject's district bit, -1 when unknown (service-district scope)
 * @param open false when the project meets no mentor at all (not active and not failed)
 * @param secondChanceOnly a failed project: only mentors offering second incubation
 * @param sectorFilter the sector bits a mentor must share (0: none)
 * @param districtFilter the district bit a mentor must be in (-1: none)
 * @param required SmartCN tokens a mentor's text must all contain (empty: none)
 */
record PeerQuery(
    Entity subject,
    RequestFilters filters,
    ColumnForm form,
    PairScorer.Context context,
    Map<String, Integer> terms,
    int district,
    boolean open,
    boolean secondChanceOnly,
    long sectorFilter,
    int districtFilter,
    List<String> required) {

  /** The subject's terms with their counts that occur in {@code corpus}'s mentors, in order. */
  Map<String, Integer> corpusTerms(PeerCorpus corpus) {
    Map<String, Integer> out = new LinkedHashMap<>();
    terms.forEach(
        (t, n) -> {
          if (corpus.docFreq.getOrDefault(t, 0) > 0) out.put(t, n);
        });
    return out;
  }

  /**
   * What divides Lucene's BM25 of the subject's terms into the text value: the sum of count × idf
   * over its terms, idf = ln(1 + (N − df + 0.5)/(df + 0.5)) over {@code corpus}'s mentors with
   * text.
   */
  double bm25Norm(PeerCorpus corpus) {
    double norm = 0;
    double docs = corpus.textDocs;
    for (Map.Entry<String, Integer> e : terms.entrySet()) {
      int df = corpus.docFreq.getOrDefault(e.getKey(), 0);
      norm += e.getValue() * Math.log(1 + (docs - df + 0.5) / (df + 0.5));
    }
    return norm;
  }
}
