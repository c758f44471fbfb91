package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.benchmarks.data.BenchData;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.FeatureExtractor;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.search.EntityDocuments;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * One benchmark size, built once into {@code cache/mentors-N}: the service's data directory (N
 * seeded mentors and the query projects, imported through the service's own import path) and {@code
 * mentors.tsv}, every mentor's columns and SmartCN tokens for the peers. A directory without its
 * {@code ready} marker is a build that did not finish and is rebuilt.
 */
final class PeerCorpus {
  /** Seed of the generator; the same as RecommendBenchmark's. */
  static final long SEED = 7;

  /** Stored projects the query sets are drawn from. */
  static final int QUERY_PROJECTS = 600;

  final Path dir;
  final int size;
  final List<MentorRow> mentors;

  /** Documents with text, and each token's document frequency among them. */
  final int textDocs;

  final Map<String, Integer> docFreq;

  private PeerCorpus(Path dir, int size, List<MentorRow> mentors) {
    this.dir = dir;
    this.size = size;
    this.mentors = mentors;
    Map<String, Integer> df = new HashMap<>();
    int docs = 0;
    for (MentorRow m : mentors) {
      if (m.tokens().length == 0) continue;
      docs++;
      for (String t : new HashSet<>(Arrays.asList(m.tokens()))) df.merge(t, 1, Integer::sum);
    }
    this.textDocs = docs;
    this.docFreq = df;
  }

  /** The service's data directory of this size. */
  Path dataDir() {
    return dir.resolve("data");
  }

  /** Opens the cached size, building it first when it is missing or unfinished. */
  static PeerCorpus openOrBuild(Path cache, int size, Taxonomy taxonomy) throws IOException {
    Path dir = cache.resolve("mentors-" + size);
    if (!Files.exists(dir.resolve("ready"))) build(dir, size, taxonomy);
    List<MentorRow> rows = new ArrayList<>(size);
    Map<String, String> interned = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(dir.resolve("mentors.tsv"))) {
      for (String line; (line = in.readLine()) != null; ) {
        MentorRow r = MentorRow.parse(line);
        String[] t = r.tokens();
        for (int i = 0; i < t.length; i++) t[i] = interned.computeIfAbsent(t[i], k -> k);
        rows.add(r);
      }
    }
    return new PeerCorpus(dir, size, rows);
  }

  private static void build(Path dir, int size, Taxonomy taxonomy) throws IOException {
    BenchData.deleteTree(dir);
    Files.createDirectories(dir);
    long start = System.nanoTime();
    SyntheticEcosystem gen = new SyntheticEcosystem(taxonomy, SEED);
    List<ObjectNode> mentors = gen.mentors(size);
    try (Catalog catalog = Catalog.open(dir.resolve("data"), taxonomy)) {
      BenchData.load(catalog, EntityType.MENTORS, mentors);
      BenchData.load(catalog, EntityType.PROJECTS, gen.projects(QUERY_PROJECTS));
      FeatureExtractor fx = new FeatureExtractor(taxonomy);
      Analyzer analyzer = catalog.index().indexAnalyzer();
      try (BufferedWriter out =
          Files.newBufferedWriter(dir.resolve("mentors.tsv"), StandardCharsets.UTF_8)) {
        for (ObjectNode json : mentors) {
          Entity e = catalog.reader().read(EntityType.MENTORS, json);
          out.write(MentorRow.of(e.id(), fx.of(e), tokens(analyzer, e)).line());
          out.write('\n');
        }
      }
    }
    Files.writeString(
        dir.resolve("ready"), "built in " + (System.nanoTime() - start) / 1e9 + " s\n");
  }

  /** The tokens the service indexes for {@code e}'s full text. */
  static String[] tokens(Analyzer analyzer, Entity e) {
    return tokens(analyzer, EntityDocuments.textOf(e.type()), EntityDocuments.indexedText(e));
  }

  /** The tokens {@code analyzer} makes of {@code text} in {@code field}, in order. */
  static String[] tokens(Analyzer analyzer, String field, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute a = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(a.toString());
      ts.end();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toArray(String[]::new);
  }
}
