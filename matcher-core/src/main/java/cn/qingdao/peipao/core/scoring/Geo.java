package cn.qingdao.peipao.core.scoring;

/** Distances between points given in degrees. */
public final class Geo {
  /** The mean Earth radius the distances use, in km. */
  public static final double EARTH_KM = 6371.0088;

  private static final double RAD = Math.PI / 180;

  private Geo() {}

  /**
   * Equirectangular distance with the cosine of a fixed reference latitude: no trigonometry per
   * pair, symmetric, and within about 2 % east–west for points within a degree of it.
   */
  public static double kmAt(
      double cosReference, double lat1, double lon1, double lat2, double lon2) {
    double x = (lon2 - lon1) * RAD * cosReference;
    double y = (lat2 - lat1) * RAD;
    return EARTH_KM * Math.sqrt(x * x + y * y);
  }

  /** The cosine of a latitude in degrees. */
  public static double cosLatitude(double degrees) {
    return Math.cos(degrees * RAD);
  }
}
