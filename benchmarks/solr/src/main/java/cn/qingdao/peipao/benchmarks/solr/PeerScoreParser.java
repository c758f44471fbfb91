package cn.qingdao.peipao.benchmarks.solr;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.scoring.ColumnForm;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.ValueSource;
import org.apache.lucene.queries.function.valuesource.DoubleConstValueSource;
import org.apache.lucene.queries.function.valuesource.QueryValueSource;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.schema.IndexSchema;
import org.apache.solr.schema.SchemaField;
import org.apache.solr.search.FunctionQParser;
import org.apache.solr.search.SyntaxError;
import org.apache.solr.search.ValueSourceParser;

/**
 * {@code peer()}: the service's score of a mentor, from the request's {@value #FORM} (a {@link
 * ColumnForm} as JSON), {@value #TERMS} (the subject's tokens with their counts, a JSON object) and
 * {@value #NORM} (what divides BM25 into the text value). The text is BM25 over the {@code text}
 * field, one term query per token boosted by its count, as in the OpenSearch peer.
 */
public final class PeerScoreParser extends ValueSourceParser {
  static final String FORM = "peer.form";
  static final String TERMS = "peer.terms";
  static final String NORM = "peer.norm";

  @Override
  public ValueSource parse(FunctionQParser fp) throws SyntaxError {
    SolrParams p = fp.getReq().getParams();
    ColumnForm form;
    Map<String, Integer> terms;
    try {
      form = Json.mapper().readValue(required(p, FORM), ColumnForm.class);
      terms = Json.mapper().readValue(required(p, TERMS), new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new SyntaxError("peer(): bad " + FORM + " or " + TERMS + ": " + e.getOriginalMessage());
    }
    double norm = p.getDouble(NORM, 0);
    ValueSource text = new DoubleConstValueSource(0);
    if (!terms.isEmpty() && norm > 0) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (Map.Entry<String, Integer> e : terms.entrySet())
        b.add(
            new BoostQuery(new TermQuery(new Term("text", e.getKey())), e.getValue()),
            Occur.SHOULD);
      text = new QueryValueSource(b.build(), 0f);
    }
    IndexSchema schema = fp.getReq().getSchema();
    return new PeerScore(
        form,
        text,
        norm,
        field(schema, fp, "sectors"),
        field(schema, fp, "kw"),
        field(schema, fp, "stages"),
        field(schema, fp, "services"),
        field(schema, fp, "capacity"),
        field(schema, fp, "lat"),
        field(schema, fp, "lon"));
  }

  private static String required(SolrParams p, String name) throws SyntaxError {
    String v = p.get(name);
    if (v == null) throw new SyntaxError("peer() needs the request parameter " + name);
    return v;
  }

  private static ValueSource field(IndexSchema schema, FunctionQParser fp, String name) {
    SchemaField f = schema.getField(name);
    return f.getType().getValueSource(f, fp);
  }
}
