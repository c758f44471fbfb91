package cn.qingdao.peipao.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.junit.jupiter.api.Test;

/**
 * The remembering tokenizer gives exactly SmartCN's tokens (terms, offsets, types, positions), the
 * first time and from memory, on the real and synthetic data and on seeded random mixtures of
 * Chinese, ASCII, digits, full-width forms, punctuation and long sentences.
 */
class CachingChineseTokenizerTest {
  @Test
  void sameTokensAsSmartCnOnEveryKindOfText() throws IOException {
    List<String> texts = new ArrayList<>();
    var taxonomy = QingdaoDataset.taxonomy();
    for (EntityType t : EntityType.values()) for (var e : QingdaoDataset.real(t)) texts(e, texts);
    SyntheticEcosystem gen = new SyntheticEcosystem(taxonomy, 3);
    for (var e : gen.projects(300)) texts(e, texts);
    for (var e : gen.mentors(100)) texts(e, texts);
    Random r = new Random(7);
    String alphabet = "创业导师园区政策青岛市崂山区人工智能海洋医药ABCxyz0123ＡＢＣ１２３，。！？；.!?\n \t-_/（）()";
    for (int i = 0; i < 600; i++) {
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(i % 50 == 0 ? 600 : 80);
      for (int k = 0; k < len; k++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      texts.add(sb.toString());
    }
    int tokens = 0;
    for (String text : texts) {
      List<String> want = tokens(new HMMChineseTokenizer(), text);
      assertEquals(want, tokens(new CachingChineseTokenizer(), text), text);
      assertEquals(want, tokens(new CachingChineseTokenizer(), text), "from memory: " + text);
      tokens += want.size();
    }
    assertTrue(tokens > 20_000, "tokens compared: " + tokens);
  }

  private static void texts(JsonNode node, List<String> out) {
    if (node.isTextual()) out.add(node.asText());
    else node.forEach(child -> texts(child, out));
  }

  /** Each token as term|start|end|type|position increment; one tokenizer reused twice. */
  private static List<String> tokens(Tokenizer t, String text) throws IOException {
    List<String> out = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      t.setReader(new StringReader(text));
      t.reset();
      CharTermAttribute term = t.getAttribute(CharTermAttribute.class);
      OffsetAttribute offset = t.getAttribute(OffsetAttribute.class);
      TypeAttribute type = t.getAttribute(TypeAttribute.class);
      PositionIncrementAttribute pos = t.getAttribute(PositionIncrementAttribute.class);
      while (t.incrementToken())
        out.add(
            term
                + "|"
                + offset.startOffset()
                + "|"
                + offset.endOffset()
                + "|"
                + type.type()
                + "|"
                + pos.getPositionIncrement());
      t.end();
      out.add("end " + offset.endOffset());
      t.close();
    }
    return out;
  }
}
