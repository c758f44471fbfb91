package cn.qingdao.peipao.index.recommend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdStream;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Visits the documents a query matches, segment by segment, with each segment's cached data: the
 * one way the recommendation paths walk hits. One collector for every slice, no threads (visitors
 * keep state), no scores. O(hits).
 */
final class Hits {
  private Hits() {}

  /** Called once per segment with hits; returns what to do with each of its documents. */
  @FunctionalInterface
  interface SegmentVisitor {
    DocVisitor segment(LeafReaderContext leaf, Segment segment);
  }

  /** Called for each matching document id of the segment. */
  @FunctionalInterface
  interface DocVisitor {
    void visit(int doc);
  }

  /** Visits every live document {@code query} matches; without a cache, visitors get no segment. */
  static void forEach(
      IndexSearcher searcher, Query query, FeatureCache cache, SegmentVisitor visitor) {
    try {
      searcher.search(query, new Manager(cache, visitor));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Manager(FeatureCache cache, SegmentVisitor visitor)
      implements CollectorManager<Collector, Void> {
    @Override
    public Collector newCollector() {
      return new Collector() {
        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) {
          DocVisitor docs =
              visitor.segment(context, cache == null ? null : cache.of(context.reader()));
          return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) {}

            @Override
            public void collect(int doc) {
              docs.visit(doc);
            }

            @Override
            public void collect(DocIdStream stream) throws IOException {
              stream.forEach(docs::visit);
            }
          };
        }

        @Override
        public ScoreMode scoreMode() {
          return ScoreMode.COMPLETE_NO_SCORES;
        }
      };
    }

    @Override
    public Void reduce(Collection<Collector> collectors) {
      return null;
    }
  }
}
