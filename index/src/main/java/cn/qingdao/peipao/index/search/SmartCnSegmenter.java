package cn.qingdao.peipao.index.search;

import cn.qingdao.peipao.index.search.SmartCnDictionaries.PairHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.cn.smart.CharType;
import org.apache.lucene.analysis.cn.smart.Utility;
import org.apache.lucene.analysis.cn.smart.WordType;
import org.apache.lucene.analysis.cn.smart.hhmm.SegToken;

/**
 * SmartCN's segmentation of a sentence ({@code HHMMSegmenter.process}: every dictionary word and
 * single character as a candidate, each pair of neighbours weighed by its smoothed bigram
 * probability, the cheapest path), computed over arrays: candidate words come from a trie walk,
 * pair frequencies from SmartCN's own table without building the pair's text, and the cheapest path
 * is relaxed in one pass in the order SmartCN compares, so that ties fall the same way. The tokens
 * are SmartCN's — {@code SmartCnSegmenterTest} compares both on the real and synthetic data and on
 * random text. One instance per thread; O(candidates × neighbours) per sentence.
 */
final class SmartCnSegmenter {
  private static final double SMOOTH = 0.1;
  private static final double TINY = 1.0 / Utility.MAX_FREQUENCE;

  private final SmartCnDictionaries dict = SmartCnDictionaries.get();
  private final int startWeight = dict.frequency(Utility.START_CHAR_ARRAY);
  private final int endWeight = dict.frequency(Utility.END_CHAR_ARRAY);
  private final int stringWeight = dict.frequency(Utility.STRING_CHAR_ARRAY);
  private final int numberWeight = dict.frequency(Utility.NUMBER_CHAR_ARRAY);

  // the candidates of the current sentence, in SmartCN's index order (by start, then as added)
  private int size;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private int[] types = new int[64];
  private int[] weights = new int[64];
  private double[] best = new double[64];
  private int[] previous = new int[64];
  private int[] firstAt = new int[64]; // per start offset + 1: first candidate there, or -1
  private int[] countAt = new int[64];
  private int[] charTypes = new int[64];
  private final PairHash first = new PairHash();
  private final PairHash pair = new PairHash();

  /** SmartCN's tokens of {@code sentence}, with its SENTENCE_BEGIN and SENTENCE_END around them. */
  List<SegToken> process(String sentence) {
    int n = sentence.length();
    candidates(sentence, n);
    relax(sentence, n);
    List<SegToken> path = new ArrayList<>();
    for (int t = size - 1; ; t = previous[t]) {
      path.add(token(sentence, t));
      if (t == 0) break;
    }
    return path.reversed();
  }

  /** Lists every candidate: SmartCN's begin marker, each position's words, the end marker. */
  private void candidates(String s, int n) {
    size = 0;
    if (charTypes.length < n) charTypes = new int[n];
    if (firstAt.length < n + 2) {
      firstAt = new int[n + 2];
      countAt = new int[n + 2];
    }
    Arrays.fill(firstAt, 0, n + 2, -1);
    Arrays.fill(countAt, 0, n + 2, 0);
    for (int i = 0; i < n; i++) charTypes[i] = Utility.getCharType(s.charAt(i));
    add(-1, 0, WordType.SENTENCE_BEGIN, startWeight);
    int i = 0;
    while (i < n) {
      int j = i + 1;
      switch (charTypes[i]) {
        case CharType.SPACE_LIKE -> {}
        case CharType.SURROGATE -> {
          j = i + Character.charCount(Character.codePointAt(s, i));
          add(i, j, WordType.CHINESE_WORD, 0);
        }
        case CharType.HANZI -> {
          j = i + 1; // the next position, whatever words start here
          int node = dict.child(SmartCnDictionaries.ROOT, s.charAt(i));
          add(i, i + 1, WordType.CHINESE_WORD, node == 0 ? 0 : dict.frequency(node));
          int end = i + 1;
          int length = 1;
          while (node != 0) {
            if (length > 1 && dict.isWord(node))
              add(i, end, WordType.CHINESE_WORD, dict.frequency(node));
            while (end < n && charTypes[end] == CharType.SPACE_LIKE) end++;
            if (end >= n || charTypes[end] != CharType.HANZI) break;
            node = dict.child(node, s.charAt(end));
            end++;
            length++;
          }
        }
        case CharType.LETTER, CharType.FULLWIDTH_LETTER ->
            j =
                run(
                    i,
                    n,
                    CharType.LETTER,
                    CharType.FULLWIDTH_LETTER,
                    WordType.STRING,
                    WordType.FULLWIDTH_STRING,
                    stringWeight);
        case CharType.DIGIT, CharType.FULLWIDTH_DIGIT ->
            j =
                run(
                    i,
                    n,
                    CharType.DIGIT,
                    CharType.FULLWIDTH_DIGIT,
                    WordType.NUMBER,
                    WordType.FULLWIDTH_NUMBER,
                    numberWeight);
        case CharType.DELIMITER -> add(i, j, WordType.DELIMITER, Utility.MAX_FREQUENCE);
        default -> add(i, j, WordType.STRING, stringWeight);
      }
      i = j;
    }
    add(n, n + 1, WordType.SENTENCE_END, endWeight);
  }

  /**
   * Adds the run of {@code plain} and {@code wide} characters from {@code i} as one candidate, of
   * the wide type when any character is wide; returns where it ends.
   */
  private int run(int i, int n, int plain, int wide, int type, int wideType, int weight) {
    boolean full = charTypes[i] == wide;
    int j = i + 1;
    while (j < n && (charTypes[j] == plain || charTypes[j] == wide)) {
      if (charTypes[j] == wide) full = true;
      j++;
    }
    add(i, j, full ? wideType : type, weight);
    return j;
  }

  private void add(int start, int end, int type, int weight) {
    if (size == starts.length) {
      int m = size * 2;
      starts = Arrays.copyOf(starts, m);
      ends = Arrays.copyOf(ends, m);
      types = Arrays.copyOf(types, m);
      weights = Arrays.copyOf(weights, m);
      best = Arrays.copyOf(best, m);
      previous = Arrays.copyOf(previous, m);
    }
    starts[size] = start;
    ends[size] = end;
    types[size] = type;
    weights[size] = weight;
    if (firstAt[start + 1] < 0) firstAt[start + 1] = size;
    countAt[start + 1]++;
    size++;
  }

  /**
   * The cheapest path from the begin marker: each candidate in index order passes its cost on to
   * the candidates at the next start offset that has any. SmartCN compares a candidate's incoming
   * pairs in index order of their first word, keeping the first minimum, which this does too.
   */
  private void relax(String s, int n) {
    Arrays.fill(best, 0, size, Double.MAX_VALUE);
    best[0] = 0;
    for (int t1 = 0; t1 < size - 1; t1++) {
      int next = ends[t1];
      while (next <= n && firstAt[next + 1] < 0) next++;
      if (next > n) continue;
      first.reset();
      key(s, t1, first);
      first.add(SmartCnDictionaries.PAIR_SEPARATOR);
      double oneWordFreq = weights[t1];
      for (int t2 = firstAt[next + 1], last = t2 + countAt[next + 1]; t2 < last; t2++) {
        pair.setTo(first);
        key(s, t2, pair);
        int wordPairFreq = dict.pairFrequency(pair.hash1, pair.hash2);
        // SmartCN's smoothing, term for term: -log(a P(Ci-1) + (1-a) P(Ci|Ci-1))
        double weight =
            -Math.log(
                SMOOTH * (1.0 + oneWordFreq) / (Utility.MAX_FREQUENCE + 0.0)
                    + (1.0 - SMOOTH) * ((1.0 - TINY) * wordPairFreq / (1.0 + oneWordFreq) + TINY));
        if (best[t1] + weight < best[t2]) {
          best[t2] = best[t1] + weight;
          previous[t2] = t1;
        }
      }
    }
  }

  /** Feeds candidate {@code t}'s dictionary form (what SmartCN looks pairs up by) to {@code h}. */
  private void key(String s, int t, PairHash h) {
    char[] fixed = fixedKey(t);
    if (fixed != null) {
      for (char c : fixed) h.add(c);
      return;
    }
    for (int i = starts[t]; i < ends[t]; i++) {
      if (charTypes[i] != CharType.SPACE_LIKE || types[t] != WordType.CHINESE_WORD)
        h.add(s.charAt(i));
    }
  }

  /**
   * The dictionary form shared by every candidate of a kind (markers, strings, numbers), or null.
   */
  private char[] fixedKey(int t) {
    return switch (types[t]) {
      case WordType.SENTENCE_BEGIN -> Utility.START_CHAR_ARRAY;
      case WordType.SENTENCE_END -> Utility.END_CHAR_ARRAY;
      case WordType.STRING, WordType.FULLWIDTH_STRING -> Utility.STRING_CHAR_ARRAY;
      case WordType.NUMBER, WordType.FULLWIDTH_NUMBER -> Utility.NUMBER_CHAR_ARRAY;
      default -> null;
    };
  }

  /** Candidate {@code t} as the token SmartCN gives. */
  private SegToken token(String s, int t) {
    char[] chars = fixedKey(t);
    if (chars == null) {
      StringBuilder b = new StringBuilder(ends[t] - starts[t]);
      for (int i = starts[t]; i < ends[t]; i++) {
        if (charTypes[i] != CharType.SPACE_LIKE || types[t] != WordType.CHINESE_WORD)
          b.append(s.charAt(i));
      }
      chars = b.toString().toCharArray();
    }
    SegToken token = new SegToken(chars, starts[t], ends[t], types[t], weights[t]);
    token.index = t;
    return token;
  }
}
