package cn.qingdao.peipao.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A block's bound is at least every member's column bound and exact score with full text (or with
 * the text bound the request set) in every column direction, and equals the column bound for a
 * block of one when a project is the subject, over seeded random subjects and blocks (members with
 * and without sectors, stages, services, districts and points). The scan's block form of the column
 * bound answers what the one-candidate form does, at each member's boundary.
 */
class BlockUpperTest {
  static final FeatureExtractor FX = ColumnFormTest.FX;
  static final ScoringProfiles PROFILES = ScoringProfiles.defaults();
  static final String[] KINDS = {
    "incubation_park",
    "high_level_park",
    "startup_street",
    "community_station",
    "university_park",
    "enablement_center"
  };

  @Test
  void projectSubjectBoundsEveryMentorOfTheBlock() {
    check(Direction.PROJECT_MENTORS, Direction.MENTOR_PROJECTS, 31);
  }

  @Test
  void mentorSubjectBoundsEveryProjectOfTheBlock() {
    check(Direction.MENTOR_PROJECTS, Direction.PROJECT_MENTORS, 32);
  }

  @Test
  void parkSubjectBoundsEveryProjectOfTheBlock() {
    check(Direction.PARK_PROJECTS, Direction.PROJECT_PARKS, 33);
  }

  private static void check(Direction direction, Direction reverse, long seed) {
    Random r = new Random(seed);
    PairScorer scorer = new PairScorer(FX);
    int blocksBelowOne = 0;
    int textBoundsLower = 0;
    int checked = 0;
    for (int round = 0; round < 300; round++) {
      Features subject = subject(direction, r, round);
      List<Features> members = new ArrayList<>();
      int size = r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(12);
      for (int i = 0; i < size; i++) members.add(candidate(direction, r, i));
      DistrictBounds bounds = new DistrictBounds(ColumnFormTest.DISTRICTS.size());
      for (Features m : members) bounds.add(m);
      PairScorer.Context ctx =
          scorer.context(
              direction,
              subject,
              PROFILES.defaultFor(direction),
              PROFILES.defaultFor(reverse),
              LocalDate.of(2026, 11, 21),
              RequestFilters.NONE,
              bounds);
      BlockSummary summary = summaryOf(members);
      double full = ctx.bounds().blockUpper(summary);
      // half of the requests learn that their text can reach only part of its weight
      double textMax = r.nextBoolean() ? 1.0 : r.nextDouble();
      if (textMax < 1) ctx.bounds().boundText(textMax);
      // and that the related values (what people did) reach only so far, or nowhere
      double relatedMax = r.nextBoolean() ? 1.0 : r.nextInt(4) == 0 ? 0 : r.nextDouble();
      if (relatedMax < 1) ctx.bounds().boundRelated(relatedMax);
      double bound = ctx.bounds().blockUpper(summary);
      // a run of blocks is bounded by the union of their summaries: at least each block's bound
      int cut = r.nextInt(size + 1);
      if (cut > 0 && cut < size) {
        BlockSummary left = summaryOf(members.subList(0, cut));
        BlockSummary right = summaryOf(members.subList(cut, size));
        assertEquals(summary, left.union(right), "the union of two parts is the whole's summary");
        // (within rounding: the harmonic mean of larger views may come out an ulp lower)
        assertTrue(ctx.bounds().blockUpper(left) <= bound + 1e-12, "a part above the run's");
        assertTrue(ctx.bounds().blockUpper(right) <= bound + 1e-12, "a part above the run's");
      }
      // the scan's packed form holds the same summary and answers exactly what the record does
      BlockSummaries packed = new BlockSummaries(3);
      int at = r.nextInt(3);
      packed.set(at, summary);
      assertEquals(summary, packed.get(at));
      assertEquals(bound, ctx.bounds().blockUpper(packed, at), direction.code() + " packed");
      assertTrue(bound <= full + 1e-12, "a text bound below 1 cannot raise the block bound");
      if (textMax < 0.9 && bound < full - 1e-9) textBoundsLower++;
      if (bound < 1 - 1e-9) blocksBelowOne++;
      String what = direction.code() + " round " + round;
      for (Features m : members) {
        assertFalse(mayReach(ctx, m, bound + 1e-9), what + ": a member's column bound is higher");
        if (ctx.eligible(m)) {
          checked++;
          double best = ctx.score(m, textMax, relatedMax);
          // a score from the views is the score's own arithmetic, from columns within rounding
          assertEquals(best, ctx.scoreOfViews(ctx.viewA(), ctx.viewB(), textMax, relatedMax));
          if (ctx.bounds().scoresFromColumns()) {
            // the scan's form after its two bounds: the same bits as computing afresh
            CandidateColumns cols = ScoringTest.columns(m);
            if (ctx.bounds().columnMayReach(Double.NEGATIVE_INFINITY, cols, 0)) {
              ctx.bounds().columnMayReachAt(Double.NEGATIVE_INFINITY, cols, 0);
              double after = ctx.bounds().columnScoreAfterReach(cols, 0);
              assertEquals(ctx.bounds().columnScore(cols, 0), after, 0.0, what + ": after reach");
            }
            ctx.bounds().columnScore(ScoringTest.columns(m), 0);
            double fromColumns = ctx.scoreOfViews(ctx.viewA(), ctx.viewB(), textMax, relatedMax);
            assertEquals(best, fromColumns, 1e-12, what + ": the views from columns differ");
          }
          assertTrue(best <= bound + 1e-9, what + ": a member scores higher");
          assertTrue(mayReach(ctx, m, best - 1e-9), what + ": the column bound is below the score");
          assertTrue(
              ctx.bounds().columnMayReachAt(best - 1e-9, ScoringTest.columns(m), 0),
              what + ": the bound at the point is below the score");
        }
      }
      blockFormAgrees(ctx, members, r, what);
      // a project's needs share is not monotone in its needs: OR summaries bound it by 1 on overlap
      if (size == 1 && direction.projectIsSubject()) {
        assertTrue(mayReach(ctx, members.get(0), bound - 1e-9), what + ": loose for one member");
      }
    }
    assertTrue(checked > 500, direction.code() + ": only " + checked + " eligible members");
    // the bound must discriminate, not answer 1 for every block
    assertTrue(blocksBelowOne > 100, direction.code() + ": only " + blocksBelowOne + " below 1");
    assertTrue(
        textBoundsLower > 50, direction.code() + ": text bounds lowered only " + textBoundsLower);
  }

  /** The block summary of {@code members}, written out field by field (not by {@code union}). */
  private static BlockSummary summaryOf(List<Features> members) {
    long mains = 0;
    long others = 0;
    long keywords = 0;
    int stages = 0;
    int services = 0;
    int capacity = Integer.MIN_VALUE;
    long districts = 0;
    int flags = 0;
    for (Features m : members) {
      long main = m.mainSector < 0 ? 0 : m.sectors & (1L << m.mainSector);
      mains |= main;
      others |= m.sectors & ~main;
      keywords |= m.keywordSectors;
      stages |= m.stages;
      services |= m.services;
      capacity = Math.max(capacity, m.capacity);
      districts |= 1L << (m.district < 0 ? BlockSummary.NO_DISTRICT : m.district);
      if (m.sectors == 0) flags |= BlockSummary.NO_SECTOR;
      if (m.stages == 0) flags |= BlockSummary.NO_STAGE;
      if (m.services == 0) flags |= BlockSummary.NO_SERVICE;
    }
    // the scan's fold of one-member summaries gives the same
    BlockSummary folded = null;
    for (Features m : members) {
      BlockSummary one = BlockSummary.of(ScoringTest.columns(m), 0);
      folded = folded == null ? one : folded.union(one);
    }
    BlockSummary written =
        new BlockSummary(mains, others, keywords, stages, services, capacity, districts, flags);
    assertEquals(written, folded, "BlockSummary.of and union differ from the summary's definition");
    return written;
  }

  /**
   * The scan's block form answers what {@link PruningBounds#columnMayReach} answers for each
   * member, at each member's own boundary (the largest bar it reaches, and the next double above
   * it), where any difference in arithmetic would show, and at random bars; over a window of the
   * members.
   */
  private static void blockFormAgrees(
      PairScorer.Context ctx, List<Features> members, Random r, String what) {
    // a block as large as the scan's (up to 32), of the members repeated: several steps of lanes
    List<CandidateColumns> each = new ArrayList<>();
    int size = 1 + r.nextInt(40);
    while (each.size() < size)
      each.add(ScoringTest.columns(members.get(r.nextInt(members.size()))));
    // with arrays the lanes answer (where the Vector API's module is present), without the loop
    CandidateColumns all = new ListColumns(each, r.nextBoolean() ? ListColumns.arrays(each) : null);
    int from = r.nextInt(size);
    int to = from + 1 + r.nextInt(size - from);
    List<Double> bars = new ArrayList<>(List.of(r.nextDouble(), 0.0, Double.NEGATIVE_INFINITY));
    for (int i = from; i < to; i++) {
      double edge = boundary(ctx, each.get(i));
      bars.add(edge);
      bars.add(Math.nextUp(edge));
    }
    for (double bar : bars) {
      long bits = ctx.bounds().columnsMayReach(bar, all, from, to);
      for (int i = from; i < to; i++)
        assertEquals(
            ctx.bounds().columnMayReach(bar, each.get(i), 0),
            (bits >>> (i - from) & 1) != 0,
            what + ": the block form differs for member " + i + " at bar " + bar);
      assertEquals(0, bits >>> (to - from), what + ": bits outside the window");
    }
  }

  /** The largest bar {@code columns} reaches, by bisection over the doubles' order. */
  private static double boundary(PairScorer.Context ctx, CandidateColumns columns) {
    double lo = 0; // every column bound is at least 0 in these profiles
    double hi = 2;
    assertTrue(ctx.bounds().columnMayReach(lo, columns, 0));
    assertFalse(ctx.bounds().columnMayReach(hi, columns, 0));
    while (Math.nextUp(lo) < hi) {
      // the midpoint of the bit patterns: non-negative doubles order as their bits
      double mid =
          Double.longBitsToDouble(
              (Double.doubleToRawLongBits(lo) + Double.doubleToRawLongBits(hi)) >>> 1);
      if (ctx.bounds().columnMayReach(mid, columns, 0)) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /** Members' one-candidate columns as the columns of a block, by position. */
  private record ListColumns(List<CandidateColumns> each, ColumnArrays arrays)
      implements CandidateColumns {
    static ColumnArrays arrays(List<CandidateColumns> each) {
      return ColumnArrays.of(new ListColumns(each, null), each.size());
    }

    @Override
    public long sectors(int i) {
      return each.get(i).sectors(0);
    }

    @Override
    public int mainSector(int i) {
      return each.get(i).mainSector(0);
    }

    @Override
    public long keywordSectors(int i) {
      return each.get(i).keywordSectors(0);
    }

    @Override
    public int stages(int i) {
      return each.get(i).stages(0);
    }

    @Override
    public int services(int i) {
      return each.get(i).services(0);
    }

    @Override
    public int capacity(int i) {
      return each.get(i).capacity(0);
    }

    @Override
    public int district(int i) {
      return each.get(i).district(0);
    }

    @Override
    public double lat(int i) {
      return each.get(i).lat(0);
    }

    @Override
    public double lon(int i) {
      return each.get(i).lon(0);
    }
  }

  private static boolean mayReach(PairScorer.Context ctx, Features m, double bar) {
    return ctx.bounds().columnMayReach(bar, ScoringTest.columns(m), 0);
  }

  private static Features subject(Direction direction, Random r, int i) {
    return switch (direction.subject()) {
      case PROJECTS -> FX.of(ColumnFormTest.READER.readProfile(Json.parse(project(r, i))));
      case MENTORS -> mentor(r, i);
      default -> park(r, i);
    };
  }

  private static Features candidate(Direction direction, Random r, int i) {
    return direction.target() == EntityType.MENTORS
        ? mentor(r, i)
        : FX.of(ColumnFormTest.READER.read(EntityType.PROJECTS, Json.parse(project(r, i))));
  }

  private static String project(Random r, int i) {
    String json = ColumnFormTest.project(r, i);
    // a stored project states at least one sector; some founders are graduates or returnees
    json = json.replace("\"sectors\":[]", "\"sectors\":[\"ai\"]");
    // consenting to every counterpart, so that the pair is eligible and its score is checked
    json = json.replaceFirst("^\\{", "{\"consent\":{\"mentors\":true,\"parks\":true},");
    String[] groups = {"college_graduate", "returnee", "veteran"};
    if (r.nextBoolean())
      json =
          json.replaceFirst(
              "^\\{",
              "{\"founder\":{\"groups\":[\""
                  + groups[r.nextInt(3)]
                  + "\"]},\"employees\":"
                  + r.nextInt(40)
                  + ",");
    return json;
  }

  private static Features mentor(Random r, int i) {
    return FX.of(
        ColumnFormTest.READER.read(EntityType.MENTORS, Json.parse(ColumnFormTest.mentor(r, i))));
  }

  private static Features park(Random r, int i) {
    String json =
        "{\"id\":\"k-"
            + i
            + "\",\"name\":\"园区\",\"kind\":\""
            + KINDS[r.nextInt(KINDS.length)]
            + "\",\"governmentInvested\":"
            + r.nextBoolean()
            + ",\"sectors\":"
            + Json.write(ColumnFormTest.pick(ColumnFormTest.SECTORS, r, r.nextInt(3)))
            + ",\"stages\":"
            + Json.write(ColumnFormTest.pick(ColumnFormTest.STAGES, r, r.nextInt(3)))
            + ",\"services\":"
            + Json.write(ColumnFormTest.pick(ColumnFormTest.SERVICES, r, r.nextInt(4)))
            + ",\"location\":"
            + ColumnFormTest.location(r)
            + ",\"areaTotal\":20000,\"areaAvailable\":"
            + r.nextInt(1500)
            + ",\"capacity\":80,\"tenants\":"
            + (70 + r.nextInt(10))
            + "}";
    return FX.of(ColumnFormTest.READER.read(EntityType.PARKS, Json.parse(json)));
  }

  /**
   * The block form in a one-sided direction (project → events: the lanes' {@code a >= bar} branch),
   * over the columns of random candidates: the bound is table arithmetic on columns, whatever their
   * type.
   */
  @Test
  void blockFormAgreesInAOneSidedDirection() {
    Random r = new Random(35);
    PairScorer scorer = new PairScorer(FX);
    for (int round = 0; round < 300; round++) {
      Features subject = subject(Direction.PROJECT_EVENTS, r, round);
      List<Features> members = new ArrayList<>();
      for (int i = 0; i < 1 + r.nextInt(12); i++) members.add(mentor(r, i));
      DistrictBounds bounds = new DistrictBounds(ColumnFormTest.DISTRICTS.size());
      for (Features m : members) bounds.add(m);
      PairScorer.Context ctx =
          scorer.context(
              Direction.PROJECT_EVENTS,
              subject,
              PROFILES.defaultFor(Direction.PROJECT_EVENTS),
              null,
              LocalDate.of(2026, 11, 21),
              RequestFilters.NONE,
              bounds);
      blockFormAgrees(ctx, members, r, "project-events round " + round);
    }
  }

  /** The build runs the lanes (it adds the Vector API's module), so the checks above cover them. */
  @Test
  void theLanesRunUnderTheBuild() {
    assertTrue(PruningBounds.LANES, "the Vector API's module is missing: surefire's argLine");
  }

  /**
   * Before any k-th score the bar is -∞; a candidate whose two views are both 0 (a profile that
   * weighs only capacity, a mentor without free slots) may still reach it, as exhaustive scoring
   * ranks it with score 0. The harmonic test's -∞ · 0 once dropped it.
   */
  @Test
  void viewsOfZeroReachTheBarBeforeAnyScore() {
    Features subject = subject(Direction.PROJECT_MENTORS, new Random(5), 0);
    Map<String, Double> capacityOnly = Map.of("capacity", 1.0);
    PairScorer.Context ctx =
        new PairScorer(FX)
            .context(
                Direction.PROJECT_MENTORS,
                subject,
                new ScoringProfile(
                    "c", 1, Direction.PROJECT_MENTORS, capacityOnly, ScoringParams.DEFAULTS),
                new ScoringProfile(
                    "c", 1, Direction.MENTOR_PROJECTS, capacityOnly, ScoringParams.DEFAULTS),
                LocalDate.of(2026, 11, 21),
                RequestFilters.NONE,
                new DistrictBounds(ColumnFormTest.DISTRICTS.size()));
    CandidateColumns full = CandidateColumns.of(0, -1, 0, 0, 0, 0, -1, Double.NaN, Double.NaN);
    assertTrue(ctx.bounds().columnMayReach(Double.NEGATIVE_INFINITY, full, 0));
    assertTrue(ctx.bounds().columnMayReachAt(Double.NEGATIVE_INFINITY, full, 0));
    List<CandidateColumns> block = java.util.Collections.nCopies(20, full);
    assertEquals(
        (1L << 20) - 1,
        ctx.bounds()
            .columnsMayReach(
                Double.NEGATIVE_INFINITY,
                new ListColumns(block, ListColumns.arrays(block)),
                0,
                20));
  }

  @Test
  void aTextBoundOutsideZeroToOneIsRefused() {
    PairScorer.Context ctx =
        new PairScorer(FX)
            .context(
                Direction.MENTOR_PROJECTS,
                mentor(new Random(1), 0),
                PROFILES.defaultFor(Direction.MENTOR_PROJECTS),
                PROFILES.defaultFor(Direction.PROJECT_MENTORS),
                LocalDate.of(2026, 11, 21),
                RequestFilters.NONE);
    for (double bad : new double[] {-0.1, 1.5, Double.NaN})
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> ctx.bounds().boundText(bad), Double.toString(bad));
  }

  @Test
  void emptyMaskFlagsRaiseTheBound() {
    Features project =
        FX.of(
            ColumnFormTest.READER.readProfile(
                Json.parse(
                    "{\"id\":\"p\",\"name\":\"x\",\"sectors\":[\"ai\"],\"stage\":\""
                        + ColumnFormTest.STAGES.get(0)
                        + "\",\"location\":{\"district\":\"laoshan\"}}")));
    PairScorer.Context ctx =
        new PairScorer(FX)
            .context(
                Direction.PROJECT_MENTORS,
                project,
                PROFILES.defaultFor(Direction.PROJECT_MENTORS),
                PROFILES.defaultFor(Direction.MENTOR_PROJECTS),
                LocalDate.of(2026, 11, 21),
                RequestFilters.NONE);
    // a mentor with no accepted stage accepts every stage, the first one too: the flag counts it
    int lastStage = 1 << (FX.stageCount() - 1);
    double without = ctx.bounds().blockUpper(new BlockSummary(1, 0, 0, lastStage, 1, 3, 1, 0));
    double with =
        ctx.bounds()
            .blockUpper(new BlockSummary(1, 0, 0, lastStage, 1, 3, 1, BlockSummary.NO_STAGE));
    assertTrue(with > without, with + " vs " + without);
    assertEquals(
        with,
        ctx.bounds().blockUpper(new BlockSummary(1, 0, 0, 0, 1, 3, 1, BlockSummary.NO_STAGE)),
        1e-12);
  }
}
