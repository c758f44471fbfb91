package cn.qingdao.peipao.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * Indexing the replayed tokens of an {@link AnalyzedText} is indexing the text itself, and its
 * stored counts are what term vectors held: on the real and synthetic data and on seeded random
 * mixtures of Chinese, Latin, digits, full-width forms, characters beyond U+FFFF (whose UTF-16
 * order differs from the index's), punctuation and blanks — some longer than the tokenizer's chunk
 * with no line break, so that a pair is cut — two indexes — one analysing each text with term
 * vectors, one from {@code AnalyzedText} — have the same terms, postings, positions and norms, and
 * every document's counts equal its term vector, term by term in order.
 */
class AnalyzedTextTest {
  private static final String FIELD = "text_projects";

  @Test
  void replayedTokensIndexAsTheTextAndCountsEqualTermVectors() throws IOException {
    List<String> texts = texts();
    Analyzer analyzer = new ChineseAnalyzers(QingdaoDataset.taxonomy()).index();
    FieldType withVectors = new FieldType(TextField.TYPE_NOT_STORED);
    withVectors.setStoreTermVectors(true);
    withVectors.freeze();
    try (Directory analysed = new ByteBuffersDirectory();
        Directory replayed = new ByteBuffersDirectory()) {
      try (IndexWriter a = new IndexWriter(analysed, new IndexWriterConfig(analyzer));
          IndexWriter b = new IndexWriter(replayed, new IndexWriterConfig(analyzer))) {
        for (String text : texts) {
          Document da = new Document();
          da.add(new Field(FIELD, text, withVectors));
          a.addDocument(da);
          AnalyzedText t = AnalyzedText.of(analyzer, FIELD, text);
          Document db = new Document();
          db.add(new TextField(FIELD, t.tokens()));
          db.add(new StoredField(EntityDocuments.TERM_COUNTS, t.termCounts()));
          b.addDocument(db);
        }
        a.forceMerge(1);
        b.forceMerge(1);
      }
      try (DirectoryReader ra = DirectoryReader.open(analysed);
          DirectoryReader rb = DirectoryReader.open(replayed)) {
        LeafReader la = ra.leaves().get(0).reader();
        LeafReader lb = rb.leaves().get(0).reader();
        int postings = samePostings(la.terms(FIELD), lb.terms(FIELD));
        sameNorms(la.getNormValues(FIELD), lb.getNormValues(FIELD), texts.size());
        int counted = 0;
        for (int doc = 0; doc < texts.size(); doc++) {
          List<String> vector = new ArrayList<>();
          Terms v = la.termVectors().get(doc, FIELD);
          if (v != null) {
            TermsEnum te = v.iterator();
            for (BytesRef term = te.next(); term != null; term = te.next())
              vector.add(term.utf8ToString() + "×" + te.totalTermFreq());
          }
          List<String> counts = new ArrayList<>();
          EntityDocuments.forEachTermCount(
              lb.storedFields().document(doc), (term, freq) -> counts.add(term + "×" + freq));
          assertEquals(vector, counts, texts.get(doc));
          counted += counts.size();
        }
        assertTrue(postings > 20_000 && counted > 20_000, postings + " postings, " + counted);
      }
    }
  }

  /** Asserts both fields hold the same terms with the same postings; returns how many. */
  private static int samePostings(Terms a, Terms b) throws IOException {
    assertNotNull(a);
    assertNotNull(b);
    assertEquals(a.size(), b.size(), "distinct terms");
    assertEquals(a.getSumTotalTermFreq(), b.getSumTotalTermFreq(), "tokens");
    TermsEnum ta = a.iterator();
    TermsEnum tb = b.iterator();
    int n = 0;
    for (BytesRef term = ta.next(); term != null; term = ta.next()) {
      assertEquals(term, tb.next(), "terms in order");
      PostingsEnum pa = ta.postings(null, PostingsEnum.POSITIONS);
      PostingsEnum pb = tb.postings(null, PostingsEnum.POSITIONS);
      for (int doc = pa.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pa.nextDoc()) {
        assertEquals(doc, pb.nextDoc(), term.utf8ToString());
        assertEquals(pa.freq(), pb.freq(), term.utf8ToString());
        for (int i = 0; i < pa.freq(); i++)
          assertEquals(pa.nextPosition(), pb.nextPosition(), term.utf8ToString() + " @" + doc);
        n++;
      }
      assertEquals(DocIdSetIterator.NO_MORE_DOCS, pb.nextDoc(), term.utf8ToString());
    }
    assertEquals(null, tb.next(), "no extra term");
    return n;
  }

  private static void sameNorms(NumericDocValues a, NumericDocValues b, int docs)
      throws IOException {
    for (int doc = 0; doc < docs; doc++) {
      boolean has = a != null && a.advanceExact(doc);
      assertEquals(has, b != null && b.advanceExact(doc), "norm of " + doc);
      if (has) assertEquals(a.longValue(), b.longValue(), "norm of " + doc);
    }
  }

  private static List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (EntityType t : EntityType.values()) for (var e : QingdaoDataset.real(t)) texts(e, texts);
    SyntheticEcosystem gen = new SyntheticEcosystem(QingdaoDataset.taxonomy(), 5);
    for (var e : gen.projects(300)) texts(e, texts);
    Random r = new Random(11);
    String[] alphabet = {
      "创", "业", "导", "师", "园", "区", "的", "和", "人工智能", "海洋", "A", "b", "Z", "0", "7", "Ａ", "ｂ",
      "１", "\uFF5E", "\uE000", "𠀀", "𠀁", "😀", "，", "。", "！", "?", ".", "\n", " ", "\t", "-", "（",
          ")"
    };
    for (int i = 0; i < 800; i++) {
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(i % 50 == 0 ? 400 : 60);
      for (int k = 0; k < len; k++) sb.append(alphabet[r.nextInt(alphabet.length)]);
      texts.add(sb.toString());
    }
    // no line break for more than the tokenizer's 1,024-character chunk: a chunk may end inside a
    // surrogate pair, and SmartCN then gives each half as a token (one term, U+FFFD, in UTF-8)
    texts.add("中".repeat(1023) + "😀" + "中");
    texts.add("x\n" + "中".repeat(1023) + "😀" + "中");
    for (int i = 0; i < 20; i++) {
      StringBuilder sb = new StringBuilder();
      while (sb.length() < 1_000 + r.nextInt(3_000)) {
        String piece = alphabet[r.nextInt(alphabet.length)];
        if (!piece.equals("\n")) sb.append(piece);
      }
      texts.add(sb.toString());
    }
    texts.add("");
    return texts;
  }

  private static void texts(JsonNode node, List<String> out) {
    if (node.isTextual()) out.add(node.asText());
    else node.forEach(child -> texts(child, out));
  }
}
