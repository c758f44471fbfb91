package cn.qingdao.peipao.core.scoring;

import cn.qingdao.peipao.core.model.Codes;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores (subject, candidate) pairs of one request. The same component values give the exact score,
 * the bounds used for pruning (text taken as 0 or 1) and the reasons, so none can disagree. A
 * {@link Context} is built once per request and is not thread-safe.
 */
public final class PairScorer {
  private static final int SECTOR = Component.SECTOR.ordinal();
  private static final int STAGE = Component.STAGE.ordinal();
  private static final int LOCATION = Component.LOCATION.ordinal();
  private static final int NEEDS = Component.NEEDS.ordinal();
  private static final int TEXT = Component.TEXT.ordinal();
  private static final int CAPACITY = Component.CAPACITY.ordinal();
  private static final int SPACE = Component.SPACE.ordinal();
  private static final int KIND = Component.KIND.ordinal();
  private static final int FREE_SPACE = Component.FREE_SPACE.ordinal();
  private static final int TICKET = Component.TICKET.ordinal();
  private static final int INSTRUMENT = Component.INSTRUMENT.ordinal();
  private static final int BENEFIT = Component.BENEFIT.ordinal();
  private static final int TRACK = Component.TRACK.ordinal();

  /** Flag of {@link Context#blockUpper}: some candidate of the block states no sector. */
  public static final int BLOCK_NO_SECTOR = 1;

  /** Flag of {@link Context#blockUpper}: some candidate of the block has an empty stage mask. */
  public static final int BLOCK_NO_STAGE = 2;

  /** Flag of {@link Context#blockUpper}: some candidate of the block has an empty service mask. */
  public static final int BLOCK_NO_SERVICE = 4;

  /** Bit of a block's district mask for candidates without a district. */
  public static final int BLOCK_NO_DISTRICT = 63;

  private final FeatureExtractor fx;

  public PairScorer(FeatureExtractor fx) {
    this.fx = fx;
  }

  public FeatureExtractor features() {
    return fx;
  }

  /**
   * The scoring context of one request.
   *
   * @param counterpartProfile the counterpart's view for two-sided directions (null otherwise)
   */
  public Context context(
      Direction direction,
      Features subject,
      ScoringProfile profile,
      ScoringProfile counterpartProfile,
      LocalDate today,
      RequestFilters filters) {
    return context(direction, subject, profile, counterpartProfile, today, filters, null);
  }

  /**
   * As above; {@code bounds}, when given, tighten {@link Context#cheapUpper} with the distance from
   * the subject to each district's box.
   */
  public Context context(
      Direction direction,
      Features subject,
      ScoringProfile profile,
      ScoringProfile counterpartProfile,
      LocalDate today,
      RequestFilters filters,
      DistrictBounds bounds) {
    if (profile.direction() != direction) {
      throw new IllegalArgumentException(
          "profile "
              + profile.name()
              + " is for "
              + profile.direction().code()
              + ", not "
              + direction.code());
    }
    if (direction.reverse().isPresent() != (counterpartProfile != null)) {
      throw new IllegalArgumentException(
          direction.code()
              + (counterpartProfile == null ? " needs" : " takes no")
              + " counterpart profile");
    }
    return new Context(direction, subject, profile, counterpartProfile, today, filters, bounds);
  }

  /** Everything fixed for one request: subject, weights, filters, today. */
  public final class Context {
    private final Direction direction;
    private final Features subject;
    private final ScoringProfile profile;
    private final ScoringParams params;
    private final double[] weightsA = new double[Component.ALL.length];
    private final double[] weightsB = new double[Component.ALL.length];
    private final boolean reciprocal;
    private final long today;
    private final int filterDistricts;
    private final long filterSectors;
    private final int filterStages;
    private final int filterNeeds;
    private final long filterKinds;
    private final boolean[] used = new boolean[Component.ALL.length];
    private final double[] values = new double[Component.ALL.length];
    private final double locA;
    private final double locB;
    private final double textA;
    private final double textB;
    // the text value's weight in every bound: textA, textB times the most any candidate can reach
    private double textBoundA;
    private double textBoundB;

    /** Sector score against the subject, by the candidate's sector bit (subject = project). */
    private final double[] sectorBySubject;

    /** Best affinity of each sector to the subject's sectors (subject = counterpart). */
    private final double[] affinityToSubject;

    private double sumA;
    private double sumB;
    private double lastA;
    private double lastB;

    /** The used components other than text, for bounds. */
    private final int[] boundComponents;

    /** A used component that {@link #columnScore} cannot compute from columns, or -1. */
    private final int notInColumns;

    private double[] stageTableA;
    private double[] stageTableB;
    private double[] needsTableA;
    private double[] needsTableB;
    private double[] capacityTableA;
    private double[] capacityTableB;
    private double[] locationTableA;
    private double[] locationTableB;
    private double constantA;
    private double constantB;

    /** The last {@link #columnMayReach} candidate's bound without location, per view. */
    private double columnA;

    private double columnB;
    private double[] stageBlockA;
    private double[] stageBlockB;
    private double[] needsBlockA;
    private double[] needsBlockB;
    private boolean usesSector;

    /** For a project subject: the best affinity-weighted sector value of each sector mask. */
    private double[] sectorByMask;

    /**
     * For a counterpart subject: the best secondary-weighted affinity of each project sector mask,
     * so a candidate's sector value is two lookups instead of a loop over its sectors.
     */
    private double[] secondaryByMask;

    /** Upper bound of location for a candidate of each district (1 where unknown). */
    private final double[] locationBound;

    /** {@code 1 − exp(−slots / capacitySlots)} for small slot counts, computed once per request. */
    private final double[] capacityTable = new double[64];

    private Context(
        Direction direction,
        Features subject,
        ScoringProfile profile,
        ScoringProfile counterpart,
        LocalDate today,
        RequestFilters filters,
        DistrictBounds bounds) {
      this.direction = direction;
      this.subject = subject;
      this.profile = profile;
      this.params = profile.params();
      this.reciprocal = counterpart != null;
      this.today = today.toEpochDay();
      normalise(profile, weightsA);
      if (counterpart != null) normalise(counterpart, weightsB);
      for (int i = 0; i < used.length; i++) used[i] = weightsA[i] > 0 || weightsB[i] > 0;
      locationBound = locationBounds(bounds);
      for (int i = 1; i < capacityTable.length; i++)
        capacityTable[i] = 1 - Math.exp(-i / params.capacitySlots());
      boundComponents =
          java.util.stream.IntStream.range(0, used.length)
              .filter(i -> used[i] && i != TEXT)
              .toArray();
      notInColumns =
          java.util.Arrays.stream(boundComponents)
              .filter(
                  i -> i != SECTOR && i != STAGE && i != NEEDS && i != CAPACITY && i != LOCATION)
              .findFirst()
              .orElse(-1);
      locA = weightsA[LOCATION];
      locB = weightsB[LOCATION];
      textA = weightsA[TEXT];
      textB = weightsB[TEXT];
      textBoundA = textA;
      textBoundB = textB;
      buildColumnTables();
      int sectors = fx.taxonomy().sectors().size();
      sectorBySubject = new double[sectors];
      affinityToSubject = new double[sectors];
      for (int j = 0; j < sectors; j++) {
        for (long bits = subject.sectors; bits != 0; bits &= bits - 1) {
          int i = Long.numberOfTrailingZeros(bits);
          double w = i == subject.mainSector ? 1.0 : params.secondarySector();
          sectorBySubject[j] = Math.max(sectorBySubject[j], w * fx.affinity(i, j));
          affinityToSubject[j] = Math.max(affinityToSubject[j], fx.affinity(j, i));
        }
      }
      if (!direction.projectIsSubject() && sectors <= 16) {
        secondaryByMask = new double[1 << sectors];
        for (int m = 1; m < secondaryByMask.length; m++) {
          int low = Integer.numberOfTrailingZeros(m);
          secondaryByMask[m] =
              Math.max(
                  secondaryByMask[m & (m - 1)], params.secondarySector() * affinityToSubject[low]);
        }
      }
      if (direction.projectIsSubject() && sectors <= 16) {
        sectorByMask = new double[1 << sectors];
        for (int m = 1; m < sectorByMask.length; m++) {
          int low = Integer.numberOfTrailingZeros(m);
          sectorByMask[m] = Math.max(sectorByMask[m & (m - 1)], sectorBySubject[low]);
        }
        // a profile that states no sector: unknown, as sectorValue scores it
        if (subject.sectors == 0)
          Arrays.fill(sectorByMask, 1, sectorByMask.length, params.neutral());
      }
      FeatureFilter ff = new FeatureFilter(fx, filters);
      filterDistricts = ff.districts;
      filterSectors = ff.sectors;
      filterStages = ff.stages;
      filterNeeds = ff.needs;
      filterKinds = kindMask(direction.target(), filters.kinds());
    }

    private void normalise(ScoringProfile p, double[] out) {
      double total = p.totalWeight();
      for (Map.Entry<String, Double> w : p.weights().entrySet()) {
        out[Component.of(w.getKey()).orElseThrow().ordinal()] = w.getValue() / total;
      }
    }

    public Direction direction() {
      return direction;
    }

    public ScoringProfile profile() {
      return profile;
    }

    public Features subject() {
      return subject;
    }

    /** True when the text component counts; when false, text is never computed. */
    public boolean usesText() {
      return used[Component.TEXT.ordinal()];
    }

    private Features project(Features candidate) {
      return direction.projectIsSubject() ? subject : candidate;
    }

    private Features other(Features candidate) {
      return direction.projectIsSubject() ? candidate : subject;
    }

    /** The hard constraints and request filters; O(1) bit tests. */
    public boolean eligible(Features c) {
      // Subject and target types always differ, so the subject is never its own candidate.
      if (c.type != direction.target()) return false;
      return obstacle(c) == null && passesFilters(c);
    }

    /** The first hard constraint the pair fails, or null when it passes them all; O(1). */
    public HardConstraint obstacle(Features c) {
      return HardConstraints.obstacle(project(c), other(c), !direction.projectIsSubject(), today);
    }

    /** This side's view (project's when it is the subject) as of the last exact {@link #score}. */
    public double lastSubjectView() {
      return lastA;
    }

    /** The counterpart's view as of the last exact {@link #score}; the subject's when one-sided. */
    public double lastCounterpartView() {
      return reciprocal ? lastB : lastA;
    }

    private boolean passesFilters(Features c) {
      if (filterDistricts != 0 && (c.district < 0 || (filterDistricts & (1 << c.district)) == 0))
        return false;
      if (filterSectors != 0 && (filterSectors & c.sectors) == 0) return false;
      if (filterStages != 0 && (filterStages & c.stages) == 0) return false;
      if (filterNeeds != 0 && (filterNeeds & c.services) == 0) return false;
      return filterKinds == 0 || (c.kind >= 0 && (filterKinds & (1L << c.kind)) != 0);
    }

    /**
     * A cheap upper bound of the score that skips the distance computation (location and text taken
     * as 1). Call {@link #lowerAfterCheapUpper} next to complete the bounds of the same candidate.
     */
    public double cheapUpper(Features c) {
      computeStructuredExceptLocation(c);
      double loc = c.district >= 0 ? locationBound[c.district] : 1.0;
      return combine(sumA + locA * loc + textBoundA, sumB + locB * loc + textBoundB);
    }

    private double[] locationBounds(DistrictBounds bounds) {
      double[] out = new double[fx.taxonomy().districts().size()];
      Arrays.fill(out, 1.0);
      // Distance is symmetric, so a subject with a point bounds every candidate's distance by its
      // district's box; policies score location without distance.
      if (bounds == null || direction.target() == EntityType.POLICIES || !subject.hasPoint()) {
        return out;
      }
      double[][] boxes = bounds.snapshot();
      for (int d = 0; d < out.length; d++) {
        double[] b = boxes[d];
        if (Double.isNaN(b[0])) continue;
        double lat = Math.max(b[0], Math.min(b[1], subject.lat));
        double lon = Math.max(b[2], Math.min(b[3], subject.lon));
        double km = Geo.kmAt(fx.cosReference(), subject.lat, subject.lon, lat, lon);
        // The neutral value applies to candidates without a point; keep the bound above it.
        out[d] =
            Math.max(
                params.neutral(),
                Math.min(1.0, Math.exp(-km / params.distanceScaleKm()) * (1 + 1e-9)));
      }
      return out;
    }

    /** The lower bound (text = 0) of the candidate of the last {@link #cheapUpper} call. */
    public double lowerAfterCheapUpper(Features c) {
      addLocation(c);
      return combine(sumA, sumB);
    }

    /**
     * Whether a candidate, judged by its hot fields alone (as stored in columns), may score at
     * least {@code bar}: sector, stage, needs and capacity exact, location bounded by the
     * district's box, every other component and text taken as 1. Table lookups only, so a scan can
     * skip most candidates without loading them.
     */
    public boolean columnMayReach(
        double bar,
        long sectors,
        int mainSector,
        long keywordSectors,
        int stages,
        int services,
        int capacity,
        int district) {
      double sector = columnSector(sectors, mainSector, keywordSectors);
      int loc = district < 0 ? locationTableA.length - 1 : district;
      int cap = capacity < 0 ? 0 : Math.min(capacity, capacityTableA.length - 1);
      columnA =
          constantA
              + weightsA[SECTOR] * sector
              + stageTableA[stages]
              + needsTableA[services]
              + capacityTableA[cap];
      double a = columnA + locationTableA[loc];
      if (!reciprocal) return a >= bar;
      columnB =
          constantB
              + weightsB[SECTOR] * sector
              + stageTableB[stages]
              + needsTableB[services]
              + capacityTableB[cap];
      double b = columnB + locationTableB[loc];
      return 2 * a * b >= bar * (a + b); // harmonic mean ≥ bar, without dividing
    }

    /**
     * Whether the candidate of the last {@link #columnMayReach} call that answered true may still
     * reach {@code bar} with its location computed from its point ({@code lat}/{@code lon}, NaN for
     * none) instead of bounded by its district: a tighter bound for one {@code exp}.
     */
    public boolean columnMayReachAt(double bar, double lat, double lon) {
      if (direction.target() == EntityType.POLICIES || !used[LOCATION]) return true;
      double loc = columnLocation(lat, lon);
      double a = columnA + weightsA[LOCATION] * loc;
      if (!reciprocal) return a >= bar;
      double b = columnB + weightsB[LOCATION] * loc;
      return 2 * a * b >= bar * (a + b);
    }

    /** The {@code location} of a candidate at ({@code lat}, {@code lon}), NaN for no point. */
    private double columnLocation(double lat, double lon) {
      if (Double.isNaN(lat) || !subject.hasPoint()) return params.neutral();
      return Math.exp(
          -Geo.kmAt(fx.cosReference(), subject.lat, subject.lon, lat, lon)
              / params.distanceScaleKm());
    }

    /**
     * An upper bound of {@link #columnMayReach}'s bound for every candidate of a block, from the
     * block's summary: the OR of its main-sector bits, of its other sector bits, of its non-empty
     * keyword, stage and service masks, its largest capacity, its districts as bits ({@link
     * #BLOCK_NO_DISTRICT} for none) and {@link #BLOCK_NO_SECTOR} style flags for candidates with an
     * empty mask. Exact for a block of one when a project is the subject. A scan skips a block
     * whose bound is below the k-th best score. O(sectors + districts) after tables built once per
     * request.
     */
    public double blockUpper(
        long mainSectors,
        long otherSectors,
        long keywordSectors,
        int stages,
        int services,
        int maxCapacity,
        long districts,
        int flags) {
      if (stageBlockA == null) buildBlockTables();
      double sector =
          blockSector(mainSectors, otherSectors, keywordSectors, (flags & BLOCK_NO_SECTOR) != 0);
      int cap = maxCapacity < 0 ? 0 : Math.min(maxCapacity, capacityTableA.length - 1);
      double stageA = stageBlockA[stages];
      double stageB = stageBlockB[stages];
      if ((flags & BLOCK_NO_STAGE) != 0) {
        stageA = Math.max(stageA, stageTableA[0]);
        stageB = Math.max(stageB, stageTableB[0]);
      }
      double needsA = needsBlockA[services];
      double needsB = needsBlockB[services];
      if ((flags & BLOCK_NO_SERVICE) != 0) {
        needsA = Math.max(needsA, needsTableA[0]);
        needsB = Math.max(needsB, needsTableB[0]);
      }
      int unknown = locationTableA.length - 1;
      double locationA = 0;
      double locationB = 0;
      for (long bits = districts; bits != 0; bits &= bits - 1) {
        int d = Math.min(Long.numberOfTrailingZeros(bits), unknown);
        locationA = Math.max(locationA, locationTableA[d]);
        locationB = Math.max(locationB, locationTableB[d]);
      }
      double a =
          constantA + weightsA[SECTOR] * sector + stageA + needsA + capacityTableA[cap] + locationA;
      if (!reciprocal) return a;
      double b =
          constantB + weightsB[SECTOR] * sector + stageB + needsB + capacityTableB[cap] + locationB;
      return combine(a, b);
    }

    /** The largest {@code sector} value of any candidate whose masks lie within these. */
    private double blockSector(long mains, long others, long keywordSectors, boolean someWithout) {
      if (!usesSector) return 0;
      long sectors = mains | others;
      double v = 0;
      boolean keywords =
          sectors != 0
              && ((keywordSectors & subject.sectors) | (subject.keywordSectors & sectors)) != 0;
      if (direction.projectIsSubject()) {
        if (sectors != 0 && subject.sectors == 0) v = params.neutral();
        for (long bits = subject.sectors == 0 ? 0 : sectors; bits != 0; bits &= bits - 1)
          v = Math.max(v, sectorBySubject[Long.numberOfTrailingZeros(bits)]);
        if (keywords) v = Math.max(v, params.keywordMatch());
        if (someWithout) v = Math.max(v, params.sectorAgnostic());
        return v;
      }
      if (subject.sectors == 0) return params.sectorAgnostic();
      // as sectorValue: a candidate's main sector weighs 1, its others secondarySector
      for (long bits = mains; bits != 0; bits &= bits - 1)
        v = Math.max(v, affinityToSubject[Long.numberOfTrailingZeros(bits)]);
      for (long bits = others; bits != 0; bits &= bits - 1)
        v =
            Math.max(
                v, params.secondarySector() * affinityToSubject[Long.numberOfTrailingZeros(bits)]);
      if (keywords) v = Math.max(v, params.keywordMatch());
      if (someWithout) {
        v = Math.max(v, params.neutral());
        if ((keywordSectors & subject.sectors) != 0) v = Math.max(v, params.keywordMatch());
      }
      return v;
    }

    /** The stage and needs tables of {@link #blockUpper}: each mask's best non-empty submask. */
    private void buildBlockTables() {
      stageBlockA = submaskMax(stageTableA);
      stageBlockB = submaskMax(stageTableB);
      needsBlockA = submaskMax(needsTableA);
      needsBlockB = submaskMax(needsTableB);
    }

    /** For each mask, the largest table value over its non-empty submasks (0 for none); O(n·2ⁿ). */
    private static double[] submaskMax(double[] table) {
      double[] out = new double[table.length];
      for (int m = 1; m < table.length; m++) {
        double v = table[m];
        for (int bits = m; bits != 0; bits &= bits - 1) v = Math.max(v, out[m & ~(bits & -bits)]);
        out[m] = v;
      }
      return out;
    }

    /** The exact {@code sector} value of a candidate from its column fields. */
    private double columnSector(long sectors, int mainSector, long keywordSectors) {
      if (!usesSector) return 0;
      if (sectorByMask != null && sectors < sectorByMask.length) {
        double sector = sectors == 0 ? params.sectorAgnostic() : sectorByMask[(int) sectors];
        boolean keywords =
            ((keywordSectors & subject.sectors) | (subject.keywordSectors & sectors)) != 0;
        if (keywords && sectors != 0) sector = Math.max(sector, params.keywordMatch());
        return sector;
      }
      return direction.projectIsSubject()
          ? sectorValue(
              subject.sectors, subject.mainSector, subject.keywordSectors, sectors, keywordSectors)
          : sectorValue(
              sectors, mainSector, keywordSectors, subject.sectors, subject.keywordSectors);
    }

    /**
     * The exact score with text 0 from column fields alone ({@code lat}/{@code lon} NaN for no
     * point), for directions whose components are all column ones (project ↔ mentors): the
     * reference a brute-force columnar scan computes. O(1).
     *
     * @throws IllegalStateException when the direction weighs a component the columns lack
     */
    public double columnScore(
        long sectors,
        int mainSector,
        long keywordSectors,
        int stages,
        int services,
        int capacity,
        double lat,
        double lon) {
      if (notInColumns >= 0)
        throw new IllegalStateException(
            direction.code()
                + " weighs "
                + Component.ALL[notInColumns].code()
                + ", not in the columns");
      double sector = columnSector(sectors, mainSector, keywordSectors);
      double cap = capacity <= 0 ? 0 : capacityOf(capacity);
      double loc = columnLocation(lat, lon);
      double a =
          weightsA[SECTOR] * sector
              + stageTableA[stages]
              + needsTableA[services]
              + weightsA[CAPACITY] * cap
              + locA * loc;
      double b =
          weightsB[SECTOR] * sector
              + stageTableB[stages]
              + needsTableB[services]
              + weightsB[CAPACITY] * cap
              + locB * loc;
      sumA = a;
      sumB = b;
      return combine(a, b);
    }

    /**
     * Whether {@link #columnScore} is this request's exact score with text 0: a project subject and
     * a direction weighing only column components. O(1).
     */
    public boolean scoresFromColumns() {
      return notInColumns < 0 && direction.projectIsSubject();
    }

    /**
     * This request's score as numbers another engine can evaluate ({@link ColumnForm}); O(sectors +
     * stage and service masks), copies its tables.
     *
     * @throws IllegalStateException when the subject is not a project or the direction weighs a
     *     component the columns lack
     */
    public ColumnForm columnForm() {
      if (notInColumns >= 0 || !direction.projectIsSubject())
        throw new IllegalStateException(
            direction.code() + " has no column form: only project → mentors scores from columns");
      return new ColumnForm(
          usesSector ? sectorBySubject.clone() : new double[sectorBySubject.length],
          subject.sectors,
          subject.keywordSectors,
          params.sectorAgnostic(),
          params.keywordMatch(),
          params.neutral(),
          weightsA[SECTOR],
          weightsB[SECTOR],
          stageTableA.clone(),
          stageTableB.clone(),
          needsTableA.clone(),
          needsTableB.clone(),
          weightsA[CAPACITY],
          weightsB[CAPACITY],
          params.capacitySlots(),
          locA,
          locB,
          subject.hasPoint() ? subject.lat : Double.NaN,
          subject.hasPoint() ? subject.lon : Double.NaN,
          fx.cosReference(),
          params.distanceScaleKm(),
          textA,
          textB,
          reciprocal);
    }

    /** Builds the weighted tables of {@link #columnMayReach} for this request. */
    private void buildColumnTables() {
      boolean projectSubject = direction.projectIsSubject();
      boolean parkSubject = subject.type == EntityType.PARKS;
      int stageMasks = 1 << fx.stageCount();
      stageTableA = new double[stageMasks];
      stageTableB = new double[stageMasks];
      for (int m = 0; m < stageMasks; m++) {
        double v =
            projectSubject
                ? stageValue(subject.stage, m)
                : stageValue(m == 0 ? -1 : Integer.numberOfTrailingZeros(m), subject.stages);
        stageTableA[m] = used[STAGE] ? weightsA[STAGE] * v : 0;
        stageTableB[m] = used[STAGE] ? weightsB[STAGE] * v : 0;
        if (parkSubject && used[KIND]) {
          // a park subject's kind fits each project stage differently: bounded by stage here
          double k = kindBound(m);
          stageTableA[m] += weightsA[KIND] * k;
          stageTableB[m] += weightsB[KIND] * k;
        }
      }
      int serviceMasks = 1 << fx.serviceBits();
      needsTableA = new double[serviceMasks];
      needsTableB = new double[serviceMasks];
      for (int m = 0; m < serviceMasks; m++) {
        double v =
            projectSubject ? needsValue(subject.services, m) : needsValue(m, subject.services);
        needsTableA[m] = used[NEEDS] ? weightsA[NEEDS] * v : 0;
        needsTableB[m] = used[NEEDS] ? weightsB[NEEDS] * v : 0;
      }
      capacityTableA = new double[capacityTable.length];
      capacityTableB = new double[capacityTable.length];
      for (int c = 0; c < capacityTable.length; c++) {
        // the last entry bounds every larger capacity (capacity grows with the slots)
        double v =
            !projectSubject
                ? 1.0
                : c == 0 ? 0 : c == capacityTable.length - 1 ? 1.0 : capacityOf(c);
        capacityTableA[c] = used[CAPACITY] ? weightsA[CAPACITY] * v : 0;
        capacityTableB[c] = used[CAPACITY] ? weightsB[CAPACITY] * v : 0;
      }
      int districts = locationBound.length;
      locationTableA = new double[districts + 1];
      locationTableB = new double[districts + 1];
      for (int d = 0; d <= districts; d++) {
        double v =
            direction.target() == EntityType.POLICIES || d == districts ? 1.0 : locationBound[d];
        locationTableA[d] = used[LOCATION] ? weightsA[LOCATION] * v : 0;
        locationTableB[d] = used[LOCATION] ? weightsB[LOCATION] * v : 0;
      }
      double ca = textBoundA;
      double cb = textBoundB;
      for (int i : boundComponents) {
        if (i == SECTOR || i == STAGE || i == NEEDS || i == CAPACITY || i == LOCATION) continue;
        if (i == KIND && parkSubject) continue; // in the stage tables
        double v = subjectBound(i);
        ca += weightsA[i] * v;
        cb += weightsB[i] * v;
      }
      constantA = ca;
      constantB = cb;
      usesSector = used[SECTOR];
    }

    /**
     * Upper bound of the score (text at its bound, 1 unless {@link #boundText} lowered it), from
     * the values of the last {@link #lowerAfterCheapUpper} or {@link #columnScore}.
     */
    public double upperAfterLower() {
      return combine(sumA + textBoundA, sumB + textBoundB);
    }

    /**
     * Lowers the text value every bound assumes from 1 to {@code max}: the most relevance any
     * candidate of this request can reach (for instance when part of the subject's words occur in
     * no candidate). Call it before asking for bounds; exact scores are unchanged. O(1).
     *
     * @throws IllegalArgumentException unless {@code max} is in [0,1]
     */
    public void boundText(double max) {
      if (!(max >= 0 && max <= 1))
        throw new IllegalArgumentException("the text bound must be in [0,1], got " + max);
      double v = Math.min(1.0, max * (1 + 1e-9)); // above the exact value, as the other bounds
      constantA += textA * v - textBoundA;
      constantB += textB * v - textBoundB;
      textBoundA = textA * v;
      textBoundB = textB * v;
    }

    /** The exact score with {@code text} ∈ [0,1]. */
    public double score(Features c, double text) {
      computeStructured(c);
      lastA = sumA + textA * text;
      lastB = sumB + textB * text;
      return combine(lastA, lastB);
    }

    /** The exact score with its components and reasons. */
    public Match match(Features c, Entity entity, double text) {
      double score = score(c, text);
      values[Component.TEXT.ordinal()] = text;
      Map<String, Double> components = new LinkedHashMap<>();
      for (String name : direction.components()) {
        Component k = Component.of(name).orElseThrow();
        components.put(name, round(values[k.ordinal()]));
      }
      if (reciprocal) components.put("reciprocal", round(sumB + textB * text));
      List<String> reasons =
          new Reasons(fx, params).of(direction, project(c), other(c), values, weightsA);
      return new Match(entity, score, components, reasons);
    }

    /** The harmonic mean of both views for two-sided directions, else this side's view. */
    private double combine(double a, double b) {
      if (!reciprocal) return a;
      return a + b == 0 ? 0 : 2 * a * b / (a + b);
    }

    private void computeStructured(Features c) {
      computeStructuredExceptLocation(c);
      addLocation(c);
    }

    private void addLocation(Features c) {
      if (!used[LOCATION]) return;
      double v = location(project(c), other(c));
      values[LOCATION] = v;
      sumA += locA * v;
      sumB += locB * v;
    }

    /** Computes every used component but location and text into values, and the weighted sums. */
    private void computeStructuredExceptLocation(Features c) {
      Features p = project(c);
      Features o = other(c);
      sumA = 0;
      sumB = 0;
      if (used[SECTOR]) put(SECTOR, sector(p, o));
      if (used[STAGE]) put(STAGE, stage(p, o));
      if (used[NEEDS]) put(NEEDS, needs(p, o));
      if (used[CAPACITY]) put(CAPACITY, capacity(o));
      if (used[SPACE]) put(SPACE, space(p, o));
      if (used[KIND]) put(KIND, kind(p, o));
      if (used[FREE_SPACE]) put(FREE_SPACE, freeSpace(p, o));
      if (used[TICKET]) put(TICKET, ticket(p, o));
      if (used[INSTRUMENT]) put(INSTRUMENT, instrument(p, o));
      if (used[BENEFIT]) put(BENEFIT, benefit(o));
      if (used[TRACK]) put(TRACK, track(o));
    }

    private void put(int component, double v) {
      values[component] = v;
      sumA += weightsA[component] * v;
      sumB += weightsB[component] * v;
    }

    double sector(Features p, Features o) {
      return sectorValue(p.sectors, p.mainSector, p.keywordSectors, o.sectors, o.keywordSectors);
    }

    /**
     * Best of (project sector weight × affinity) over both sector lists, with the keyword and
     * sector-agnostic values; the subject's side comes from tables built once per request.
     */
    private double sectorValue(
        long pSectors, int pMain, long pKeywords, long oSectors, long oKeywords) {
      if (oSectors == 0) return params.sectorAgnostic();
      if (pSectors == 0) {
        // a partial profile that states no sector: unknown, unless its words name the sector
        return (pKeywords & oSectors) != 0
            ? Math.max(params.neutral(), params.keywordMatch())
            : params.neutral();
      }
      double best = 0;
      if (direction.projectIsSubject()) {
        for (long os = oSectors; os != 0; os &= os - 1) {
          best = Math.max(best, sectorBySubject[Long.numberOfTrailingZeros(os)]);
        }
      } else if (secondaryByMask != null && pSectors < secondaryByMask.length) {
        // the same products as the loop below: max is exact whatever the order
        long main = pMain >= 0 ? pSectors & (1L << pMain) : 0;
        best = secondaryByMask[(int) (pSectors & ~main)];
        if (main != 0) best = Math.max(best, affinityToSubject[pMain]);
      } else {
        for (long ps = pSectors; ps != 0; ps &= ps - 1) {
          int i = Long.numberOfTrailingZeros(ps);
          double w = i == pMain ? 1.0 : params.secondarySector();
          best = Math.max(best, w * affinityToSubject[i]);
        }
      }
      if (((oKeywords & pSectors) | (pKeywords & oSectors)) != 0) {
        best = Math.max(best, params.keywordMatch());
      }
      return best;
    }

    double stage(Features p, Features o) {
      return stageValue(p.stage, o.stages);
    }

    /** Accepted 1, adjacent {@code adjacentStage}, else 0; no accepted stages means any. */
    private double stageValue(int projectStage, int accepted) {
      if (accepted == 0 || projectStage < 0) return accepted == 0 ? 1.0 : params.neutral();
      if ((accepted & (1 << projectStage)) != 0) return 1.0;
      int adjacent = (1 << (projectStage + 1)) | (projectStage > 0 ? 1 << (projectStage - 1) : 0);
      return (accepted & adjacent) != 0 ? params.adjacentStage() : 0.0;
    }

    double location(Features p, Features o) {
      if (o.type == EntityType.POLICIES) {
        return o.scope == 0
            ? params.neutral()
            : 1.0; // in scope (a hard constraint): a local policy
      }
      if (!p.hasPoint() || !o.hasPoint()) return params.neutral();
      return Math.exp(-fx.km(p, o) / params.distanceScaleKm());
    }

    double needs(Features p, Features o) {
      return needsValue(p.services, o.services);
    }

    private double needsValue(int projectNeeds, int offered) {
      if (projectNeeds == 0) return params.neutral();
      return (double) Integer.bitCount(projectNeeds & offered) / Integer.bitCount(projectNeeds);
    }

    double capacity(Features o) {
      return o.capacity <= 0 ? 0 : capacityOf(o.capacity);
    }

    private double capacityOf(int slots) {
      return slots < capacityTable.length
          ? capacityTable[slots]
          : 1 - Math.exp(-slots / params.capacitySlots());
    }

    /**
     * An upper bound of component {@code i} for every candidate, from the subject alone: a park
     * subject's free slots and area bound {@code space}, its funding bounds {@code freeSpace}; 1
     * otherwise.
     */
    private double subjectBound(int i) {
      if (subject.type != EntityType.PARKS) return 1.0;
      if (i == SPACE) return spaceValue(0, subject); // one person needs the least area
      if (i == FREE_SPACE) return subject.governmentInvested ? 1.0 : 0.0;
      return 1.0;
    }

    /** The largest {@code kind} of a park subject for a project of stage mask {@code m}. */
    private double kindBound(int m) {
      if (subject.kind < 0 || m == 0) return params.neutral();
      if (subject.kind == UNIVERSITY_PARK) return 1.0; // 1 for graduates, whose groups vary
      double[] byStage = KIND_BY_STAGE[subject.kind];
      return byStage[Math.min(Integer.numberOfTrailingZeros(m), byStage.length - 1)];
    }

    double space(Features p, Features o) {
      return spaceValue(p.employees, o);
    }

    /** {@code space} of park {@code o} for a project of {@code employees}; falls with them. */
    private double spaceValue(int employees, Features o) {
      double v = Double.NaN;
      if (o.capacity >= 0 && o.tenants >= 0) v = Math.min(1.0, (o.capacity - o.tenants) / 10.0);
      if (o.areaAvailable >= 0) {
        double needed = 15.0 * Math.max(1, employees);
        double a = Math.min(1.0, o.areaAvailable / needed);
        v = Double.isNaN(v) ? a : Math.min(v, a);
      }
      return Double.isNaN(v) ? params.neutral() : Math.max(0, v);
    }

    double kind(Features p, Features o) {
      if (o.kind < 0 || p.stage < 0) return params.neutral();
      double[] byStage = KIND_BY_STAGE[o.kind];
      double v = byStage[Math.min(p.stage, byStage.length - 1)];
      if (o.kind == UNIVERSITY_PARK && (p.founderGroups & fx.groupBit("college_graduate")) != 0)
        v = 1.0;
      return v;
    }

    double freeSpace(Features p, Features o) {
      int groups = fx.groupBit("college_graduate") | fx.groupBit("returnee");
      return o.governmentInvested && (p.founderGroups & groups) != 0 ? 1.0 : 0.0;
    }

    double ticket(Features p, Features o) {
      if (p.fundingNeed <= 0) return params.neutral();
      double need = p.fundingNeed;
      if (o.ticketMin > 0 && need < o.ticketMin) return need / o.ticketMin;
      if (o.ticketMax >= 0 && need > o.ticketMax) return o.ticketMax / need;
      return 1.0;
    }

    double instrument(Features p, Features o) {
      int wants =
          ((p.services & fx.serviceBit("finance")) != 0 ? Features.DEBT : 0)
              | ((p.services & fx.serviceBit("capital")) != 0 ? Features.EQUITY : 0);
      if (wants == 0) return params.neutral();
      return (double) Integer.bitCount(wants & o.instruments) / Integer.bitCount(wants);
    }

    /** Log-scaled track record: 0 for no investments, 1 from {@code portfolioReference} up. */
    double track(Features o) {
      if (o.portfolio < 0) return params.neutral();
      return Math.min(1.0, Math.log1p(o.portfolio) / Math.log1p(params.portfolioReference()));
    }

    double benefit(Features o) {
      if (o.benefitMax <= 0) return 0.3;
      return Math.min(1.0, Math.log10(o.benefitMax) / Math.log10(30_000_000));
    }
  }

  /** Bits of the kinds of {@code target} named in a filter (0 = no filter). */
  static long kindMask(EntityType target, List<String> kinds) {
    List<String> codes = Codes.kindsOf(target);
    long mask = 0;
    for (String k : kinds) {
      int i = codes.indexOf(k);
      if (i < 0)
        throw new IllegalArgumentException("unknown kind '" + k + "' for " + target.path());
      mask |= 1L << i;
    }
    return mask;
  }

  private static final int UNIVERSITY_PARK = 4;

  /** Fit of each park kind (Codes.PARK_KINDS order) to seed, startup, growth, mature. */
  private static final double[][] KIND_BY_STAGE = {
    {0.8, 1.0, 0.7, 0.3}, // incubation_park
    {0.6, 1.0, 1.0, 0.6}, // high_level_park
    {1.0, 0.8, 0.4, 0.2}, // startup_street
    {1.0, 0.8, 0.4, 0.2}, // community_station
    {1.0, 0.8, 0.4, 0.2}, // university_park
    {0.8, 0.8, 0.8, 0.8}, // enablement_center
  };

  static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }
}
