package cn.qingdao.peipao.index.search;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.ObjIntConsumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteArrayDataOutput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IntroSorter;
import org.apache.lucene.util.UnicodeUtil;

/**
 * A text analysed once: its tokens are replayed to the index ({@link #tokens}) and counted into the
 * stored term frequencies that exact text relevance reads ({@link #termCounts}). This replaces
 * Lucene's term vectors, which held the same counts at a fifth of an import's CPU (their per-term
 * buffers, flush and merges). {@code AnalyzedTextTest} checks that the index gets exactly what
 * analysing the field itself gives: the same postings, positions and norms, and counts equal to the
 * term vectors'.
 */
final class AnalyzedText {
  private char[] chars = new char[256]; // every token's term, one after another
  private int used;
  private int[] termStarts = new int[32];
  private int[] termLengths = new int[32];
  private int[] increments = new int[32];
  private int[] starts = new int[32];
  private int[] ends = new int[32];
  private int size;
  private int finalOffset;
  private int finalIncrement;

  private AnalyzedText() {}

  /** Analyses {@code text} as {@code field} with {@code analyzer}; O(tokens). */
  static AnalyzedText of(Analyzer analyzer, String field, String text) {
    AnalyzedText t = new AnalyzedText();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) t.add(term, inc.getPositionIncrement(), offset);
      ts.end();
      t.finalOffset = offset.endOffset();
      t.finalIncrement = inc.getPositionIncrement();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String reader does not fail
    }
    return t;
  }

  private void add(CharTermAttribute term, int increment, OffsetAttribute offset) {
    if (size == termStarts.length) {
      int n = ArrayUtil.oversize(size + 1, Integer.BYTES);
      termStarts = Arrays.copyOf(termStarts, n);
      termLengths = Arrays.copyOf(termLengths, n);
      increments = Arrays.copyOf(increments, n);
      starts = Arrays.copyOf(starts, n);
      ends = Arrays.copyOf(ends, n);
    }
    chars = ArrayUtil.grow(chars, used + term.length());
    System.arraycopy(term.buffer(), 0, chars, used, term.length());
    termStarts[size] = used;
    termLengths[size] = term.length();
    used += term.length();
    increments[size] = increment;
    starts[size] = offset.startOffset();
    ends[size] = offset.endOffset();
    size++;
  }

  /** The tokens again, with their positions and offsets, for one field of one document. */
  TokenStream tokens() {
    return new TokenStream() {
      private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
      private final PositionIncrementAttribute inc = addAttribute(PositionIncrementAttribute.class);
      private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
      private int next;

      @Override
      public boolean incrementToken() {
        if (next == size) return false;
        clearAttributes();
        term.copyBuffer(chars, termStarts[next], termLengths[next]);
        inc.setPositionIncrement(increments[next]);
        offset.setOffset(starts[next], ends[next]);
        next++;
        return true;
      }

      @Override
      public void end() throws IOException {
        super.end();
        inc.setPositionIncrement(finalIncrement);
        offset.setOffset(finalOffset, finalOffset);
      }

      @Override
      public void reset() throws IOException {
        super.reset();
        next = 0;
      }
    };
  }

  /**
   * Each distinct term once with how often it occurs, in the index's term order, as bytes: the
   * count of terms, then per term its UTF-8 length, bytes and frequency. Terms are compared as the
   * index keeps them, in UTF-8 (where a lone surrogate — SmartCN may cut a pair where the tokenizer
   * reads a new chunk — becomes U+FFFD, so two such tokens are one term). Read with {@link
   * #forEachCount}. O(tokens log tokens).
   */
  BytesRef termCounts() {
    byte[] utf8 = new byte[UnicodeUtil.maxUTF8Length(used)];
    int[] from = new int[size];
    int[] to = new int[size];
    byte[] one = new byte[16];
    for (int i = 0, at = 0; i < size; i++) {
      one = ArrayUtil.growNoCopy(one, UnicodeUtil.maxUTF8Length(termLengths[i]));
      int n = UnicodeUtil.UTF16toUTF8(chars, termStarts[i], termLengths[i], one);
      System.arraycopy(one, 0, utf8, at, n);
      from[i] = at;
      at += n;
      to[i] = at;
    }
    int[] order = new int[size];
    for (int i = 0; i < size; i++) order[i] = i;
    new IntroSorter() {
      private int pivot;

      @Override
      protected int compare(int i, int j) {
        return compareBytes(order[i], order[j]);
      }

      @Override
      protected void swap(int i, int j) {
        int o = order[i];
        order[i] = order[j];
        order[j] = o;
      }

      @Override
      protected void setPivot(int i) {
        pivot = order[i];
      }

      @Override
      protected int comparePivot(int j) {
        return compareBytes(pivot, order[j]);
      }

      private int compareBytes(int a, int b) {
        return Arrays.compareUnsigned(utf8, from[a], to[a], utf8, from[b], to[b]);
      }
    }.sort(0, size);
    byte[] out = new byte[5 + utf8.length + 10 * size]; // vints of at most 5 bytes
    ByteArrayDataOutput data = new ByteArrayDataOutput(out);
    try {
      int distinct = 0;
      for (int i = 0; i < size; i++)
        if (i == 0 || !sameBytes(utf8, from, to, order[i - 1], order[i])) distinct++;
      data.writeVInt(distinct);
      for (int i = 0; i < size; ) {
        int j = i + 1;
        while (j < size && sameBytes(utf8, from, to, order[i], order[j])) j++;
        int t = order[i];
        data.writeVInt(to[t] - from[t]);
        data.writeBytes(utf8, from[t], to[t] - from[t]);
        data.writeVInt(j - i);
        i = j;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an array in memory
    }
    return new BytesRef(out, 0, data.getPosition());
  }

  private static boolean sameBytes(byte[] utf8, int[] from, int[] to, int a, int b) {
    return Arrays.equals(utf8, from[a], to[a], utf8, from[b], to[b]);
  }

  /** Passes each term of {@code counts} (from {@link #termCounts}) and its frequency, in order. */
  static void forEachCount(BytesRef counts, ObjIntConsumer<String> action) {
    ByteArrayDataInput in = new ByteArrayDataInput(counts.bytes, counts.offset, counts.length);
    int n = in.readVInt();
    for (int i = 0; i < n; i++) {
      int length = in.readVInt();
      String term = new String(counts.bytes, counts.offset + in.getPosition(), length, UTF_8);
      in.skipBytes(length);
      action.accept(term, in.readVInt());
    }
  }
}
