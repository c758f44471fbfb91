package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.eligibility.Eligibility;
import cn.qingdao.peipao.core.eligibility.PolicyRules;
import cn.qingdao.peipao.core.eligibility.ProfileFacts;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.DistrictBounds;
import cn.qingdao.peipao.core.scoring.FeatureExtractor;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.index.search.EntityDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;

/**
 * The {@link Segment} data of every segment, built once from the stored JSON and term counts and
 * kept until the segment goes away. Segments are immutable, so a write only costs the new small
 * segment; deleted documents are skipped by the queries that read the cache.
 */
final class FeatureCache {
  private final EntityReader reader;
  private final FeatureExtractor extractor;
  private final Eligibility eligibility;
  private final TermDictionary dictionary = new TermDictionary();
  private final DistrictBounds bounds;
  private final Map<Object, Segment> bySegment = new ConcurrentHashMap<>();
  private final Map<Object, Map<String, Integer>> docFreqs = new ConcurrentHashMap<>();

  FeatureCache(EntityReader reader, FeatureExtractor extractor, Eligibility eligibility) {
    this.reader = reader;
    this.extractor = extractor;
    this.eligibility = eligibility;
    this.bounds = new DistrictBounds(extractor.taxonomy().districts().size());
  }

  /** Boxes around every cached point, by district: never shrink, so they bound all candidates. */
  DistrictBounds bounds() {
    return bounds;
  }

  TermDictionary dictionary() {
    return dictionary;
  }

  /**
   * How many of {@code leaf}'s documents hold {@code term} in {@code field}, deleted ones included
   * as Lucene counts them: remembered per segment, whose postings never change, so a request's BM25
   * weights cost a hash lookup per segment and term instead of a terms-dictionary seek. O(1) once
   * seen.
   */
  int docFreq(LeafReader leaf, String field, String term) {
    IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
    // only words some cached document has are remembered (the cache stays within the corpus's
    // vocabulary); any other word of an ad-hoc profile is looked up each time
    if (helper == null || dictionary.find(term) < 0) return seekDocFreq(leaf, field, term);
    Object key = helper.getKey();
    Map<String, Integer> seen = docFreqs.get(key);
    if (seen == null) {
      Map<String, Integer> fresh = new ConcurrentHashMap<>();
      seen = docFreqs.putIfAbsent(key, fresh);
      if (seen == null) {
        seen = fresh;
        helper.addClosedListener(docFreqs::remove);
      }
    }
    return seen.computeIfAbsent(field + '\u0000' + term, k -> seekDocFreq(leaf, field, term));
  }

  private static int seekDocFreq(LeafReader leaf, String field, String term) {
    try {
      return leaf.docFreq(new Term(field, term));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The data of {@code leaf}'s documents by doc id; built on first use, O(docs). */
  Segment of(LeafReader leaf) {
    IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
    if (helper == null) return build(leaf);
    Object key = helper.getKey();
    Segment cached = bySegment.get(key);
    if (cached != null) return cached;
    Segment built = build(leaf);
    if (bySegment.putIfAbsent(key, built) == null) helper.addClosedListener(bySegment::remove);
    return bySegment.get(key);
  }

  private Segment build(LeafReader leaf) {
    try {
      int n = leaf.maxDoc();
      int[][] ids = new int[n][];
      int[][] freqs = new int[n][];
      int[] lengths = new int[n];
      StoredFields stored = leaf.storedFields();
      Entity[] entities = new Entity[n];
      long[] versions = new long[n];
      int[] assigned = new int[n];
      ProfileFacts[] facts = new ProfileFacts[n];
      PolicyRules[] rules = new PolicyRules[n];
      for (int doc = 0; doc < n; doc++) {
        Document d = stored.document(doc);
        String type = d.get(EntityDocuments.TYPE);
        String json = d.get(EntityDocuments.JSON);
        if (type == null || json == null) continue;
        EntityType t = EntityType.fromPath(type).orElseThrow();
        var node = Json.parse(json);
        entities[doc] = reader.read(t, node);
        versions[doc] = node.path("version").asLong();
        var load = d.getField(EntityDocuments.ASSIGNED);
        if (load != null) assigned[doc] = load.numericValue().intValue();
        if (entities[doc] instanceof Project p) facts[doc] = eligibility.facts(p);
        if (entities[doc] instanceof Policy p) rules[doc] = eligibility.compile(p);
        text(d, doc, ids, freqs, lengths);
      }
      Features[] features = extractor.of(entities, assigned);
      for (Features f : features) if (f != null) bounds.add(f);
      return new Segment(
          entities,
          versions,
          features,
          new BlockLayout(features),
          ids,
          freqs,
          lengths,
          facts,
          rules);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the stored term counts of document {@code doc} into the cache's arrays; O(terms). */
  private void text(Document d, int doc, int[][] ids, int[][] freqs, int[] lengths) {
    Counts c = new Counts();
    EntityDocuments.forEachTermCount(d, (term, freq) -> c.add(dictionary.idOf(term), freq));
    Arrays.sort(c.packed, 0, c.size);
    ids[doc] = new int[c.size];
    freqs[doc] = new int[c.size];
    for (int j = 0; j < c.size; j++) {
      ids[doc][j] = (int) (c.packed[j] >>> 32);
      freqs[doc][j] = (int) c.packed[j];
    }
    lengths[doc] = c.length;
  }

  /** A document's terms as {@code id << 32 | freq}, to be sorted by id, and its length. */
  private static final class Counts {
    long[] packed = new long[16];
    int size;
    int length;

    void add(int id, int freq) {
      if (size == packed.length) packed = Arrays.copyOf(packed, size * 2);
      packed[size++] = ((long) id << 32) | freq;
      length += freq;
    }
  }
}
