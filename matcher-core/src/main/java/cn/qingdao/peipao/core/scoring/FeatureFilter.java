package cn.qingdao.peipao.core.scoring;

import cn.qingdao.peipao.core.taxonomy.Taxonomy;

/** Request filters as bitmasks (0 = no filter on that dimension). */
final class FeatureFilter {
  final int districts;
  final long sectors;
  final int stages;
  final int needs;
  final int cities;

  FeatureFilter(FeatureExtractor fx, RequestFilters f) {
    Taxonomy t = fx.taxonomy();
    int d = 0;
    int i = 0;
    for (var district : t.districts()) {
      if (f.districts().contains(district.code())) d |= 1 << i;
      i++;
    }
    long s = 0;
    i = 0;
    for (var sector : t.sectors()) {
      if (f.sectors().contains(sector.code())) s |= 1L << i;
      i++;
    }
    int st = 0;
    for (var stage : t.stages()) {
      if (f.stages().contains(stage.code())) st |= 1 << stage.order();
    }
    int n = 0;
    for (String need : f.needs()) n |= fx.serviceBit(need);
    int c = 0;
    for (String city : f.cities()) c |= fx.cityBit(city);
    cities = c;
    districts = d;
    sectors = s;
    stages = st;
    needs = n;
  }
}
