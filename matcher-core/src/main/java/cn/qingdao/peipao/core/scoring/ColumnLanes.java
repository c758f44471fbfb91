package cn.qingdao.peipao.core.scoring;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PruningBounds#columnsMayReach} in SIMD lanes (the incubating Vector API): per lane the
 * same operations in the same order as the scalar form, each an IEEE operation, so each lane
 * answers what the scalar form answers. Only for a project subject with sector tables and needs
 * tables by count; the caller keeps the scalar form otherwise. Loaded only when the module is
 * present ({@link PruningBounds#LANES}). As many lanes as the JVM's preferred shape holds doubles
 * (eight with AVX-512, four with AVX2). O(to - from) with table lookups as gathers.
 */
final class ColumnLanes {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

  // longs and ints with as many lanes as the doubles; null where the JVM has no such shapes (a
  // preferred shape of one double, or sizes forBitSize does not name), and then no lanes at all
  private static final VectorSpecies<Long> L = species(long.class, D.vectorBitSize());
  private static final VectorSpecies<Integer> I = species(int.class, D.length() * Integer.SIZE);

  /** Lanes per step; 0 when this JVM cannot run them (the caller keeps its loop). */
  static final int WIDTH =
      D.length() >= 2
              && L != null
              && I != null
              && L.length() == D.length()
              && I.length() == D.length()
          ? D.length()
          : 0;

  private static <E> VectorSpecies<E> species(Class<E> type, int bits) {
    try {
      return VectorSpecies.of(type, VectorShape.forBitSize(bits));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // per-step scratch: what one step's parts hand each other. No vector crosses a method boundary,
  // so each part compiles with every vector's exact class known and its operations intrinsified
  // even when C2 declines to inline the part into its caller (a whole step in one method passed
  // NodeCountInliningCutoff in the server, so view() was called with a boxed vector of unknown
  // class and fell back to the Java implementation: half the server's allocation)
  private final int[] lowIndex = new int[WIDTH];
  private final int[] highIndex = new int[WIDTH];
  private final int[] countIndex = new int[WIDTH];
  private final int[] capacityIndex = new int[WIDTH];
  private final int[] districtIndex = new int[WIDTH];
  private final double[] sector = new double[WIDTH];
  private final double[] viewA = new double[WIDTH];
  private final double[] viewB = new double[WIDTH];

  /** Per-request scratch (one per {@link PruningBounds}: a request is one thread). */
  ColumnLanes() {}

  /**
   * The bits of positions {@code from} to {@code from + WIDTH * steps} of {@code c} that may reach
   * {@code bar}, or -1 when some sector mask lies outside the tables (then the caller's scalar form
   * decides the block).
   */
  long mayReach(PruningBounds p, double bar, ColumnArrays c, int from, int steps) {
    long out = 0;
    for (int s = 0; s < steps; s++) {
      int i = from + s * WIDTH;
      if (!sectorAndIndices(p, c, i)) return -1;
      view(p, true, c.stages(), i, viewA);
      long reach;
      if (!p.reciprocal) {
        reach = oneSided(bar);
      } else {
        view(p, false, c.stages(), i, viewB);
        reach = harmonic(bar);
      }
      out |= reach << (s * WIDTH);
    }
    return out;
  }

  /**
   * The step's sector part into {@link #sector} and its table indices into the index arrays; false
   * when some sector mask lies outside the tables.
   */
  private boolean sectorAndIndices(PruningBounds p, ColumnArrays c, int i) {
    int lowBits = p.sectorLowBits;
    LongVector sectors = LongVector.fromArray(L, c.sectors(), i);
    if (sectors
        .compare(VectorOperators.GE, p.sectorMasks)
        .or(sectors.compare(VectorOperators.LT, 0))
        .anyTrue()) return false;
    ((IntVector) sectors.and((1L << lowBits) - 1).convertShape(VectorOperators.L2I, I, 0))
        .intoArray(lowIndex, 0);
    ((IntVector)
            sectors.lanewise(VectorOperators.LSHR, lowBits).convertShape(VectorOperators.L2I, I, 0))
        .intoArray(highIndex, 0);
    DoubleVector low = DoubleVector.fromArray(D, p.sectorLow, 0, lowIndex, 0);
    DoubleVector high = DoubleVector.fromArray(D, p.sectorHigh, 0, highIndex, 0);
    // low > high ? low : high, as sectorOfMask
    DoubleVector part = high.blend(low, low.compare(VectorOperators.GT, high));
    VectorMask<Long> none = sectors.compare(VectorOperators.EQ, 0);
    part = part.blend(p.params.sectorAgnostic(), none.cast(D));
    LongVector keywords = LongVector.fromArray(L, c.keywordSectors(), i);
    VectorMask<Long> byWords =
        keywords
            .and(p.subject.sectors)
            .or(sectors.and(p.subject.keywordSectors))
            .compare(VectorOperators.NE, 0)
            .andNot(none);
    part = part.blend(part.lanewise(VectorOperators.MAX, p.params.keywordMatch()), byWords.cast(D));
    part.intoArray(sector, 0);
    IntVector services = IntVector.fromArray(I, c.services(), i);
    services.and(p.needsA.needs()).lanewise(VectorOperators.BIT_COUNT).intoArray(countIndex, 0);
    IntVector capacity = IntVector.fromArray(I, c.capacity(), i);
    capacity.max(0).min(p.capacityTableA.length - 1).intoArray(capacityIndex, 0);
    IntVector district = IntVector.fromArray(I, c.district(), i);
    district
        .blend(p.locationTableA.length - 1, district.compare(VectorOperators.LT, 0))
        .intoArray(districtIndex, 0);
    return true;
  }

  /**
   * View A's (or B's) bound in lanes into {@code out}: {@code PruningBounds.part}'s sum in its
   * order (constant, sector, stage, needs, capacity), then location, from the step's indices.
   */
  private void view(PruningBounds p, boolean sideA, int[] stages, int i, double[] out) {
    DoubleVector.broadcast(D, sideA ? p.constantA : p.constantB)
        .add(
            DoubleVector.fromArray(D, sector, 0)
                .mul((sideA ? p.weightsA : p.weightsB)[PairScorer.SECTOR]))
        .add(DoubleVector.fromArray(D, sideA ? p.stageTableA : p.stageTableB, 0, stages, i))
        .add(DoubleVector.fromArray(D, (sideA ? p.needsA : p.needsB).byCount(), 0, countIndex, 0))
        .add(
            DoubleVector.fromArray(
                D, sideA ? p.capacityTableA : p.capacityTableB, 0, capacityIndex, 0))
        .add(
            DoubleVector.fromArray(
                D, sideA ? p.locationTableA : p.locationTableB, 0, districtIndex, 0))
        .intoArray(out, 0);
  }

  /** The lanes whose view A reaches {@code bar}, as bits. */
  private long oneSided(double bar) {
    return DoubleVector.fromArray(D, viewA, 0).compare(VectorOperators.GE, bar).toLong();
  }

  /** The lanes whose views' harmonic mean reaches {@code bar}: 2ab >= bar(a + b), as reaches. */
  private long harmonic(double bar) {
    DoubleVector a = DoubleVector.fromArray(D, viewA, 0);
    DoubleVector b = DoubleVector.fromArray(D, viewB, 0);
    return a.mul(2).mul(b).compare(VectorOperators.GE, a.add(b).mul(bar)).toLong();
  }
}
