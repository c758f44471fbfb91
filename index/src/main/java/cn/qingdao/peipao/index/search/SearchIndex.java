package cn.qingdao.peipao.index.search;

import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.SectorTerms;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk Lucene index of all entities. Writes go through one {@link IndexWriter}; {@link
 * #refresh()} makes them visible to the next search (near-real-time). Each commit records the store
 * sequence it reflects and a fingerprint of the mapping and taxonomy, so that start-up can tell
 * whether the index is current, behind, or must be rebuilt. Not thread-safe for writes: the caller
 * serialises them.
 */
public final class SearchIndex implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
  static final String SEQ = "storeSeq";
  static final String STORE_ID = "storeId";
  static final String MARK = "storeMark";
  // the store this index follows, recorded with every commit (null until bound)
  private volatile String storeId;
  static final String FINGERPRINT = "fingerprint";

  private final Path path;
  // replaced together by recreate(), when the files under them were lost while running
  private volatile Directory dir;
  private volatile IndexWriter writer;
  private volatile SearcherManager searchers;
  private final EntityDocuments documents;
  private final ChineseAnalyzers analyzers;
  private final SectorTerms sectorTerms;
  private final Taxonomy taxonomy;
  private final String fingerprint;
  private final boolean rebuildNeeded;
  private final String openNote;
  private volatile FacetState facetState;

  private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {}

  /** What a search hit reads of its stored document (not the term counts). */
  private static final Set<String> HIT_FIELDS = Set.of(EntityDocuments.ID, EntityDocuments.JSON);

  private SearchIndex(
      Path path,
      Directory dir,
      IndexWriter writer,
      Taxonomy taxonomy,
      String fingerprint,
      boolean rebuildNeeded,
      String note)
      throws IOException {
    this.path = path;
    this.dir = dir;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, null);
    this.taxonomy = taxonomy;
    this.analyzers = new ChineseAnalyzers(taxonomy);
    this.documents = new EntityDocuments(taxonomy, analyzers.index());
    this.sectorTerms = new SectorTerms(taxonomy);
    this.fingerprint = fingerprint;
    this.rebuildNeeded = rebuildNeeded;
    this.openNote = note;
  }

  /**
   * Opens the index in {@code path}, creating it when missing. An index that cannot be read
   * (corrupt, wrong format) is wiped and recreated; one built with another mapping or taxonomy is
   * kept but flagged: see {@link #rebuildNeeded()}.
   */
  public static SearchIndex open(Path path, Taxonomy taxonomy) {
    String fingerprint =
        "mapping=" + EntityDocuments.MAPPING_VERSION + ";taxonomy=" + taxonomy.version();
    try {
      Files.createDirectories(path);
      FSDirectory dir = FSDirectory.open(path);
      String note = null;
      boolean rebuild = false;
      if (DirectoryReader.indexExists(dir)) {
        try {
          Map<String, String> data = SegmentInfos.readLatestCommit(dir).getUserData();
          try (DirectoryReader probe = DirectoryReader.open(dir)) {
            probe.numDocs();
          }
          if (!fingerprint.equals(data.get(FINGERPRINT))) {
            rebuild = true;
            note = "index built for " + data.get(FINGERPRINT) + ", need " + fingerprint;
          }
        } catch (IOException | RuntimeException e) {
          LOG.warn(
              "search index at {} is unreadable ({}); recreating it from the store",
              path,
              e.toString());
          wipe(path);
          rebuild = true;
          note = "index was unreadable: " + e.getClass().getSimpleName();
        }
      } else {
        rebuild = true;
        note = "no index yet";
      }
      IndexWriter writer = writer(dir, taxonomy);
      return new SearchIndex(path, dir, writer, taxonomy, fingerprint, rebuild, note);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the search index at " + path, e);
    }
  }

  private static IndexWriter writer(Directory dir, Taxonomy taxonomy) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(new ChineseAnalyzers(taxonomy).index());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setRAMBufferSizeMB(64);
    return new IndexWriter(dir, config);
  }

  /**
   * Why the index cannot be trusted right now (its directory or commit gone, its writer failed), or
   * null when it is sound. Lists one directory: cheap enough to ask every second.
   */
  public String problem() {
    IndexWriter w = writer;
    if (w.getTragicException() != null) return "the index writer failed: " + w.getTragicException();
    if (!w.isOpen()) return "the index writer is closed";
    try {
      if (!Files.isDirectory(path) || !DirectoryReader.indexExists(dir))
        return "the index files at " + path + " are gone";
    } catch (IOException e) {
      return "the index at " + path + " cannot be listed: " + e;
    }
    return null;
  }

  /**
   * Throws the current index away and starts an empty one at the same place, for a rebuild from the
   * store after its files were lost while running. Searches still holding the old searcher finish
   * on it. The caller serialises this with every write.
   */
  public void recreate() throws IOException {
    SearcherManager oldSearchers = searchers;
    IndexWriter oldWriter = writer;
    Directory oldDir = dir;
    for (Closeable c : List.of(oldSearchers, oldWriter, oldDir)) {
      try {
        c.close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("closing the lost index: {}", e.toString());
      }
    }
    Files.createDirectories(path);
    wipe(path);
    Directory fresh = FSDirectory.open(path);
    IndexWriter w = writer(fresh, taxonomy);
    dir = fresh;
    writer = w;
    searchers = new SearcherManager(w, null);
    facetState = null;
  }

  private static void wipe(Path path) throws IOException {
    try (Stream<Path> files = Files.list(path)) {
      for (Path f : files.toList()) Files.deleteIfExists(f);
    }
  }

  /** True when the index must be rebuilt from the store (missing, unreadable or out of date). */
  public boolean rebuildNeeded() {
    return rebuildNeeded;
  }

  /** Why the index needs a rebuild, or null. */
  public String openNote() {
    return openNote;
  }

  /**
   * What the last commit recorded of the store it followed (nulls and 0 for a new index, or for one
   * committed before store ids and marks existed); one read of the commit point.
   *
   * @param seq the store sequence the index reflects
   * @param storeId the store's identity
   * @param mark what identifies the write at {@code seq} (see {@code EntityStore.markAt})
   */
  public record Committed(long seq, String storeId, String mark) {}

  /** The last commit's record of its store; reads the commit point's user data once. */
  public Committed committed() {
    try {
      if (!DirectoryReader.indexExists(dir)) return new Committed(0, null, null);
      Map<String, String> data = SegmentInfos.readLatestCommit(dir).getUserData();
      String seq = data.get(SEQ);
      return new Committed(
          seq == null ? 0 : Long.parseLong(seq), data.get(STORE_ID), data.get(MARK));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds or replaces the document of {@code e} with its {@code assigned} current assignments
   * (mentors, parks); visible after {@link #refresh()}.
   */
  public void upsert(Entity e, String json, int assigned) {
    try {
      writer.updateDocument(
          EntityDocuments.uid(e.type(), e.id()), documents.document(e, json, assigned));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  public void delete(EntityType type, String id) {
    try {
      writer.deleteDocuments(EntityDocuments.uid(type, id));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  public void deleteAll() {
    try {
      writer.deleteAll();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Makes every write so far visible to searches. */
  public void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Records that this index follows the store {@code id}; the next commits say so. */
  public void bindStore(String id) {
    this.storeId = id;
  }

  /**
   * Durably commits the index as reflecting the store up to {@code storeSeq}, recording {@code
   * mark} (what identifies the write at that seq; null when unknown) and the bound store's id.
   */
  public void commit(long storeSeq, String mark) {
    try {
      Map<String, String> data = new java.util.HashMap<>();
      data.put(SEQ, Long.toString(storeSeq));
      if (mark != null) data.put(MARK, mark);
      data.put(FINGERPRINT, fingerprint);
      if (storeId != null) data.put(STORE_ID, storeId);
      writer.setLiveCommitData(data.entrySet());
      writer.commit();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Number of documents of {@code type} visible to searches; cheap (no scoring or facets). */
  public long count(EntityType type) {
    IndexSearcher searcher = acquire();
    try {
      return searcher.count(new TermQuery(new Term(EntityDocuments.TYPE, type.path())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(searcher);
    }
  }

  private IndexSearcher acquire() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void release(IndexSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      LOG.warn("cannot release searcher", e);
    }
  }

  /** Runs {@code work} on the current searcher (it sees every write so far). */
  public <T> T withSearcher(Function<IndexSearcher, T> work) {
    IndexSearcher searcher = acquire();
    try {
      return work.apply(searcher);
    } finally {
      release(searcher);
    }
  }

  /** The analyzer of indexed text (no synonyms). */
  public Analyzer indexAnalyzer() {
    return analyzers.index();
  }

  /** Runs a search; cost grows with the number of matches (facets count them all). */
  public SearchResult search(SearchRequest request) {
    IndexSearcher searcher = acquire();
    try {
      Query query = query(request);
      boolean scored = request.q() != null && !request.q().isBlank();
      Sort sort =
          scored
              ? new Sort(
                  SortField.FIELD_SCORE,
                  new SortField(EntityDocuments.ID_SORT, SortField.Type.STRING))
              : new Sort(new SortField(EntityDocuments.ID_SORT, SortField.Type.STRING));
      int n = Math.max(1, request.offset() + request.limit());
      TopFieldCollectorManager top = new TopFieldCollectorManager(sort, n, Integer.MAX_VALUE);
      FacetsCollectorManager facetsManager = new FacetsCollectorManager();
      Object[] results = searcher.search(query, new MultiCollectorManager(top, facetsManager));
      TopFieldDocs docs = (TopFieldDocs) results[0];
      FacetsCollector fc = (FacetsCollector) results[1];
      List<SearchResult.Hit> hits = new ArrayList<>();
      StoredFields stored = searcher.storedFields();
      ScoreDoc[] sd = docs.scoreDocs;
      for (int i = request.offset();
          i < Math.min(sd.length, request.offset() + request.limit());
          i++) {
        var doc = stored.document(sd[i].doc, HIT_FIELDS);
        // With a field sort the relevance is the first sort value, not ScoreDoc.score.
        float score = scored ? (Float) ((FieldDoc) sd[i]).fields[0] : 0f;
        hits.add(
            new SearchResult.Hit(
                doc.get(EntityDocuments.ID), score, doc.get(EntityDocuments.JSON)));
      }
      return new SearchResult(docs.totalHits.value(), hits, facets(searcher.getIndexReader(), fc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(searcher);
    }
  }

  private Query query(SearchRequest r) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new TermQuery(new Term(EntityDocuments.TYPE, r.type().path())), Occur.FILTER);
    for (Map.Entry<String, List<String>> f : r.filters().entrySet()) {
      if (f.getValue().isEmpty()) continue;
      List<BytesRef> terms = f.getValue().stream().map(BytesRef::new).toList();
      b.add(new TermInSetQuery(f.getKey(), terms), Occur.FILTER);
    }
    if (r.startFrom() != null || r.startBefore() != null)
      b.add(
          org.apache.lucene.document.LongPoint.newRangeQuery(
              EntityDocuments.EVENT_START,
              r.startFrom() == null ? Long.MIN_VALUE : r.startFrom(),
              r.startBefore() == null ? Long.MAX_VALUE : r.startBefore() - 1),
          Occur.FILTER);
    if (r.q() == null || r.q().isBlank()) {
      b.add(new MatchAllDocsQuery(), Occur.FILTER);
      return b.build();
    }
    b.add(textQuery(r.q(), r.type()), Occur.MUST);
    return b.build();
  }

  /**
   * Text relevance: any word may match, a known sector term only as a whole (数字经济 is not 经济 ∨ 数字,
   * so it does not find 低空经济); name matches weigh double, sector names little; and an entity of a
   * sector the query names matches too, below those whose text says it.
   */
  private Query textQuery(String q, EntityType type) {
    QueryBuilder qb = new QueryBuilder(analyzers.query());
    List<SectorTerms.Hit> hits = sectorTerms.find(q);
    char[] rest = q.toCharArray();
    for (SectorTerms.Hit h : hits) java.util.Arrays.fill(rest, h.start(), h.end(), ' ');
    String words = new String(rest);
    BooleanQuery.Builder text = new BooleanQuery.Builder();
    String[] fields = {
      EntityDocuments.NAME, EntityDocuments.textOf(type), EntityDocuments.SECTOR_TEXT
    };
    float[] boosts = {2f, 1f, 0.3f};
    for (int i = 0; i < fields.length; i++) {
      addField(text, qb.createBooleanQuery(fields[i], words, Occur.SHOULD), boosts[i]);
      for (SectorTerms.Hit h : hits)
        addField(text, qb.createPhraseQuery(fields[i], h.term()), boosts[i]);
    }
    for (SectorTerms.Hit h : hits) {
      for (String code : h.sectors()) {
        text.add(
            new BoostQuery(
                new ConstantScoreQuery(new TermQuery(new Term(EntityDocuments.SECTOR, code))),
                0.5f),
            Occur.SHOULD);
      }
    }
    BooleanQuery built = text.build();
    if (built.clauses().isEmpty()) {
      // Only stop words or punctuation: nothing can match.
      return new BooleanQuery.Builder().build();
    }
    return built;
  }

  private static void addField(BooleanQuery.Builder b, Query q, float boost) {
    if (q != null) b.add(new BoostQuery(q, boost), Occur.SHOULD);
  }

  private Map<String, Map<String, Integer>> facets(IndexReader reader, FacetsCollector fc)
      throws IOException {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    SortedSetDocValuesReaderState state = facetState(reader);
    SortedSetDocValuesFacetCounts counts =
        state == null ? null : new SortedSetDocValuesFacetCounts(state, fc);
    for (String dim : EntityDocuments.FACETS) {
      Map<String, Integer> values = new LinkedHashMap<>();
      FacetResult r = null;
      if (counts != null) {
        try {
          r = counts.getAllChildren(dim);
        } catch (IllegalArgumentException noSuchDimension) {
          r = null;
        }
      }
      if (r != null) {
        List<LabelAndValue> lv = new ArrayList<>(List.of(r.labelValues));
        lv.sort(
            Comparator.comparing((LabelAndValue x) -> -x.value.intValue())
                .thenComparing(x -> x.label));
        for (LabelAndValue x : lv)
          if (x.value.intValue() > 0) values.put(x.label, x.value.intValue());
      }
      out.put(dim, values);
    }
    return out;
  }

  /** The facet ordinal state of {@code reader}, built once per reader (it costs a pass). */
  private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
    FacetState s = facetState;
    if (s != null && s.reader() == reader) return s.state();
    SortedSetDocValuesReaderState state;
    try {
      state = new DefaultSortedSetDocValuesReaderState(reader, documents.facetsConfig());
    } catch (IllegalArgumentException noFacetsYet) {
      state = null;
    }
    facetState = new FacetState(reader, state);
    return state;
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
    dir.close();
  }
}
