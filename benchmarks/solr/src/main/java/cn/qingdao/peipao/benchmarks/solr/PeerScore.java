package cn.qingdao.peipao.benchmarks.solr;

import cn.qingdao.peipao.core.scoring.ColumnForm;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.queries.function.FunctionValues;
import org.apache.lucene.queries.function.ValueSource;
import org.apache.lucene.queries.function.docvalues.DoubleDocValues;
import org.apache.lucene.search.IndexSearcher;

/**
 * The service's exact score of a mentor ({@link ColumnForm#score}) over Solr's doc values, the text
 * value being BM25 over {@code norm}, capped at 1. O(1) per document plus the text scorer's
 * advance.
 */
final class PeerScore extends ValueSource {
  private final ColumnForm form;
  private final ValueSource text;
  private final double norm;
  private final ValueSource sectors;
  private final ValueSource keywords;
  private final ValueSource stages;
  private final ValueSource services;
  private final ValueSource capacity;
  private final ValueSource lat;
  private final ValueSource lon;

  PeerScore(
      ColumnForm form,
      ValueSource text,
      double norm,
      ValueSource sectors,
      ValueSource keywords,
      ValueSource stages,
      ValueSource services,
      ValueSource capacity,
      ValueSource lat,
      ValueSource lon) {
    this.form = form;
    this.text = text;
    this.norm = norm;
    this.sectors = sectors;
    this.keywords = keywords;
    this.stages = stages;
    this.services = services;
    this.capacity = capacity;
    this.lat = lat;
    this.lon = lon;
  }

  @Override
  public void createWeight(Map<Object, Object> context, IndexSearcher searcher) throws IOException {
    text.createWeight(context, searcher);
  }

  @Override
  public FunctionValues getValues(Map<Object, Object> context, LeafReaderContext leaf)
      throws IOException {
    FunctionValues t = text.getValues(context, leaf);
    FunctionValues sec = sectors.getValues(context, leaf);
    FunctionValues kw = keywords.getValues(context, leaf);
    FunctionValues st = stages.getValues(context, leaf);
    FunctionValues sv = services.getValues(context, leaf);
    FunctionValues cap = capacity.getValues(context, leaf);
    FunctionValues la = lat.getValues(context, leaf);
    FunctionValues lo = lon.getValues(context, leaf);
    return new DoubleDocValues(this) {
      @Override
      public double doubleVal(int doc) throws IOException {
        double textValue = norm > 0 ? Math.min(1.0, t.doubleVal(doc) / norm) : 0;
        boolean point = la.exists(doc) && lo.exists(doc);
        return form.score(
            sec.longVal(doc),
            kw.longVal(doc),
            st.intVal(doc),
            sv.intVal(doc),
            cap.intVal(doc),
            point ? la.doubleVal(doc) : Double.NaN,
            point ? lo.doubleVal(doc) : Double.NaN,
            textValue);
      }
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerScore p
        && p.form == form
        && p.text.equals(text)
        && p.norm == norm
        && p.sectors.equals(sectors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(System.identityHashCode(form), text, norm);
  }

  @Override
  public String description() {
    return "peer(" + text.description() + ", norm=" + norm + ")";
  }
}
