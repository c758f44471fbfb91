package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.scoring.Features;

/**
 * The few fields a scan bounds every candidate by, as primitive arrays by doc id, so that the scan
 * streams a few bytes per candidate instead of loading its {@link Features}.
 */
final class HotColumns {
  final long[] sectors;
  final long[] keywordSectors;
  final byte[] mainSector;
  final byte[] district;
  final short[] stages;
  final int[] services;
  final int[] capacity;

  HotColumns(Features[] features) {
    int n = features.length;
    sectors = new long[n];
    keywordSectors = new long[n];
    mainSector = new byte[n];
    district = new byte[n];
    stages = new short[n];
    services = new int[n];
    capacity = new int[n];
    for (int i = 0; i < n; i++) {
      Features f = features[i];
      if (f == null) continue;
      sectors[i] = f.sectors;
      keywordSectors[i] = f.keywordSectors;
      mainSector[i] = (byte) f.mainSector;
      district[i] = (byte) f.district;
      stages[i] = (short) f.stages;
      services[i] = f.services;
      capacity[i] = f.capacity;
    }
  }
}
