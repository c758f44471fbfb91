package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.BlockSummaries;
import cn.qingdao.peipao.core.scoring.BlockSummary;
import cn.qingdao.peipao.core.scoring.CandidateColumns;
import cn.qingdao.peipao.core.scoring.ColumnArrays;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.PruningBounds;
import java.util.Arrays;

/**
 * One segment's documents in blocks of at most {@link #BLOCK} with similar hot fields (sorted by
 * type, main sector, district and services, the segment's most common services first), each block
 * summarised by the OR of its masks, so that a scan bounds a whole block ({@link
 * PruningBounds#blockUpper}) before its documents; runs of at most {@link #RUN} blocks of the same
 * type, main sector and district are summarised again, so that a scan skips a run without bounding
 * its blocks. The hot fields are kept as primitive columns in block order, so a scan streams a few
 * bytes per candidate instead of loading its {@link Features}. Built once per segment, O(docs log
 * docs).
 */
final class BlockLayout {
  /** Largest block: small enough for tight bounds, large enough that bounding blocks is cheap. */
  static final int BLOCK = 32;

  /**
   * Most blocks in a run: a run's bound is as tight as its group's, and a request bounds about
   * blocks / RUN runs before the blocks of the runs that may reach.
   */
  static final int RUN = 16;

  /** Doc id of each position. */
  final int[] doc;

  /** Position of each doc id (-1 for documents without features). */
  final int[] position;

  /** Block b holds positions {@code start[b]} to {@code start[b + 1]} (exclusive). */
  final int[] start;

  /** Each block's summary, for {@link PruningBounds#blockUpper}. */
  final BlockSummaries blocks;

  /** Run r holds blocks {@code runStart[r]} to {@code runStart[r + 1]} (exclusive). */
  final int[] runStart;

  /** Each run's summary: the union of its blocks'. */
  final BlockSummaries runs;

  /** The hot fields as the bounds read them, by position. */
  final CandidateColumns columns;

  /**
   * The blocks of type t are {@code typeStart[t.ordinal()]} to {@code typeStart[t.ordinal()+1]}.
   */
  private final int[] typeStart = new int[EntityType.values().length + 1];

  BlockLayout(Features[] features) {
    int n = 0;
    for (Features f : features) if (f != null) n++;
    // key (63 bits): group (19), services (12 bits, clustering only), doc id (32). The services
    // go most common first, so that neighbours share the common ones and a block's OR of services
    // stays small: on the 100k peer corpus a request then considers about 28 % fewer hits than
    // with the services in taxonomy order (benchmarks/README.md, eighth session)
    int[] serviceOrder = byFrequency(features);
    long[] keys = new long[n];
    int at = 0;
    for (int d = 0; d < features.length; d++) {
      Features f = features[d];
      if (f == null) continue;
      long services = 0;
      for (int bit : serviceOrder) services = services << 1 | (f.services >>> bit & 1);
      keys[at++] = (groupOf(f) << 12 | services) << 32 | d;
    }
    Arrays.sort(keys);
    position = new int[features.length];
    Arrays.fill(position, -1);
    doc = new int[n];
    long[] packed = new long[n * Columns.STRIDE];
    int[] starts = new int[16];
    int blocks = 0;
    long lastGroup = -1;
    for (int i = 0; i < n; i++) {
      int d = (int) keys[i];
      Features f = features[d];
      doc[i] = d;
      position[d] = i;
      Columns.put(packed, i, f);
      // a block never spans two groups, so its summary stays tight
      long group = groupOf(f);
      if (group != lastGroup || i - starts[blocks - 1] == BLOCK) {
        if (blocks + 1 >= starts.length) starts = Arrays.copyOf(starts, starts.length * 2);
        starts[blocks++] = i;
        lastGroup = group;
      }
    }
    start = Arrays.copyOf(starts, blocks + 1);
    start[blocks] = n;
    this.columns = new Columns(packed, ColumnArrays.of(new Columns(packed, null), n));
    this.blocks = new BlockSummaries(blocks);
    BlockSummary[] summaries = new BlockSummary[blocks];
    Arrays.fill(typeStart, blocks);
    for (int b = blocks - 1; b >= 0; b--) {
      summaries[b] = summarise(b);
      this.blocks.set(b, summaries[b]);
      typeStart[features[doc[start[b]]].type.ordinal()] = b;
    }
    this.runStart = runs(features);
    this.runs = new BlockSummaries(runStart.length - 1);
    for (int r = 0; r + 1 < runStart.length; r++) {
      BlockSummary s = summaries[runStart[r]];
      for (int b = runStart[r] + 1; b < runStart[r + 1]; b++) s = s.union(summaries[b]);
      this.runs.set(r, s);
    }
    // types without documents start where the next type does
    for (int t = EntityType.values().length - 1; t >= 0; t--)
      typeStart[t] = Math.min(typeStart[t], typeStart[t + 1]);
  }

  private static long groupOf(Features f) {
    return (long) f.type.ordinal() << 16
        | ((f.mainSector + 1L) & 0xFF) << 8
        | (f.district + 1L) & 0xFF;
  }

  private BlockSummary summarise(int b) {
    BlockSummary s = BlockSummary.of(columns, start[b]);
    for (int i = start[b] + 1; i < start[b + 1]; i++) s = s.union(BlockSummary.of(columns, i));
    return s;
  }

  /** Run starts: a new run where the group changes or after {@link #RUN} blocks; then the end. */
  private int[] runs(Features[] features) {
    int blocks = start.length - 1;
    int[] out = new int[blocks + 1];
    int count = 0;
    long lastGroup = -1;
    for (int b = 0; b < blocks; b++) {
      long group = groupOf(features[doc[start[b]]]);
      if (group != lastGroup || b - out[count - 1] == RUN) {
        out[count++] = b;
        lastGroup = group;
      }
    }
    out[count++] = blocks;
    return Arrays.copyOf(out, count);
  }

  /**
   * The service bits present in {@code features}, most documents first (ties by bit), at most 12.
   */
  private static int[] byFrequency(Features[] features) {
    int[] count = new int[32];
    for (Features f : features)
      if (f != null)
        for (int m = f.services; m != 0; m &= m - 1) count[Integer.numberOfTrailingZeros(m)]++;
    // count (high) then bit (low) in one sortable long, largest count first
    long[] keyed = new long[32];
    int used = 0;
    for (int bit = 0; bit < 32; bit++)
      if (count[bit] > 0) keyed[used++] = (long) -count[bit] << 8 | bit;
    Arrays.sort(keyed, 0, used);
    int[] order = new int[Math.min(used, 12)];
    for (int i = 0; i < order.length; i++) order[i] = (int) (keyed[i] & 0xFF);
    return order;
  }

  /** First block of documents of {@code type}. */
  int firstBlock(EntityType type) {
    return typeStart[type.ordinal()];
  }

  /** One past the last block of documents of {@code type}. */
  int endBlock(EntityType type) {
    return typeStart[type.ordinal() + 1];
  }

  /** {@code ctx}'s bound for every document of block {@code b}. */
  double upper(PairScorer.Context ctx, int b) {
    return ctx.bounds().blockUpper(blocks, b);
  }

  /** {@code ctx}'s bound for every document of run {@code r}: at least each of its blocks'. */
  double runUpper(PairScorer.Context ctx, int r) {
    return ctx.bounds().blockUpper(runs, r);
  }

  /** First run of documents of {@code type} (runs never span two types). */
  int firstRun(EntityType type) {
    return firstRunFrom(firstBlock(type));
  }

  /** One past the last run of documents of {@code type}. */
  int endRun(EntityType type) {
    return firstRunFrom(endBlock(type));
  }

  private int firstRunFrom(int block) {
    int r = Arrays.binarySearch(runStart, block);
    return r >= 0 ? r : -r - 1;
  }

  /**
   * The hot fields of this layout, by position, as {@link CandidateColumns}: six longs a position
   * in one array (sectors, keyword sectors, main sector · district · stages · services, capacity,
   * the point's latitude and longitude bits), so that bounding a candidate reads one or two cache
   * lines instead of one from each of nine arrays; and the block bound's six fields again as one
   * array each ({@link ColumnArrays}, 32 bytes a position more), which SIMD lanes load at once.
   */
  private record Columns(long[] packed, ColumnArrays arrays) implements CandidateColumns {
    static final int STRIDE = 6;

    static void put(long[] packed, int i, Features f) {
      int at = i * STRIDE;
      packed[at] = f.sectors;
      packed[at + 1] = f.keywordSectors;
      packed[at + 2] =
          (f.mainSector & 0xFFL)
              | (f.district & 0xFFL) << 8
              | (f.stages & 0xFFFFL) << 16
              | (f.services & 0xFFFFFFFFL) << 32;
      packed[at + 3] = f.capacity;
      packed[at + 4] = Double.doubleToRawLongBits(f.hasPoint() ? f.lat : Double.NaN);
      packed[at + 5] = Double.doubleToRawLongBits(f.hasPoint() ? f.lon : Double.NaN);
    }

    @Override
    public long sectors(int i) {
      return packed[i * STRIDE];
    }

    @Override
    public int mainSector(int i) {
      return (byte) packed[i * STRIDE + 2];
    }

    @Override
    public long keywordSectors(int i) {
      return packed[i * STRIDE + 1];
    }

    @Override
    public int stages(int i) {
      return (short) (packed[i * STRIDE + 2] >>> 16);
    }

    @Override
    public int services(int i) {
      return (int) (packed[i * STRIDE + 2] >>> 32);
    }

    @Override
    public int capacity(int i) {
      return (int) packed[i * STRIDE + 3];
    }

    @Override
    public int district(int i) {
      return (byte) (packed[i * STRIDE + 2] >>> 8);
    }

    @Override
    public double lat(int i) {
      return Double.longBitsToDouble(packed[i * STRIDE + 4]);
    }

    @Override
    public double lon(int i) {
      return Double.longBitsToDouble(packed[i * STRIDE + 5]);
    }
  }
}
