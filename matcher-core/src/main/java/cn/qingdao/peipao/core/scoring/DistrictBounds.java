package cn.qingdao.peipao.core.scoring;

import java.util.Arrays;

/**
 * A bounding box of all points seen per district. Boxes only grow, so every entity added so far
 * lies in its district's box: the distance from a point to a box is a lower bound of the distance
 * to any of those entities, which bounds the location component from above. Thread-safe.
 */
public final class DistrictBounds {
  private final double[] minLat;
  private final double[] maxLat;
  private final double[] minLon;
  private final double[] maxLon;

  public DistrictBounds(int districts) {
    minLat = filled(districts, Double.POSITIVE_INFINITY);
    maxLat = filled(districts, Double.NEGATIVE_INFINITY);
    minLon = filled(districts, Double.POSITIVE_INFINITY);
    maxLon = filled(districts, Double.NEGATIVE_INFINITY);
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  /** Widens the box of {@code f}'s district to hold its point. */
  public synchronized void add(Features f) {
    if (f.district < 0 || !f.hasPoint()) return;
    int d = f.district;
    minLat[d] = Math.min(minLat[d], f.lat);
    maxLat[d] = Math.max(maxLat[d], f.lat);
    minLon[d] = Math.min(minLon[d], f.lon);
    maxLon[d] = Math.max(maxLon[d], f.lon);
  }

  /** The box of each district as {minLat, maxLat, minLon, maxLon}; empty boxes are NaN. */
  synchronized double[][] snapshot() {
    double[][] out = new double[minLat.length][];
    for (int d = 0; d < out.length; d++) {
      out[d] =
          minLat[d] > maxLat[d]
              ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}
              : new double[] {minLat[d], maxLat[d], minLon[d], maxLon[d]};
    }
    return out;
  }
}
