package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.model.EntityType;
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

  final long[] sectors;
  final long[] keywordSectors;
  final byte[] mainSector;
  final byte[] district;
  final short[] stages;
  final int[] services;
  final int[] capacity;

  /** The point, NaN for none. */
  final double[] lat;

  final double[] lon;

  /** Block b holds positions {@code start[b]} to {@code start[b + 1]} (exclusive). */
  final int[] start;

  /** Each block's summary, for {@link PruningBounds#blockUpper}. */
  final BlockSummary[] blocks;

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
    sectors = new long[n];
    keywordSectors = new long[n];
    mainSector = new byte[n];
    district = new byte[n];
    stages = new short[n];
    services = new int[n];
    capacity = new int[n];
    lat = new double[n];
    lon = new double[n];
    int[] starts = new int[16];
    int blocks = 0;
    long lastGroup = -1;
    for (int i = 0; i < n; i++) {
      int d = (int) keys[i];
      Features f = features[d];
      doc[i] = d;
      position[d] = i;
      sectors[i] = f.sectors;
      keywordSectors[i] = f.keywordSectors;
      mainSector[i] = (byte) f.mainSector;
      district[i] = (byte) f.district;
      stages[i] = (short) f.stages;
      services[i] = f.services;
      capacity[i] = f.capacity;
      lat[i] = f.hasPoint() ? f.lat : Double.NaN;
      lon[i] = f.hasPoint() ? f.lon : Double.NaN;
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
    this.columns =
        new Columns(
            sectors, mainSector, keywordSectors, stages, services, capacity, district, lat, lon);
    this.blocks = new BlockSummary[blocks];
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
      long main = mainSector[i] < 0 ? 0 : sectors[i] & (1L << mainSector[i]);
      mains |= main;
      others |= sectors[i] & ~main;
      keywords |= keywordSectors[i];
      // districts beyond the mask's bits count as unknown (bounded by 1)
      int d = district[i];
      districts |= 1L << (d < 0 || d > BlockSummary.NO_DISTRICT ? BlockSummary.NO_DISTRICT : d);
      st |= stages[i];
      sv |= services[i];
      cap = Math.max(cap, capacity[i]);
      if (sectors[i] == 0) flags |= BlockSummary.NO_SECTOR;
      if (stages[i] == 0) flags |= BlockSummary.NO_STAGE;
      if (services[i] == 0) flags |= BlockSummary.NO_SERVICE;
    }
    blocks[b] = new BlockSummary(mains, others, keywords, st, sv, cap, districts, flags);
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
    return ctx.bounds().blockUpper(blocks[b]);
  }

  /**
   * The primitive columns of this layout, by position, as {@link CandidateColumns}. Holds the
   * arrays themselves (not the layout) so that a read is one hop, as it was before it had a name.
   */
  private record Columns(
      long[] sectorsByPos,
      byte[] mainSectorByPos,
      long[] keywordSectorsByPos,
      short[] stagesByPos,
      int[] servicesByPos,
      int[] capacityByPos,
      byte[] districtByPos,
      double[] latByPos,
      double[] lonByPos)
      implements CandidateColumns {
    @Override
    public long sectors(int i) {
      return sectorsByPos[i];
    }

    @Override
    public int mainSector(int i) {
      return mainSectorByPos[i];
    }

    @Override
    public long keywordSectors(int i) {
      return keywordSectorsByPos[i];
    }

    @Override
    public int stages(int i) {
      return stagesByPos[i];
    }

    @Override
    public int services(int i) {
      return servicesByPos[i];
    }

    @Override
    public int capacity(int i) {
      return capacityByPos[i];
    }

    @Override
    public int district(int i) {
      return districtByPos[i];
    }

    @Override
    public double lat(int i) {
      return latByPos[i];
    }

    @Override
    public double lon(int i) {
      return lonByPos[i];
    }
  }
}
