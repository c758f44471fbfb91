package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.scoring.ColumnForm;
import cn.qingdao.peipao.core.scoring.Geo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenSearch over HTTP (started by {@code benchmarks/peers/opensearch.sh}): one shard,
 * force-merged, request cache off. The SmartCN tokens are indexed pre-segmented with the whitespace
 * tokenizer, so its BM25 sees our tokens; a {@code script_score} query applies the formula in
 * Painless over doc values, with the hard constraints and filters as filter clauses and the text as
 * should clauses (one term query per token, boosted by its count). {@link #lastTookMillis} is the
 * server's {@code took}.
 */
final class OpenSearchEngine implements PeerEngine {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** The formula of {@link ColumnForm#score}, reading a mentor's doc values. */
  static final String SCRIPT =
      """
      long s = doc['sectors'].value;
      double sec;
      if (s == 0) { sec = params.agnostic; }
      else {
        double v = 0;
        if (params.subjectSectors == 0) { v = params.neutral; }
        else {
          for (long bits = s; bits != 0; bits &= bits - 1) {
            v = Math.max(v, (double) params.sectorOfBit[Long.numberOfTrailingZeros(bits)]);
          }
        }
        if (((doc['kw'].value & params.subjectSectors) | (params.subjectKeywords & s)) != 0) {
          v = Math.max(v, params.keywordMatch);
        }
        sec = v;
      }
      int st = (int) doc['stages'].value;
      int sv = (int) doc['services'].value;
      int slots = (int) doc['capacity'].value;
      double cap = slots <= 0 ? 0 : 1 - Math.exp(-slots / params.slots);
      double loc = params.neutral;
      if (params.hasPoint && doc['lat'].size() > 0) {
        double x = (doc['lon'].value - params.lon) * params.rad * params.cos;
        double y = (doc['lat'].value - params.lat) * params.rad;
        loc = Math.exp(-params.earth * Math.sqrt(x * x + y * y) / params.scale);
      }
      double t = params.norm > 0 ? Math.min(1.0, _score / params.norm) : 0;
      double a = params.sectorA * sec + (double) params.stageA[st] + (double) params.needsA[sv]
          + params.capacityA * cap + params.locationA * loc + params.textA * t;
      if (!params.reciprocal) { return a; }
      double b = params.sectorB * sec + (double) params.stageB[st] + (double) params.needsB[sv]
          + params.capacityB * cap + params.locationB * loc + params.textB * t;
      return a + b == 0 ? 0 : 2 * a * b / (a + b);
      """;

  private final OpenSearchHttp http;
  private final String index;
  private final PeerCorpus corpus;
  private double lastTook = Double.NaN;

  OpenSearchEngine(String base, PeerCorpus corpus) throws IOException, InterruptedException {
    this.http = new OpenSearchHttp(base);
    this.corpus = corpus;
    this.index = "mentors-" + corpus.size;
    JsonNode count = http.send("GET", "/" + index + "/_count", null, true);
    if (count == null || count.path("count").asLong() != corpus.size) build();
  }

  private void build() throws IOException, InterruptedException {
    http.send("DELETE", "/" + index, null, true);
    ObjectNode settings = F.objectNode();
    settings.put("number_of_shards", 1).put("number_of_replicas", 0).put("refresh_interval", "-1");
    settings.put("index.requests.cache.enable", false);
    settings
        .putObject("analysis")
        .putObject("analyzer")
        .putObject("tokens")
        .put("type", "custom")
        .put("tokenizer", "whitespace");
    ObjectNode body = F.objectNode();
    body.set("settings", settings);
    ObjectNode props = body.putObject("mappings").put("dynamic", "strict").putObject("properties");
    props.putObject("id").put("type", "keyword");
    for (String f : List.of("sectors", "kw")) props.putObject(f).put("type", "long");
    for (String f : List.of("stages", "services", "capacity", "district", "sector_bits"))
      props.putObject(f).put("type", "integer");
    props.putObject("scope").put("type", "keyword");
    props.putObject("second").put("type", "boolean");
    for (String f : List.of("lat", "lon")) props.putObject(f).put("type", "double");
    props.putObject("text").put("type", "text").put("analyzer", "tokens");
    http.send("PUT", "/" + index, Json.write(body), false);
    StringBuilder bulk = new StringBuilder();
    int n = 0;
    for (MentorRow m : corpus.mentors) {
      bulk.append("{\"index\":{\"_id\":\"").append(m.id()).append("\"}}\n");
      bulk.append(Json.write(m.document())).append('\n');
      if (++n % 5000 == 0) {
        http.send("POST", "/" + index + "/_bulk", bulk.toString(), false);
        bulk.setLength(0);
      }
    }
    if (!bulk.isEmpty()) http.send("POST", "/" + index + "/_bulk", bulk.toString(), false);
    http.send("POST", "/" + index + "/_refresh", null, false);
    http.send("POST", "/" + index + "/_forcemerge?max_num_segments=1", null, false);
    http.send(
        "PUT", "/" + index + "/_settings", "{\"index\":{\"refresh_interval\":\"1s\"}}", false);
    http.send("POST", "/" + index + "/_refresh", null, false);
  }

  @Override
  public String name() {
    return "OpenSearch 3.8";
  }

  @Override
  public List<String> top(PeerQuery q, int k) throws IOException, InterruptedException {
    if (!q.open()) {
      lastTook = 0;
      return List.of();
    }
    JsonNode answer =
        http.send(
            "POST", "/" + index + "/_search?request_cache=false", Json.write(query(q, k)), false);
    lastTook = answer.path("took").asDouble();
    List<String> ids = new ArrayList<>(k);
    for (JsonNode hit : answer.path("hits").path("hits")) ids.add(hit.path("_id").asText());
    return ids;
  }

  @Override
  public double lastTookMillis() {
    return lastTook;
  }

  /** The search body of {@code q}. */
  ObjectNode query(PeerQuery q, int k) {
    ObjectNode body = F.objectNode();
    body.put("size", k).put("track_total_hits", false).put("_source", false);
    ArrayNode sort = body.putArray("sort");
    sort.addObject().put("_score", "desc");
    sort.addObject().put("id", "asc");
    ObjectNode bool = F.objectNode();
    ArrayNode filter = bool.putArray("filter");
    filter.addObject().putObject("range").putObject("capacity").put("gt", 0);
    ArrayNode scope = filter.addObject().putObject("terms").putArray("scope").add("any");
    if (q.district() >= 0) scope.add(Integer.toString(q.district()));
    if (q.secondChanceOnly()) filter.addObject().putObject("term").put("second", true);
    if (q.sectorFilter() != 0) {
      ArrayNode bits = filter.addObject().putObject("terms").putArray("sector_bits");
      for (long b = q.sectorFilter(); b != 0; b &= b - 1) bits.add(Long.numberOfTrailingZeros(b));
    }
    if (q.districtFilter() >= 0)
      filter.addObject().putObject("term").put("district", q.districtFilter());
    for (String w : q.required()) filter.addObject().putObject("term").put("text", w);
    ArrayNode should = bool.putArray("should");
    q.corpusTerms(corpus)
        .forEach(
            (t, n) ->
                should
                    .addObject()
                    .putObject("term")
                    .putObject("text")
                    .put("value", t)
                    .put("boost", n));
    ObjectNode scriptScore = body.putObject("query").putObject("script_score");
    scriptScore.putObject("query").set("bool", bool);
    ObjectNode script = scriptScore.putObject("script");
    script.put("source", SCRIPT);
    script.set("params", params(q.form(), q.bm25Norm(corpus)));
    return body;
  }

  private static ObjectNode params(ColumnForm f, double norm) {
    ObjectNode p = F.objectNode();
    p.put("agnostic", f.sectorAgnostic()).put("neutral", f.neutral());
    p.put("subjectSectors", f.subjectSectors()).put("subjectKeywords", f.subjectKeywords());
    p.put("keywordMatch", f.keywordMatch()).put("slots", f.capacitySlots());
    p.put("hasPoint", !Double.isNaN(f.lat()));
    p.put("lat", Double.isNaN(f.lat()) ? 0 : f.lat())
        .put("lon", Double.isNaN(f.lon()) ? 0 : f.lon());
    p.put("rad", Math.PI / 180).put("cos", f.cosReference()).put("earth", Geo.EARTH_KM);
    p.put("scale", f.distanceScaleKm()).put("norm", norm).put("reciprocal", f.reciprocal());
    p.put("sectorA", f.sectorA()).put("sectorB", f.sectorB());
    p.put("capacityA", f.capacityA()).put("capacityB", f.capacityB());
    p.put("locationA", f.locationA()).put("locationB", f.locationB());
    p.put("textA", f.textA()).put("textB", f.textB());
    array(p.putArray("sectorOfBit"), f.sectorOfBit());
    array(p.putArray("stageA"), f.stageA());
    array(p.putArray("stageB"), f.stageB());
    array(p.putArray("needsA"), f.needsA());
    array(p.putArray("needsB"), f.needsB());
    return p;
  }

  private static void array(ArrayNode out, double[] values) {
    for (double v : values) out.add(v);
  }
}
