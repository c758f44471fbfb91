package cn.qingdao.peipao.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import com.fasterxml.jackson.databind.JsonNode;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.lucene.analysis.cn.smart.hhmm.HHMMSegmenter;
import org.apache.lucene.analysis.cn.smart.hhmm.SegToken;
import org.junit.jupiter.api.Test;

/**
 * The array segmenter gives exactly SmartCN's segmentation — the same tokens with the same text,
 * offsets, types and weights, begin and end markers included — sentence by sentence, on the real
 * and synthetic data and on seeded random mixtures of Chinese (common words and rare characters),
 * Latin, digits, full-width forms, characters beyond U+FFFF and lone surrogates, punctuation and
 * blanks inside words.
 */
class SmartCnSegmenterTest {
  @Test
  void sameSegmentationAsSmartCn() {
    List<String> sentences = new ArrayList<>();
    for (EntityType t : EntityType.values())
      for (var e : QingdaoDataset.real(t)) texts(e, sentences);
    SyntheticEcosystem gen = new SyntheticEcosystem(QingdaoDataset.taxonomy(), 9);
    for (var e : gen.projects(2_000)) texts(e, sentences);
    for (var e : gen.mentors(300)) texts(e, sentences);
    Random r = new Random(13);
    String[] alphabet = {
      "创业", "导师", "园区", "政策", "青岛", "崂山", "的", "了", "人工智能", "海洋", "研究生", "生命", "命运", "中华人民共和国", "鼷",
      "龘", "A", "b", "Z", "0", "7", "Ａ", "ｂ", "１", "～", "\uE000", "𠀀", "\uD800", "，", "。", "！",
      "?", ".", "\n", " ", "　", "\t", "-", "（", ")", "#", "@"
    };
    for (int i = 0; i < 3_000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(i % 100 == 0 ? 300 : 30);
      for (int k = 0; k < len; k++) sb.append(alphabet[r.nextInt(alphabet.length)]);
      sentences.add(sb.toString());
    }
    HHMMSegmenter smartCn = new HHMMSegmenter();
    SmartCnSegmenter ours = new SmartCnSegmenter();
    int tokens = 0;
    for (String sentence : sentences) {
      List<String> want = describe(smartCn.process(sentence));
      assertEquals(want, describe(ours.process(sentence)), sentence);
      tokens += want.size();
    }
    assertTrue(tokens > 100_000, "tokens compared: " + tokens);
  }

  /**
   * Word and pair frequencies equal SmartCN's own dictionaries' (reached by reflection: they are
   * package-private) for every word of the segmented corpus and for pairs of them — consecutive
   * ones and seeded random ones — so that a difference in a lookup shows even where it would not
   * change a segmentation of the sample.
   */
  @Test
  void sameWordAndPairFrequenciesAsSmartCn() throws Exception {
    Class<?> words = Class.forName("org.apache.lucene.analysis.cn.smart.hhmm.WordDictionary");
    Class<?> pairs = Class.forName("org.apache.lucene.analysis.cn.smart.hhmm.BigramDictionary");
    java.lang.reflect.Method wordsOf = words.getDeclaredMethod("getInstance");
    java.lang.reflect.Method pairsOf = pairs.getDeclaredMethod("getInstance");
    java.lang.reflect.Method wordFreq = words.getDeclaredMethod("getFrequency", char[].class);
    java.lang.reflect.Method pairFreq = pairs.getDeclaredMethod("getFrequency", char[].class);
    for (var m : List.of(wordsOf, pairsOf, wordFreq, pairFreq)) m.setAccessible(true);
    Object smartWords = wordsOf.invoke(null);
    Object smartPairs = pairsOf.invoke(null);
    List<String> sentences = new ArrayList<>();
    for (var e : new SyntheticEcosystem(QingdaoDataset.taxonomy(), 4).projects(1_000))
      texts(e, sentences);
    for (EntityType t : EntityType.values())
      for (var e : QingdaoDataset.real(t)) texts(e, sentences);
    HHMMSegmenter smartCn = new HHMMSegmenter();
    List<String> seq = new ArrayList<>();
    for (String sentence : sentences)
      for (SegToken t : smartCn.process(sentence)) seq.add(new String(t.charArray));
    SmartCnDictionaries dict = SmartCnDictionaries.get();
    Random r = new Random(17);
    int found = 0;
    for (int i = 0; i + 1 < seq.size(); i++) {
      String a = seq.get(i);
      String b = r.nextBoolean() ? seq.get(i + 1) : seq.get(r.nextInt(seq.size()));
      assertEquals(
          wordFreq.invoke(smartWords, (Object) a.toCharArray()),
          dict.frequency(a.toCharArray()),
          a);
      char[] key = (a + SmartCnDictionaries.PAIR_SEPARATOR + b).toCharArray();
      SmartCnDictionaries.PairHash h = new SmartCnDictionaries.PairHash();
      for (char c : key) h.add(c);
      int want = (Integer) pairFreq.invoke(smartPairs, (Object) key);
      assertEquals(want, dict.pairFrequency(h.hash1, h.hash2), new String(key));
      if (want > 0) found++;
    }
    assertTrue(found > 10_000, "pairs found in the dictionary: " + found);
  }

  /** Each token as text|start|end|type|weight. */
  private static List<String> describe(List<SegToken> tokens) {
    List<String> out = new ArrayList<>();
    for (SegToken t : tokens)
      out.add(
          new String(t.charArray)
              + "|"
              + t.startOffset
              + "|"
              + t.endOffset
              + "|"
              + t.wordType
              + "|"
              + t.weight);
    return out;
  }

  /** The sentences of every text under {@code node}, as the tokenizer cuts them. */
  private static void texts(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      String text = node.asText();
      BreakIterator b = BreakIterator.getSentenceInstance(Locale.ROOT);
      b.setText(text);
      for (int s = b.first(), e = b.next(); e != BreakIterator.DONE; s = e, e = b.next())
        out.add(text.substring(s, e));
    } else node.forEach(child -> texts(child, out));
  }
}
