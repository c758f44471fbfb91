package cn.qingdao.peipao.core.scoring;

import static cn.qingdao.peipao.core.scoring.PairScorer.CAPACITY;
import static cn.qingdao.peipao.core.scoring.PairScorer.FREE_SPACE;
import static cn.qingdao.peipao.core.scoring.PairScorer.KIND;
import static cn.qingdao.peipao.core.scoring.PairScorer.LOCATION;
import static cn.qingdao.peipao.core.scoring.PairScorer.NEEDS;
import static cn.qingdao.peipao.core.scoring.PairScorer.RELATED;
import static cn.qingdao.peipao.core.scoring.PairScorer.SECTOR;
import static cn.qingdao.peipao.core.scoring.PairScorer.SPACE;
import static cn.qingdao.peipao.core.scoring.PairScorer.STAGE;
import static cn.qingdao.peipao.core.scoring.PairScorer.TEXT;

import cn.qingdao.peipao.core.model.EntityType;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The upper and lower bounds of one request's exact score ({@link PairScorer.Context}) that let the
 * fast path skip candidates and whole blocks without scoring them: a cheap bound from the features
 * without distance, bounds from a candidate's column fields or a block's summary, and the exact
 * text-free score from columns for directions that only weigh column components. Each bound is at
 * least the exact score of every candidate it covers; {@code BlockUpperTest} and the equivalence
 * tests check it. Tables are built once per request; every bound is then O(1) or O(sectors +
 * districts).
 */
public final class PruningBounds {
  private final PairScorer.Context ctx;
  private final FeatureExtractor fx;
  private final Direction direction;
  // fields without a modifier are read by ColumnLanes (the same request's tables, in lanes)
  final Features subject;
  final ScoringParams params;
  final double[] weightsA;
  final double[] weightsB;
  private final boolean[] used;
  final boolean reciprocal;

  // the values looked up per candidate after its bounds (text, related) in every bound: their
  // weights times the most any candidate of the request can reach
  private double lateBoundA;
  private double lateBoundB;
  private double textMax = 1.0;
  private double relatedMax = 1.0;

  /** The used components other than text and related, for bounds. */
  private final int[] boundComponents;

  /** A used component that {@link #columnScore} cannot compute from columns, or -1. */
  private final int notInColumns;

  /** Upper bound of location for a candidate of each district (1 where unknown). */
  private final double[] locationBound;

  double[] stageTableA;
  double[] stageTableB;
  NeedsTable needsA;
  NeedsTable needsB;
  double[] capacityTableA;
  double[] capacityTableB;
  double[] locationTableA;
  double[] locationTableB;
  double constantA;
  double constantB;

  /**
   * The last {@link #columnMayReach} candidate's sector value and {@link #columnMayReachAt}'s
   * location value (NaN until computed for it).
   */
  private double lastSector;

  private double lastLocation = Double.NaN;

  /** The last {@link #columnMayReach} candidate's bound without location, per view. */
  private double columnA;

  private double columnB;
  private double[] stageBlockA;
  private double[] stageBlockB;
  boolean usesSector;

  /**
   * For a project subject: the best affinity-weighted sector value (0 for none) of each mask of the
   * low sectors, and of each mask of the high ones; a mask's value is the larger of its halves'
   * (192 entries for 13 sectors instead of 8,192 per request, and the max is the same value; the
   * sign of a zero aside, which only a neutral value of -0.0 could bring).
   */
  double[] sectorLow;

  double[] sectorHigh;
  int sectorLowBits;

  /** Masks below this have a value in {@link #sectorLow}/{@link #sectorHigh}. */
  long sectorMasks;

  PruningBounds(PairScorer.Context ctx, DistrictBounds districtBounds) {
    this.ctx = ctx;
    this.fx = ctx.fx();
    this.direction = ctx.direction;
    this.subject = ctx.subject;
    this.params = ctx.params;
    this.weightsA = ctx.weightsA;
    this.weightsB = ctx.weightsB;
    this.used = ctx.used;
    this.reciprocal = ctx.reciprocal;
    locationBound = locationBounds(districtBounds);
    boundComponents =
        IntStream.range(0, used.length).filter(i -> used[i] && i != TEXT && i != RELATED).toArray();
    notInColumns =
        Arrays.stream(boundComponents)
            .filter(i -> i != SECTOR && i != STAGE && i != NEEDS && i != CAPACITY && i != LOCATION)
            .findFirst()
            .orElse(-1);
    lateBoundA = ctx.textA + ctx.relatedA;
    lateBoundB = ctx.textB + ctx.relatedB;
    buildColumnTables();
    int sectors = fx.taxonomy().sectors().size();
    if (direction.projectIsSubject() && sectors <= 16) {
      sectorLowBits = (sectors + 1) / 2;
      sectorMasks = 1L << sectors;
      sectorLow = bestByMask(0, sectorLowBits);
      sectorHigh = bestByMask(sectorLowBits, sectors - sectorLowBits);
    }
  }

  /**
   * The best value of {@code ctx.sectorBySubject} over each mask of the {@code count} sectors from
   * {@code first} (0 for none), or the neutral value for every non-empty mask when the subject
   * states no sector, as sectorValue scores it. Plain comparisons, not Math.max (NaN and -0.0
   * checks).
   */
  private double[] bestByMask(int first, int count) {
    double[] out = new double[1 << count];
    if (subject.sectors == 0) {
      Arrays.fill(out, 1, out.length, params.neutral());
      return out;
    }
    double[] bySector = ctx.sectorBySubject;
    for (int m = 1; m < out.length; m++) {
      double rest = out[m & (m - 1)];
      double low = bySector[first + Integer.numberOfTrailingZeros(m)];
      out[m] = low > rest ? low : rest;
    }
    return out;
  }

  /** The value of sector mask {@code m} (below {@link #sectorMasks}) from its two halves. */
  private double sectorOfMask(long m) {
    double low = sectorLow[(int) m & ((1 << sectorLowBits) - 1)];
    double high = sectorHigh[(int) (m >>> sectorLowBits)];
    return low > high ? low : high;
  }

  /**
   * A cheap upper bound of the score that skips the distance computation (location taken as its
   * district's bound, text and related as theirs). Call {@link #lowerAfterCheapUpper} next to
   * complete the bounds of the same candidate.
   */
  public double cheapUpper(Features c) {
    ctx.computeStructuredExceptLocation(c);
    double loc = c.district >= 0 ? locationBound[c.district] : 1.0;
    return ctx.combine(
        ctx.sumA + ctx.locA * loc + lateBoundA, ctx.sumB + ctx.locB * loc + lateBoundB);
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

  /** The lower bound (text = related = 0) of the candidate of the last {@link #cheapUpper} call. */
  public double lowerAfterCheapUpper(Features c) {
    ctx.addLocation(c);
    return ctx.combine(ctx.sumA, ctx.sumB);
  }

  /**
   * Whether candidate {@code i} of {@code columns}, judged by its hot fields alone, may score at
   * least {@code bar}: sector, stage, needs and capacity exact, location bounded by the district's
   * box, every other component and text taken as 1. Table lookups only, so a scan can skip most
   * candidates without loading them.
   */
  public boolean columnMayReach(double bar, CandidateColumns columns, int i) {
    bar = finite(bar);
    double sector =
        columnSector(columns.sectors(i), columns.mainSector(i), columns.keywordSectors(i));
    lastSector = sector;
    lastLocation = Double.NaN;
    int stages = columns.stages(i);
    int services = columns.services(i);
    int cap = capacitySlot(columns.capacity(i));
    int loc = locationSlot(columns.district(i));
    columnA = part(true, sector, stages, services, cap);
    columnB = reciprocal ? part(false, sector, stages, services, cap) : 0;
    return reaches(bar, columnA + locationTableA[loc], columnB + locationTableB[loc]);
  }

  /**
   * Whether {@link ColumnLanes} runs here: the Vector API's module is present (the server and the
   * build add it) and the JVM has lanes of doubles.
   */
  static final boolean LANES =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && ColumnLanes.WIDTH > 0;

  /** This request's lanes' scratch, made on first use. */
  private ColumnLanes lanes;

  /**
   * The positions {@code from} to {@code to} (exclusive; fewer than 64) for which {@link
   * #columnMayReach} answers true for {@code bar}, as bits ({@code i - from}): in SIMD lanes where
   * the columns come as arrays ({@link ColumnLanes}, the same arithmetic per lane), else by {@link
   * #columnMayReach} itself, so a scan tests a block at once and considers only the candidates
   * kept. O(to - from).
   */
  public long columnsMayReach(double bar, CandidateColumns columns, int from, int to) {
    if (to - from > 63) throw new IllegalArgumentException(to - from + " positions; at most 63");
    bar = finite(bar);
    long out = 0;
    int i = from;
    int steps = LANES ? (to - from) / ColumnLanes.WIDTH : 0;
    ColumnArrays arrays = steps > 0 && lanesApply() ? columns.arrays() : null;
    if (arrays != null) {
      if (lanes == null) lanes = new ColumnLanes();
      long bits = lanes.mayReach(this, bar, arrays, from, steps);
      if (bits != -1) { // -1: a mask outside the tables; fewer than 64 positions never give it
        out = bits;
        i = from + steps * ColumnLanes.WIDTH;
      }
    }
    // the rest one by one (its remembered values are overwritten by the scan's own call)
    for (; i < to; i++) if (columnMayReach(bar, columns, i)) out |= 1L << (i - from);
    return out;
  }

  /** Whether {@link ColumnLanes} computes this request's column bound: a project subject's. */
  private boolean lanesApply() {
    return usesSector
        && sectorLow != null
        && needsA.byCount() != null
        && (!reciprocal || needsB.byCount() != null);
  }

  private int capacitySlot(int capacity) {
    return capacity < 0 ? 0 : Math.min(capacity, capacityTableA.length - 1);
  }

  private int locationSlot(int district) {
    return district < 0 ? locationTableA.length - 1 : district;
  }

  /** View A's (or B's) column bound without location, in the order the lanes sum it. */
  private double part(boolean sideA, double sector, int stages, int services, int cap) {
    return (sideA ? constantA : constantB)
        + (sideA ? weightsA : weightsB)[SECTOR] * sector
        + (sideA ? stageTableA : stageTableB)[stages]
        + (sideA ? needsA : needsB).value(services)
        + (sideA ? capacityTableA : capacityTableB)[cap];
  }

  /**
   * {@code bar}, or the lowest finite double for -∞ (no k-th score yet): the harmonic test below
   * multiplies the bar by a + b, and -∞ · 0 is NaN, which would drop a candidate whose views are
   * both 0 (exhaustive scoring keeps it, score 0). Every other answer stays the same.
   */
  private static double finite(double bar) {
    return bar < -Double.MAX_VALUE ? -Double.MAX_VALUE : bar;
  }

  /** Whether views' bounds {@code a} and {@code b} may combine to at least {@code bar}. */
  private boolean reaches(double bar, double a, double b) {
    if (!reciprocal) return a >= bar;
    return 2 * a * b >= bar * (a + b); // harmonic mean ≥ bar, without dividing
  }

  /**
   * Whether candidate {@code i} of the last {@link #columnMayReach} call that answered true may
   * still reach {@code bar} with its location computed from its point instead of bounded by its
   * district: a tighter bound for one {@code exp}.
   */
  public boolean columnMayReachAt(double bar, CandidateColumns columns, int i) {
    bar = finite(bar);
    if (direction.target() == EntityType.POLICIES || !used[LOCATION]) return true;
    double loc = columnLocation(columns.lat(i), columns.lon(i));
    lastLocation = loc;
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
   * block's summary. Exact for a block of one when a project is the subject. A scan skips a block
   * whose bound is below the k-th best score. O(sectors + districts) after tables built once per
   * request.
   */
  public double blockUpper(BlockSummary block) {
    BlockSummaries one = new BlockSummaries(1);
    one.set(0, block);
    return blockUpper(one, 0);
  }

  /**
   * {@link #blockUpper(BlockSummary)} of block {@code block} of {@code blocks}; the scan's form.
   */
  public double blockUpper(BlockSummaries blocks, int block) {
    long mainSectors = blocks.mainSectors(block);
    long otherSectors = blocks.otherSectors(block);
    long keywordSectors = blocks.keywordSectors(block);
    int stages = blocks.stages(block);
    int services = blocks.services(block);
    int maxCapacity = blocks.maxCapacity(block);
    long districts = blocks.districts(block);
    int flags = blocks.flags(block);
    if (stageBlockA == null) buildBlockTables();
    double sector =
        blockSector(
            mainSectors, otherSectors, keywordSectors, (flags & BlockSummary.NO_SECTOR) != 0);
    int cap = maxCapacity < 0 ? 0 : Math.min(maxCapacity, capacityTableA.length - 1);
    double stageA = stageBlockA[stages];
    double stageB = stageBlockB[stages];
    if ((flags & BlockSummary.NO_STAGE) != 0) {
      stageA = Math.max(stageA, stageTableA[0]);
      stageB = Math.max(stageB, stageTableB[0]);
    }
    double needsA = this.needsA.blockValue(services);
    double needsB = this.needsB.blockValue(services);
    if ((flags & BlockSummary.NO_SERVICE) != 0) {
      needsA = Math.max(needsA, this.needsA.value(0));
      needsB = Math.max(needsB, this.needsB.value(0));
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
    return ctx.combine(a, b);
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
      if (sectorLow != null && sectors < sectorMasks) {
        v = sectorOfMask(sectors); // the loop below in two lookups (0 for no sector)
      } else {
        if (sectors != 0 && subject.sectors == 0) v = params.neutral();
        for (long bits = subject.sectors == 0 ? 0 : sectors; bits != 0; bits &= bits - 1)
          v = Math.max(v, ctx.sectorBySubject[Long.numberOfTrailingZeros(bits)]);
      }
      if (keywords) v = Math.max(v, params.keywordMatch());
      if (someWithout) v = Math.max(v, params.sectorAgnostic());
      return v;
    }
    if (subject.sectors == 0) return params.sectorAgnostic();
    // as sectorValue: a candidate's main sector weighs 1, its others secondarySector
    for (long bits = mains; bits != 0; bits &= bits - 1)
      v = Math.max(v, ctx.affinityToSubject[Long.numberOfTrailingZeros(bits)]);
    for (long bits = others; bits != 0; bits &= bits - 1)
      v =
          Math.max(
              v,
              params.secondarySector() * ctx.affinityToSubject[Long.numberOfTrailingZeros(bits)]);
    if (keywords) v = Math.max(v, params.keywordMatch());
    if (someWithout) {
      v = Math.max(v, params.neutral());
      if ((keywordSectors & subject.sectors) != 0) v = Math.max(v, params.keywordMatch());
    }
    return v;
  }

  /** The stage tables of {@link #blockUpper}: each mask's best non-empty submask. */
  private void buildBlockTables() {
    stageBlockA = submaskMax(stageTableA);
    stageBlockB = submaskMax(stageTableB);
  }

  /**
   * For each mask, the largest table value over its non-empty submasks (0 for none); O(n·2ⁿ⁻¹)
   * comparisons. Built for every request that scans blocks, so written as the sum-over-subsets pass
   * (one sweep per bit, sequential, plain comparisons: Math.max's NaN and -0.0 handling cost 8 % of
   * a warm server's CPU in the nested form).
   */
  static double[] submaskMax(double[] table) {
    double[] out = table.clone();
    out[0] = 0;
    for (int bit = 1; bit < out.length; bit <<= 1)
      for (int m = bit; m < out.length; m = (m + 1) | bit) {
        double below = out[m ^ bit];
        if (below > out[m]) out[m] = below;
      }
    return out;
  }

  /** The exact {@code sector} value of a candidate from its column fields. */
  private double columnSector(long sectors, int mainSector, long keywordSectors) {
    if (!usesSector) return 0;
    if (sectorLow != null && sectors < sectorMasks) {
      double sector = sectors == 0 ? params.sectorAgnostic() : sectorOfMask(sectors);
      boolean keywords =
          ((keywordSectors & subject.sectors) | (subject.keywordSectors & sectors)) != 0;
      if (keywords && sectors != 0) sector = Math.max(sector, params.keywordMatch());
      return sector;
    }
    return direction.projectIsSubject()
        ? ctx.sectorValue(
            subject.sectors, subject.mainSector, subject.keywordSectors, sectors, keywordSectors)
        : ctx.sectorValue(
            sectors, mainSector, keywordSectors, subject.sectors, subject.keywordSectors);
  }

  /**
   * The exact score with text 0 of candidate {@code i} from its column fields alone, for directions
   * whose components are all column ones (project ↔ mentors): the reference a brute-force columnar
   * scan computes. O(1).
   *
   * @throws IllegalStateException when the direction weighs a component the columns lack
   */
  public double columnScore(CandidateColumns columns, int i) {
    double sector =
        columnSector(columns.sectors(i), columns.mainSector(i), columns.keywordSectors(i));
    return columnScore(columns, i, sector, columnLocation(columns.lat(i), columns.lon(i)));
  }

  /**
   * {@link #columnScore} of the candidate the last {@link #columnMayReach} and {@link
   * #columnMayReachAt} calls answered true for, from the sector and location values they computed
   * (the same arithmetic, so the same bits): the scan's form, one distance and one sector lookup
   * fewer per survivor. O(1).
   */
  public double columnScoreAfterReach(CandidateColumns columns, int i) {
    double loc =
        Double.isNaN(lastLocation) ? columnLocation(columns.lat(i), columns.lon(i)) : lastLocation;
    return columnScore(columns, i, lastSector, loc);
  }

  private double columnScore(CandidateColumns columns, int i, double sector, double loc) {
    if (notInColumns >= 0)
      throw new IllegalStateException(
          direction.code()
              + " weighs "
              + Component.ALL[notInColumns].code()
              + ", not in the columns");
    int capacity = columns.capacity(i);
    double cap = capacity <= 0 ? 0 : ctx.capacityOf(capacity);
    int stages = columns.stages(i);
    int services = columns.services(i);
    double a =
        weightsA[SECTOR] * sector
            + stageTableA[stages]
            + needsA.value(services)
            + weightsA[CAPACITY] * cap
            + ctx.locA * loc;
    double b =
        weightsB[SECTOR] * sector
            + stageTableB[stages]
            + needsB.value(services)
            + weightsB[CAPACITY] * cap
            + ctx.locB * loc;
    ctx.sumA = a;
    ctx.sumB = b;
    return ctx.combine(a, b);
  }

  /**
   * Whether {@link #columnScore} is this request's exact score with text 0: a project subject and a
   * direction weighing only column components. O(1).
   */
  public boolean scoresFromColumns() {
    return notInColumns < 0 && direction.projectIsSubject();
  }

  /**
   * This request's score as numbers another engine can evaluate ({@link ColumnForm}); O(sectors +
   * stage and service masks), copies its tables.
   *
   * @throws IllegalStateException when the subject is not a project, the direction weighs a
   *     component the columns lack, or related values may be positive
   */
  public ColumnForm columnForm() {
    if (notInColumns >= 0 || !direction.projectIsSubject())
      throw new IllegalStateException(
          direction.code() + " has no column form: only project → mentors scores from columns");
    // what people did is not in the columns: exact only where no counterpart has a related value
    if (used[RELATED] && relatedMax > 0)
      throw new IllegalStateException(
          "related values are not in the column form; call boundRelated(0) when there are none");
    // ColumnForm is flat on purpose: it is the wire form the peers (Solr, OpenSearch) read
    return new ColumnForm(
        usesSector ? ctx.sectorBySubject.clone() : new double[ctx.sectorBySubject.length],
        subject.sectors,
        subject.keywordSectors,
        params.sectorAgnostic(),
        params.keywordMatch(),
        params.neutral(),
        weightsA[SECTOR],
        weightsB[SECTOR],
        stageTableA.clone(),
        stageTableB.clone(),
        needsA.byMask(),
        needsB.byMask(),
        weightsA[CAPACITY],
        weightsB[CAPACITY],
        params.capacitySlots(),
        ctx.locA,
        ctx.locB,
        subject.hasPoint() ? subject.lat : Double.NaN,
        subject.hasPoint() ? subject.lon : Double.NaN,
        fx.cosReference(),
        params.distanceScaleKm(),
        ctx.textA,
        ctx.textB,
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
              ? ctx.stageValue(subject.stage, m)
              : ctx.stageValue(m == 0 ? -1 : Integer.numberOfTrailingZeros(m), subject.stages);
      stageTableA[m] = used[STAGE] ? weightsA[STAGE] * v : 0;
      stageTableB[m] = used[STAGE] ? weightsB[STAGE] * v : 0;
      if (parkSubject && used[KIND]) {
        // a park subject's kind fits each project stage differently: bounded by stage here
        double k = kindBound(m);
        stageTableA[m] += weightsA[KIND] * k;
        stageTableB[m] += weightsB[KIND] * k;
      }
    }
    needsA = NeedsTable.of(ctx, subject, projectSubject, weightsA[NEEDS], used[NEEDS]);
    needsB = NeedsTable.of(ctx, subject, projectSubject, weightsB[NEEDS], used[NEEDS]);
    int slots = ctx.capacityTable.length;
    capacityTableA = new double[slots];
    capacityTableB = new double[slots];
    for (int c = 0; c < slots; c++) {
      // the last entry bounds every larger capacity (capacity grows with the slots)
      double v = !projectSubject ? 1.0 : c == 0 ? 0 : c == slots - 1 ? 1.0 : ctx.capacityOf(c);
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
    double ca = lateBoundA;
    double cb = lateBoundB;
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
   * Upper bound of the score (text and related at their bounds, 1 unless {@link #boundText} or
   * {@link #boundRelated} lowered them), from the values of the last {@link #lowerAfterCheapUpper}
   * or {@link #columnScore}.
   */
  public double upperAfterLower() {
    return ctx.combine(ctx.sumA + lateBoundA, ctx.sumB + lateBoundB);
  }

  /**
   * The lower bound of the last candidate bounded ({@link #lowerAfterCheapUpper} or {@link
   * #columnScore}) with its exact related value {@code related} instead of 0. O(1).
   */
  public double lowerWithRelated(double related) {
    return ctx.combine(ctx.sumA + ctx.relatedA * related, ctx.sumB + ctx.relatedB * related);
  }

  /**
   * As {@link #upperAfterLower}, with the candidate's exact related value instead of its bound: a
   * lookup makes most candidates' bounds tighter when few counterparts have a related value. O(1).
   */
  public double upperWithRelated(double related) {
    return ctx.combine(
        ctx.sumA + lateBoundA - ctx.relatedA * relatedMax + ctx.relatedA * related,
        ctx.sumB + lateBoundB - ctx.relatedB * relatedMax + ctx.relatedB * related);
  }

  /**
   * Lowers the text value every bound assumes from 1 to {@code max}: the most relevance any
   * candidate of this request can reach (for instance when part of the subject's words occur in no
   * candidate). Call it before asking for bounds; exact scores are unchanged. O(1).
   *
   * @throws IllegalArgumentException unless {@code max} is in [0,1]
   */
  public void boundText(double max) {
    textMax = checkedBound("text", max);
    rebound();
  }

  /**
   * Lowers the related value every bound assumes from 1 to {@code max}, the most any candidate of
   * this request has (0 when nothing is known of projects like the subject). As {@link #boundText}.
   *
   * @throws IllegalArgumentException unless {@code max} is in [0,1]
   */
  public void boundRelated(double max) {
    relatedMax = checkedBound("related", max);
    rebound();
  }

  private static double checkedBound(String what, double max) {
    if (!(max >= 0 && max <= 1))
      throw new IllegalArgumentException("the " + what + " bound must be in [0,1], got " + max);
    return Math.min(1.0, max * (1 + 1e-9)); // above the exact value, as the other bounds
  }

  private void rebound() {
    double a = ctx.textA * textMax + ctx.relatedA * relatedMax;
    double b = ctx.textB * textMax + ctx.relatedB * relatedMax;
    constantA += a - lateBoundA;
    constantB += b - lateBoundB;
    lateBoundA = a;
    lateBoundB = b;
  }

  /**
   * An upper bound of component {@code i} for every candidate, from the subject alone: a park
   * subject's free slots and area bound {@code space}, its funding bounds {@code freeSpace}; 1
   * otherwise.
   */
  private double subjectBound(int i) {
    if (subject.type != EntityType.PARKS) return 1.0;
    if (i == SPACE) return ctx.spaceValue(0, subject); // one person needs the least area
    if (i == FREE_SPACE) return subject.governmentInvested ? 1.0 : 0.0;
    return 1.0;
  }

  /** The largest {@code kind} of a park subject for a project of stage mask {@code m}. */
  private double kindBound(int m) {
    if (subject.kind < 0 || m == 0) return params.neutral();
    if (subject.kind == PairScorer.UNIVERSITY_PARK)
      return 1.0; // 1 for graduates, whose groups vary
    double[] byStage = PairScorer.KIND_BY_STAGE[subject.kind];
    return byStage[Math.min(Integer.numberOfTrailingZeros(m), byStage.length - 1)];
  }
}
