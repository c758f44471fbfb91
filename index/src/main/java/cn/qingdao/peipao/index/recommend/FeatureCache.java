package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.FeatureExtractor;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.index.search.EntityDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.StoredFields;

/**
 * {@link Features} of every document of a segment, built once from the stored JSON and kept until
 * the segment goes away (segments are immutable, so a write only costs the new small segment).
 * Deleted documents are skipped by the queries that read the cache.
 */
final class FeatureCache {
  private final EntityReader reader;
  private final FeatureExtractor extractor;
  private final Map<Object, Features[]> bySegment = new ConcurrentHashMap<>();

  FeatureCache(EntityReader reader, FeatureExtractor extractor) {
    this.reader = reader;
    this.extractor = extractor;
  }

  /** The features of {@code leaf}'s documents by doc id; built on first use, O(docs). */
  Features[] of(LeafReader leaf) {
    IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
    if (helper == null) return build(leaf);
    Object key = helper.getKey();
    Features[] cached = bySegment.get(key);
    if (cached != null) return cached;
    Features[] built = build(leaf);
    if (bySegment.putIfAbsent(key, built) == null) helper.addClosedListener(bySegment::remove);
    return bySegment.get(key);
  }

  int segments() {
    return bySegment.size();
  }

  private Features[] build(LeafReader leaf) {
    try {
      Features[] out = new Features[leaf.maxDoc()];
      StoredFields stored = leaf.storedFields();
      for (int doc = 0; doc < out.length; doc++) {
        Document d = stored.document(doc);
        String type = d.get(EntityDocuments.TYPE);
        String json = d.get(EntityDocuments.JSON);
        if (type == null || json == null) continue;
        Entity e = reader.read(EntityType.fromPath(type).orElseThrow(), Json.parse(json));
        out[doc] = extractor.of(e);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
