package cn.qingdao.peipao.core.scoring;

/**
 * The hot fields of candidates kept in columns (one array per field, indexed by a candidate's
 * position), as {@link PruningBounds} reads them: the named form of what used to be eight
 * positional arguments. Implementations keep their own array types; each accessor is O(1).
 */
public interface CandidateColumns {
  long sectors(int i);

  /** The candidate's main sector bit, -1 for none. */
  int mainSector(int i);

  /** Sectors the candidate's words name. */
  long keywordSectors(int i);

  /** Accepted-stage mask (a mentor's) or the one stage bit (a project's). */
  int stages(int i);

  int services(int i);

  /** Free slots (a mentor's capacity less its assignments; -1 unknown). */
  int capacity(int i);

  /** District bit index, -1 for none. */
  int district(int i);

  /** Latitude, NaN for no point. */
  double lat(int i);

  double lon(int i);

  /** The same fields as one array each, for bounding in SIMD lanes; null where not kept. */
  default ColumnArrays arrays() {
    return null;
  }

  /** One candidate's columns, for callers that bound a single candidate (tests, tools). */
  static CandidateColumns of(
      long sectors,
      int mainSector,
      long keywordSectors,
      int stages,
      int services,
      int capacity,
      int district,
      double lat,
      double lon) {
    return new One(
        sectors, mainSector, keywordSectors, stages, services, capacity, district, lat, lon);
  }

  /** The columns of one candidate, at every index. */
  record One(
      long sectors,
      int mainSector,
      long keywordSectors,
      int stages,
      int services,
      int capacity,
      int district,
      double lat,
      double lon)
      implements CandidateColumns {
    @Override
    public long sectors(int i) {
      return sectors;
    }

    @Override
    public int mainSector(int i) {
      return mainSector;
    }

    @Override
    public long keywordSectors(int i) {
      return keywordSectors;
    }

    @Override
    public int stages(int i) {
      return stages;
    }

    @Override
    public int services(int i) {
      return services;
    }

    @Override
    public int capacity(int i) {
      return capacity;
    }

    @Override
    public int district(int i) {
      return district;
    }

    @Override
    public double lat(int i) {
      return lat;
    }

    @Override
    public double lon(int i) {
      return lon;
    }
  }
}
