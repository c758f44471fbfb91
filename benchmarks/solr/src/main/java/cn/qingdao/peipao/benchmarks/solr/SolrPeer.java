package cn.qingdao.peipao.benchmarks.solr;

import cn.qingdao.peipao.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/**
 * Solr embedded, answering one JSON request per line on stdin with one JSON line on stdout (logs go
 * to stderr). Requests, by {@code op}: {@code count} (documents indexed), {@code clear}, {@code
 * add} ({@code docs}: mentors as the peers index them), {@code commit} (and merge to one segment),
 * {@code query} (a project → mentors query: its hard constraints and filters as filter queries, the
 * score as {@code peer()}; answers {@code ids} and {@code nanos}, the time inside Solr) and {@code
 * close}.
 *
 * <pre>java -jar benchmarks/solr/target/solr-peer.jar SOLR_HOME</pre>
 */
public final class SolrPeer implements AutoCloseable {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final String CORE = "mentors";

  private final EmbeddedSolrServer solr;

  /** Opens (creating when missing) the Solr home {@code home} with its one core. */
  public SolrPeer(Path home) throws IOException {
    Path core = home.resolve(CORE);
    if (!Files.exists(core.resolve("core.properties"))) {
      Files.createDirectories(core.resolve("conf"));
      copy("solr.xml", home.resolve("solr.xml"));
      copy("conf/solrconfig.xml", core.resolve("conf/solrconfig.xml"));
      copy("conf/schema.xml", core.resolve("conf/schema.xml"));
      Files.writeString(core.resolve("core.properties"), "name=" + CORE + "\n");
    }
    solr = new EmbeddedSolrServer(home, CORE);
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = SolrPeer.class.getResourceAsStream("/solr-peer/" + resource)) {
      if (in == null) throw new IOException("missing resource /solr-peer/" + resource);
      Files.copy(in, to);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: java -jar solr-peer.jar SOLR_HOME");
      System.exit(2);
    }
    // the protocol owns stdout: anything Solr prints goes to stderr
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err);
    try (SolrPeer peer = new SolrPeer(Path.of(args[0]));
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      out.println("{\"ready\":true}");
      out.flush();
      for (String line; (line = in.readLine()) != null; ) {
        JsonNode request = Json.parse(line);
        if (request.path("op").asText().equals("close")) break;
        ObjectNode answer;
        try {
          answer = peer.handle(request);
        } catch (Exception e) {
          answer = F.objectNode().put("error", e.toString());
        }
        out.println(Json.write(answer));
        out.flush();
      }
    }
  }

  /** Answers one request. */
  ObjectNode handle(JsonNode r) throws SolrServerException, IOException {
    return switch (r.path("op").asText()) {
      case "count" -> F.objectNode().put("count", count());
      case "clear" -> {
        solr.deleteByQuery("*:*");
        solr.commit();
        yield F.objectNode().put("count", count());
      }
      case "add" -> {
        List<SolrInputDocument> docs = new ArrayList<>();
        for (JsonNode d : r.path("docs")) docs.add(document(d));
        solr.add(docs);
        yield F.objectNode().put("added", docs.size());
      }
      case "commit" -> {
        solr.commit();
        solr.optimize(true, true, 1);
        yield F.objectNode().put("count", count());
      }
      case "query" -> query(r);
      default -> throw new IllegalArgumentException("unknown op '" + r.path("op").asText() + "'");
    };
  }

  private long count() throws SolrServerException, IOException {
    SolrQuery q = new SolrQuery("*:*");
    q.setRows(0);
    return solr.query(q).getResults().getNumFound();
  }

  private static SolrInputDocument document(JsonNode d) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.addField("id", d.path("id").asText());
    doc.addField("sectors", d.path("sectors").asLong());
    doc.addField("kw", d.path("kw").asLong());
    for (String f : List.of("stages", "services", "capacity", "district"))
      doc.addField(f, d.path(f).asInt());
    doc.addField("second", d.path("second").asBoolean());
    for (JsonNode b : d.path("sector_bits")) doc.addField("sector_bits", b.asInt());
    for (JsonNode s : d.path("scope")) doc.addField("scope", s.asText());
    if (d.has("lat")) {
      doc.addField("lat", d.path("lat").asDouble());
      doc.addField("lon", d.path("lon").asDouble());
    }
    doc.addField("text", d.path("text").asText());
    return doc;
  }

  /**
   * A query: {@code k}, {@code district} (the subject's, -1 unknown), {@code secondOnly}, {@code
   * sectorBits}, {@code districtFilter} (-1 none), {@code required} words, and for the score {@code
   * form}, {@code terms} and {@code norm}.
   */
  private ObjectNode query(JsonNode r) throws SolrServerException, IOException {
    SolrQuery q = new SolrQuery("{!func}peer()");
    q.addFilterQuery("capacity:[1 TO *]");
    int district = r.path("district").asInt(-1);
    q.addFilterQuery("{!terms f=scope}any" + (district >= 0 ? "," + district : ""));
    if (r.path("secondOnly").asBoolean()) q.addFilterQuery("second:true");
    if (!r.path("sectorBits").isEmpty()) {
      StringJoiner bits = new StringJoiner(",");
      for (JsonNode b : r.path("sectorBits")) bits.add(b.asText());
      q.addFilterQuery("{!terms f=sector_bits}" + bits);
    }
    int districtFilter = r.path("districtFilter").asInt(-1);
    if (districtFilter >= 0) q.addFilterQuery("district:" + districtFilter);
    for (JsonNode w : r.path("required")) q.addFilterQuery("{!term f=text}" + w.asText());
    q.set(PeerScoreParser.FORM, Json.write(r.path("form")));
    q.set(PeerScoreParser.TERMS, Json.write(r.path("terms")));
    q.set(PeerScoreParser.NORM, Double.toString(r.path("norm").asDouble()));
    q.setRows(r.path("k").asInt(10));
    q.setFields("id");
    q.addSort("score", SolrQuery.ORDER.desc);
    q.addSort("id", SolrQuery.ORDER.asc);
    long start = System.nanoTime();
    var docs = solr.query(q).getResults();
    long nanos = System.nanoTime() - start;
    ObjectNode answer = F.objectNode();
    ArrayNode ids = answer.putArray("ids");
    for (SolrDocument d : docs) ids.add((String) d.getFirstValue("id"));
    return answer.put("nanos", nanos);
  }

  @Override
  public void close() throws IOException {
    solr.close();
  }
}
