package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.BlockSummaries;
import cn.qingdao.peipao.core.scoring.BlockSummary;
import cn.qingdao.peipao.core.scoring.CandidateColumns;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.PruningBounds;
import java.util.Arrays;

/**
 * One segment's documents in blocks of at most {@link #BLOCK} with similar hot fields (sorted by
 * type, main sector, district and services), each block summarised by the OR of its masks, so that
 * a scan bounds a whole block ({@link PruningBounds#blockUpper}) before its documents. The hot
 * fields are kept as primitive columns in block order, so a scan streams a few bytes per candidate
 * instead of loading its {@link Features}. Built once per segment, O(docs log docs).
 */
final class BlockLayout {
  /** Largest block: small enough for tight bounds, large enough that bounding blocks is cheap. */
  static final int BLOCK = 32;

  /** Doc id of each position. */
  final int[] doc;

  /** Position of each doc id (-1 for documents without features). */
  final int[] position;

  /** Block b holds positions {@code start[b]} to {@code start[b + 1]} (exclusive). */
  final int[] start;

  /** Each block's summary, for {@link PruningBounds#blockUpper}. */
  final BlockSummaries blocks;

  /** The hot fields as the bounds read them, by position. */
  final CandidateColumns columns;

  /**
   * The blocks of type t are {@code typeStart[t.ordinal()]} to {@code typeStart[t.ordinal()+1]}.
   */
  private final int[] typeStart = new int[EntityType.values().length + 1];

  BlockLayout(Features[] features) {
    int n = 0;
    for (Features f : features) if (f != null) n++;
    // key (63 bits): group (19), low service bits (12, clustering only), doc id (32)
    long[] keys = new long[n];
    int at = 0;
    for (int d = 0; d < features.length; d++) {
      Features f = features[d];
      if (f == null) continue;
      long group = groupOf(f);
      keys[at++] = (group << 12 | (f.services & 0xFFF)) << 32 | d;
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
    this.columns = new Columns(packed);
    this.blocks = new BlockSummaries(blocks);
    Arrays.fill(typeStart, blocks);
    for (int b = blocks - 1; b >= 0; b--) {
      summarise(b);
      typeStart[features[doc[start[b]]].type.ordinal()] = b;
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

  private void summarise(int b) {
    long mains = 0;
    long others = 0;
    long keywords = 0;
    long districts = 0;
    int st = 0;
    int sv = 0;
    int cap = Integer.MIN_VALUE;
    int flags = 0;
    for (int i = start[b]; i < start[b + 1]; i++) {
      long sectors = columns.sectors(i);
      int mainSector = columns.mainSector(i);
      long main = mainSector < 0 ? 0 : sectors & (1L << mainSector);
      mains |= main;
      others |= sectors & ~main;
      keywords |= columns.keywordSectors(i);
      // districts beyond the mask's bits count as unknown (bounded by 1)
      int d = columns.district(i);
      districts |= 1L << (d < 0 || d > BlockSummary.NO_DISTRICT ? BlockSummary.NO_DISTRICT : d);
      int stages = columns.stages(i);
      int services = columns.services(i);
      st |= stages;
      sv |= services;
      cap = Math.max(cap, columns.capacity(i));
      if (sectors == 0) flags |= BlockSummary.NO_SECTOR;
      if (stages == 0) flags |= BlockSummary.NO_STAGE;
      if (services == 0) flags |= BlockSummary.NO_SERVICE;
    }
    blocks.set(b, new BlockSummary(mains, others, keywords, st, sv, cap, districts, flags));
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

  /**
   * The hot fields of this layout, by position, as {@link CandidateColumns}: six longs a position
   * in one array (sectors, keyword sectors, main sector · district · stages · services, capacity,
   * the point's latitude and longitude bits), so that bounding a candidate reads one or two cache
   * lines instead of one from each of nine arrays.
   */
  private record Columns(long[] packed) implements CandidateColumns {
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
