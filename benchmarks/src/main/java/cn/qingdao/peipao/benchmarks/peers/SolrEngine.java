package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Apache Solr 9.10.1 embedded ({@code benchmarks/solr}'s {@code solr-peer.jar}, its own JVM since
 * Solr is built on Lucene 9), driven one JSON line per request over its stdin and stdout. The index
 * lives in the corpus directory ({@code solr/}), built once, merged to one segment, no caches. The
 * score is the service's formula as a function query, BM25 over the pre-segmented SmartCN tokens;
 * {@link #lastTookMillis} is the time spent inside Solr for the last query.
 */
final class SolrEngine implements PeerEngine {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int BATCH = 5000;

  private final PeerCorpus corpus;
  private final Process peer;
  private final BufferedWriter toPeer;
  private final BufferedReader fromPeer;
  private double lastTook = Double.NaN;

  SolrEngine(Path jar, String javaHome, PeerCorpus corpus) throws IOException {
    if (!Files.isRegularFile(jar))
      throw new IOException(
          jar + " is missing: build it with `mvn -B package -pl benchmarks/solr -am -DskipTests`");
    this.corpus = corpus;
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(javaHome, "bin", "java").toString(),
            "-Xmx4g",
            "-jar",
            jar.toString(),
            corpus.dir.resolve("solr").toString());
    pb.redirectError(corpus.dir.resolve("solr.log").toFile());
    peer = pb.start();
    toPeer =
        new BufferedWriter(new OutputStreamWriter(peer.getOutputStream(), StandardCharsets.UTF_8));
    fromPeer =
        new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
    if (!answer().path("ready").asBoolean())
      throw new IOException("Solr did not start; see " + corpus.dir.resolve("solr.log"));
    if (ask(F.objectNode().put("op", "count")).path("count").asLong() != corpus.size) build();
  }

  private void build() throws IOException {
    ask(F.objectNode().put("op", "clear"));
    ObjectNode batch = F.objectNode().put("op", "add");
    ArrayNode docs = batch.putArray("docs");
    for (MentorRow m : corpus.mentors) {
      docs.add(m.document());
      if (docs.size() == BATCH) {
        ask(batch);
        docs.removeAll();
      }
    }
    if (!docs.isEmpty()) ask(batch);
    long n = ask(F.objectNode().put("op", "commit")).path("count").asLong();
    if (n != corpus.size)
      throw new IOException("Solr holds " + n + " mentors after the build, not " + corpus.size);
  }

  private JsonNode ask(ObjectNode request) throws IOException {
    toPeer.write(Json.write(request));
    toPeer.newLine();
    toPeer.flush();
    JsonNode a = answer();
    if (a.has("error")) throw new IOException("Solr: " + a.path("error").asText());
    return a;
  }

  private JsonNode answer() throws IOException {
    String line = fromPeer.readLine();
    if (line == null) throw new IOException("Solr exited; see " + corpus.dir.resolve("solr.log"));
    return Json.parse(line);
  }

  @Override
  public String name() {
    return "Solr 9.10.1 embedded";
  }

  @Override
  public List<String> top(PeerQuery q, int k) throws IOException {
    if (!q.open()) {
      lastTook = 0;
      return List.of();
    }
    ObjectNode r = F.objectNode().put("op", "query").put("k", k);
    r.put("district", q.district()).put("secondOnly", q.secondChanceOnly());
    ArrayNode bits = r.putArray("sectorBits");
    for (long b = q.sectorFilter(); b != 0; b &= b - 1) bits.add(Long.numberOfTrailingZeros(b));
    r.put("districtFilter", q.districtFilter());
    ArrayNode required = r.putArray("required");
    q.required().forEach(required::add);
    ObjectNode terms = r.putObject("terms");
    q.corpusTerms(corpus).forEach(terms::put);
    r.put("norm", q.bm25Norm(corpus));
    r.set("form", Json.mapper().valueToTree(q.form()));
    JsonNode a = ask(r);
    lastTook = a.path("nanos").asLong() / 1e6;
    List<String> ids = new ArrayList<>(k);
    for (JsonNode id : a.path("ids")) ids.add(id.asText());
    return ids;
  }

  @Override
  public double lastTookMillis() {
    return lastTook;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      toPeer.write("{\"op\":\"close\"}");
      toPeer.newLine();
      toPeer.flush();
    } catch (IOException gone) {
      // already exited
    }
    if (!peer.waitFor(60, TimeUnit.SECONDS)) peer.destroyForcibly();
  }
}
