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

  private final int[] lowIndex = new int[WIDTH];
  private final int[] highIndex = new int[WIDTH];
  private final int[] countIndex = new int[WIDTH];
  private final int[] capacityIndex = new int[WIDTH];
  private final int[] districtIndex = new int[WIDTH];

  /** Per-request scratch (one per {@link PruningBounds}: a request is one thread). */
  ColumnLanes() {}

  /**
   * The bits of positions {@code from} to {@code from + WIDTH * steps} of {@code c} that may reach
   * {@code bar}, or -1 when some sector mask lies outside the tables (then the caller's scalar form
   * decides the block).
   */
  long mayReach(PruningBounds p, double bar, ColumnArrays c, int from, int steps) {
    long out = 0;
    long masks = p.sectorMasks;
    int lowBits = p.sectorLowBits;
    long lowMask = (1L << lowBits) - 1;
    int needs = p.needsA.needs();
    int capacityLast = p.capacityTableA.length - 1;
    int unknownDistrict = p.locationTableA.length - 1;
    long subjectSectors = p.subject.sectors;
    long subjectKeywords = p.subject.keywordSectors;
    DoubleVector agnostic = DoubleVector.broadcast(D, p.params.sectorAgnostic());
    double keywordMatch = p.params.keywordMatch();
    for (int s = 0; s < steps; s++) {
      int i = from + s * WIDTH;
      LongVector sectors = LongVector.fromArray(L, c.sectors(), i);
      if (sectors
          .compare(VectorOperators.GE, masks)
          .or(sectors.compare(VectorOperators.LT, 0))
          .anyTrue()) return -1;
      ((IntVector) sectors.and(lowMask).convertShape(VectorOperators.L2I, I, 0))
          .intoArray(lowIndex, 0);
      ((IntVector)
              sectors
                  .lanewise(VectorOperators.LSHR, lowBits)
                  .convertShape(VectorOperators.L2I, I, 0))
          .intoArray(highIndex, 0);
      DoubleVector low = DoubleVector.fromArray(D, p.sectorLow, 0, lowIndex, 0);
      DoubleVector high = DoubleVector.fromArray(D, p.sectorHigh, 0, highIndex, 0);
      // low > high ? low : high, as sectorOfMask
      DoubleVector sector = high.blend(low, low.compare(VectorOperators.GT, high));
      VectorMask<Long> none = sectors.compare(VectorOperators.EQ, 0);
      sector = sector.blend(agnostic, none.cast(D));
      LongVector keywords = LongVector.fromArray(L, c.keywordSectors(), i);
      VectorMask<Long> byWords =
          keywords
              .and(subjectSectors)
              .or(sectors.and(subjectKeywords))
              .compare(VectorOperators.NE, 0)
              .andNot(none);
      sector = sector.blend(sector.lanewise(VectorOperators.MAX, keywordMatch), byWords.cast(D));
      IntVector services = IntVector.fromArray(I, c.services(), i);
      services.and(needs).lanewise(VectorOperators.BIT_COUNT).intoArray(countIndex, 0);
      IntVector capacity = IntVector.fromArray(I, c.capacity(), i);
      capacity.max(0).min(capacityLast).intoArray(capacityIndex, 0);
      IntVector district = IntVector.fromArray(I, c.district(), i);
      district
          .blend(unknownDistrict, district.compare(VectorOperators.LT, 0))
          .intoArray(districtIndex, 0);
      DoubleVector a = view(p, true, sector, c.stages(), i);
      VectorMask<Double> reach;
      if (!p.reciprocal) {
        reach = a.compare(VectorOperators.GE, bar);
      } else {
        DoubleVector b = view(p, false, sector, c.stages(), i);
        // 2 * a * b >= bar * (a + b), as reaches
        reach = a.mul(2).mul(b).compare(VectorOperators.GE, a.add(b).mul(bar));
      }
      out |= reach.toLong() << (s * WIDTH);
    }
    return out;
  }

  /**
   * View A's (or B's) bound in lanes: partA's (partB's) sum in its order (constant, sector, stage,
   * needs, capacity), then location, from the step's indices.
   */
  private DoubleVector view(
      PruningBounds p, boolean viewA, DoubleVector sector, int[] stages, int i) {
    return DoubleVector.broadcast(D, viewA ? p.constantA : p.constantB)
        .add(sector.mul((viewA ? p.weightsA : p.weightsB)[PairScorer.SECTOR]))
        .add(DoubleVector.fromArray(D, viewA ? p.stageTableA : p.stageTableB, 0, stages, i))
        .add(DoubleVector.fromArray(D, (viewA ? p.needsA : p.needsB).byCount(), 0, countIndex, 0))
        .add(
            DoubleVector.fromArray(
                D, viewA ? p.capacityTableA : p.capacityTableB, 0, capacityIndex, 0))
        .add(
            DoubleVector.fromArray(
                D, viewA ? p.locationTableA : p.locationTableB, 0, districtIndex, 0));
  }
}
