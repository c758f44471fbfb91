package cn.qingdao.peipao.index.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.BitSet;
import org.apache.lucene.analysis.cn.smart.Utility;
import org.apache.lucene.analysis.cn.smart.hhmm.HHMMSegmenter;

/**
 * SmartCN's two dictionaries, read from the files its jar ships, in shapes that answer {@link
 * SmartCnSegmenter}'s questions in a few array reads: the words as a trie (which words start here,
 * with their frequencies: a step down the trie per character instead of a binary search of the
 * whole table per prefix), and the word pairs as SmartCN keeps them (a table of 64-bit hashes),
 * probed the same way. Loaded once (about 1 s) on first use; 11 MB, a little less than SmartCN's
 * own (12 MB).
 */
final class SmartCnDictionaries {
  /** The separator SmartCN puts between the two words of a pair before hashing it. */
  static final char PAIR_SEPARATOR = '@';

  private static final SmartCnDictionaries INSTANCE = load();

  /**
   * Trie edges, compactly (a hash table of the edges took 30 MB, this 11): the edges of node {@code
   * n} are {@code firstEdge[n]} up to {@code firstEdge[n + 1]}, sorted by character; the root's
   * children are also indexed directly by character.
   */
  private final int[] firstEdge;

  private final char[] edgeChar;
  private final int[] edgeChild;
  private final int[] rootChild;

  /** Per node: whether the path to it is a word, and that word's frequency. */
  private final boolean[] word;

  private final int[] frequency;

  /** SmartCN's pair table: the 64-bit hash of "first@second" per slot, and its frequency. */
  private final long[] pairHashes;

  private final int[] pairFrequencies;

  private SmartCnDictionaries(
      int[] firstEdge,
      char[] edgeChar,
      int[] edgeChild,
      boolean[] word,
      int[] frequency,
      long[] pairHashes,
      int[] pairFrequencies) {
    this.firstEdge = firstEdge;
    this.edgeChar = edgeChar;
    this.edgeChild = edgeChild;
    this.rootChild = new int[1 << 16];
    for (int e = firstEdge[ROOT]; e < firstEdge[ROOT + 1]; e++)
      rootChild[edgeChar[e]] = edgeChild[e];
    this.word = word;
    this.frequency = frequency;
    this.pairHashes = pairHashes;
    this.pairFrequencies = pairFrequencies;
  }

  static SmartCnDictionaries get() {
    return INSTANCE;
  }

  /** The root of the trie: the node before a word's first character. */
  static final int ROOT = 1;

  /** The node after {@code c} from {@code node}, or 0 when no word continues so. O(1). */
  int child(int node, char c) {
    if (node == ROOT) return rootChild[c];
    int lo = firstEdge[node];
    int hi = firstEdge[node + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      char m = edgeChar[mid];
      if (m < c) lo = mid + 1;
      else if (m > c) hi = mid - 1;
      else return edgeChild[mid];
    }
    return 0;
  }

  /** Whether the characters leading to {@code node} are a word. */
  boolean isWord(int node) {
    return word[node];
  }

  /** The frequency of the word leading to {@code node} (0 unless {@link #isWord}). */
  int frequency(int node) {
    return frequency[node];
  }

  /** The frequency of {@code chars} as a word, 0 when it is none. O(length). */
  int frequency(char[] chars) {
    int node = ROOT;
    for (char c : chars) {
      node = child(node, c);
      if (node == 0) return 0;
    }
    return frequency[node];
  }

  /**
   * The frequency of the pair whose hashes (SmartCN's two hash functions over "first@second", see
   * {@link PairHash}) are {@code hash1} and {@code hash2}, found by SmartCN's own probing of its
   * table so that the same slot answers. 0 when absent.
   */
  int pairFrequency(long hash1, int hash2) {
    int length = pairHashes.length;
    int h1 = (int) (hash1 % length);
    int h2 = hash2 % length;
    if (h1 < 0) h1 = length + h1;
    if (h2 < 0) h2 = length + h2;
    int index = h1;
    int i = 1;
    while (pairHashes[index] != 0 && pairHashes[index] != hash1 && i < length) {
      index = (h1 + i * h2) % length;
      i++;
    }
    return i < length && pairHashes[index] == hash1 ? pairFrequencies[index] : 0;
  }

  /** SmartCN's two hash functions of a pair, fed one character at a time; reusable. */
  static final class PairHash {
    long hash1;
    int hash2;

    PairHash() {
      reset();
    }

    void reset() {
      hash1 = 0xcbf29ce484222325L;
      hash2 = 5381;
    }

    void setTo(PairHash other) {
      hash1 = other.hash1;
      hash2 = other.hash2;
    }

    void add(char c) {
      long p = 1099511628211L;
      hash1 = (hash1 ^ (c & 0x00FF)) * p;
      hash1 = (hash1 ^ (c >> 8)) * p;
      // as SmartCN writes it, + binds before & and >>: ((h * 33) + c) & 0xFF, then ((h * 33) + c)
      // >> 8
      hash2 = (((hash2 << 5) + hash2) + c) & 0x00FF;
      hash2 = (((hash2 << 5) + hash2) + c) >> 8;
    }
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  private static SmartCnDictionaries load() {
    try {
      Object[] core = read("coredict.mem", 4);
      char[] charIndex = (char[]) core[1];
      short[] wordIndex = (short[]) core[0];
      char[][][] items = (char[][][]) core[2];
      int[][] frequencies = (int[][]) core[3];
      Builder b = new Builder();
      BitSet firstChars = new BitSet(1 << 16);
      for (int k = 0; k < charIndex.length; k++) {
        if (charIndex[k] == 0 || wordIndex[k] < 0 || items[wordIndex[k]] == null) continue;
        // the trie answers as SmartCN's binary searches only if each character has one table,
        // sorted, without a word twice (true of the shipped file; checked in case it changes)
        if (firstChars.get(charIndex[k])) throw unexpected("character " + charIndex[k] + " twice");
        firstChars.set(charIndex[k]);
        char[][] rest = items[wordIndex[k]];
        for (int j = 0; j < rest.length; j++) {
          if (j > 0 && Utility.compareArray(rest[j - 1], 0, rest[j], 0) >= 0)
            throw unexpected("the words of " + charIndex[k] + " unsorted or repeated");
          int node = b.child(ROOT, charIndex[k]);
          if (rest[j] != null) for (char c : rest[j]) node = b.child(node, c);
          b.word(node, frequencies[wordIndex[k]][j]);
        }
      }
      Object[] pairs = read("bigramdict.mem", 2);
      return b.build((long[]) pairs[0], (int[]) pairs[1]);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read SmartCN's dictionaries from its jar", e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("SmartCN's dictionaries hold an unexpected type", e);
    }
  }

  private static IllegalStateException unexpected(String what) {
    return new IllegalStateException(
        "SmartCN's word dictionary is not as SmartCnSegmenter reads it ("
            + what
            + "): check SmartCnSegmenterTest against this Lucene version");
  }

  /** The first {@code n} objects of a dictionary file, which holds arrays of primitives only. */
  private static Object[] read(String resource, int n) throws IOException, ClassNotFoundException {
    try (InputStream in = HHMMSegmenter.class.getResourceAsStream(resource)) {
      if (in == null) throw new IOException(resource + " is missing from SmartCN's jar");
      try (ObjectInputStream objects = new ObjectInputStream(in)) {
        objects.setObjectInputFilter(
            info -> {
              Class<?> c = info.serialClass();
              if (c == null) return ObjectInputFilter.Status.UNDECIDED;
              while (c.isArray()) c = c.getComponentType();
              return c.isPrimitive()
                  ? ObjectInputFilter.Status.ALLOWED
                  : ObjectInputFilter.Status.REJECTED;
            });
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) out[i] = objects.readObject();
        return out;
      }
    }
  }

  /** Grows the trie while the dictionary is read. */
  private static final class Builder {
    private long[] keys = new long[1 << 20];
    private int[] children = new int[1 << 20];
    private int entries;
    private boolean[] word = new boolean[1 << 19];
    private int[] frequency = new int[1 << 19];
    private int nodes = 2; // 0 = none, 1 = the root

    int child(int node, char c) {
      long key = ((long) node << 16) | c;
      int mask = keys.length - 1;
      int slot = mix(key) & mask;
      for (; keys[slot] != 0; slot = (slot + 1) & mask) {
        if (keys[slot] == key) return children[slot];
      }
      if (nodes == word.length) {
        word = Arrays.copyOf(word, nodes * 2);
        frequency = Arrays.copyOf(frequency, nodes * 2);
      }
      int created = nodes++;
      keys[slot] = key;
      children[slot] = created;
      if (++entries * 2 > keys.length) rehash();
      return created;
    }

    void word(int node, int freq) {
      word[node] = true;
      frequency[node] = freq;
    }

    private void rehash() {
      long[] oldKeys = keys;
      int[] oldChildren = children;
      keys = new long[oldKeys.length * 2];
      children = new int[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] == 0) continue;
        int slot = mix(oldKeys[i]) & mask;
        while (keys[slot] != 0) slot = (slot + 1) & mask;
        keys[slot] = oldKeys[i];
        children[slot] = oldChildren[i];
      }
    }

    /** The trie in its compact form: each node's edges sorted by character, one after another. */
    SmartCnDictionaries build(long[] pairHashes, int[] pairFrequencies) {
      if (nodes >= 1 << 20) throw unexpected(nodes + " trie nodes");
      long[] edges = new long[entries]; // parent << 36 | char << 20 | child: sorted by parent, char
      int n = 0;
      for (int i = 0; i < keys.length; i++)
        if (keys[i] != 0) edges[n++] = keys[i] << 20 | children[i];
      Arrays.sort(edges);
      int[] firstEdge = new int[nodes + 1];
      char[] edgeChar = new char[entries];
      int[] edgeChild = new int[entries];
      for (int e = 0; e < entries; e++) {
        firstEdge[(int) (edges[e] >>> 36) + 1]++;
        edgeChar[e] = (char) (edges[e] >>> 20);
        edgeChild[e] = (int) (edges[e] & 0xFFFFF);
      }
      for (int i = 0; i < nodes; i++) firstEdge[i + 1] += firstEdge[i];
      return new SmartCnDictionaries(
          firstEdge,
          edgeChar,
          edgeChild,
          Arrays.copyOf(word, nodes),
          Arrays.copyOf(frequency, nodes),
          pairHashes,
          pairFrequencies);
    }
  }
}
