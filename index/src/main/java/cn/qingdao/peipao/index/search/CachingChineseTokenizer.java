package cn.qingdao.peipao.index.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.cn.smart.WordType;
import org.apache.lucene.analysis.cn.smart.hhmm.SegToken;
import org.apache.lucene.analysis.cn.smart.hhmm.SegTokenFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.analysis.util.SegmentingTokenizerBase;

/**
 * SmartCN's {@code HMMChineseTokenizer}, its segmentation computed by {@link SmartCnSegmenter} (the
 * same tokens, a few times faster), with the words of each sentence remembered: the HMM segments a
 * sentence on its own, so a sentence seen before (a tag, a name, a boilerplate phrase; 42 % of the
 * characters of the synthetic corpus) is answered from memory with the very same tokens, offsets
 * and types ({@code CachingChineseTokenizerTest} compares both on every kind of text). The memory
 * is shared, bounded ({@link #MAX_SENTENCES} sentences of at most {@link #MAX_LENGTH} characters,
 * emptied when full) and thread-safe.
 */
final class CachingChineseTokenizer extends SegmentingTokenizerBase {
  /** Sentences remembered before the memory is emptied; a few MB at most. */
  static final int MAX_SENTENCES = 20_000;

  /** Longer sentences are segmented every time: they rarely repeat. */
  static final int MAX_LENGTH = 160;

  private static final BreakIterator SENTENCE = BreakIterator.getSentenceInstance(Locale.ROOT);

  /** A sentence's words: term characters and offsets within the sentence, flattened. */
  private record Words(char[][] terms, int[] starts, int[] ends) {}

  private static final Map<String, Words> MEMORY = new ConcurrentHashMap<>();

  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);
  private final TypeAttribute typeAtt = addAttribute(TypeAttribute.class);
  private final SmartCnSegmenter segmenter = new SmartCnSegmenter();
  private final SegTokenFilter filter = new SegTokenFilter();
  private Words words;
  private int next;
  private int sentenceOffset;

  CachingChineseTokenizer() {
    super(DEFAULT_TOKEN_ATTRIBUTE_FACTORY, (BreakIterator) SENTENCE.clone());
  }

  @Override
  protected void setNextSentence(int sentenceStart, int sentenceEnd) {
    String sentence = new String(buffer, sentenceStart, sentenceEnd - sentenceStart);
    sentenceOffset = offset + sentenceStart;
    next = 0;
    if (sentence.length() > MAX_LENGTH) {
      words = segment(sentence);
      return;
    }
    Words known = MEMORY.get(sentence);
    if (known == null) {
      known = segment(sentence);
      if (MEMORY.size() >= MAX_SENTENCES) MEMORY.clear(); // bounded: start again
      MEMORY.put(sentence, known);
    }
    words = known;
  }

  /** What SmartCN's WordSegmenter makes of one sentence, offsets within it. */
  private Words segment(String sentence) {
    List<SegToken> all = segmenter.process(sentence);
    // the first and last tokens are SENTENCE_BEGIN and SENTENCE_END
    int n = Math.max(0, all.size() - 2);
    char[][] terms = new char[n][];
    int[] starts = new int[n];
    int[] ends = new int[n];
    for (int i = 0; i < n; i++) {
      SegToken t = all.get(i + 1);
      switch (t.wordType) {
        case WordType.STRING,
            WordType.NUMBER,
            WordType.FULLWIDTH_NUMBER,
            WordType.FULLWIDTH_STRING ->
            t.charArray = sentence.substring(t.startOffset, t.endOffset).toCharArray();
        default -> {}
      }
      t = filter.filter(t);
      terms[i] = t.charArray;
      starts[i] = t.startOffset;
      ends[i] = t.endOffset;
    }
    return new Words(terms, starts, ends);
  }

  @Override
  protected boolean incrementWord() {
    if (words == null || next >= words.terms().length) return false;
    int i = next++;
    clearAttributes();
    char[] term = words.terms()[i];
    termAtt.copyBuffer(term, 0, term.length);
    offsetAtt.setOffset(
        correctOffset(sentenceOffset + words.starts()[i]),
        correctOffset(sentenceOffset + words.ends()[i]));
    typeAtt.setType("word");
    return true;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    words = null;
    next = 0;
  }
}
