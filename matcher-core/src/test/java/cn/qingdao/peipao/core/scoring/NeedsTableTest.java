package cn.qingdao.peipao.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A request's needs table answers, for every service mask, the weighted {@code needsValue} bit for
 * bit, and for every OR of a block the brute-force maximum over its non-empty submasks (and 0), for
 * project subjects (by count of needs offered) and mentor subjects (by mask), over seeded subjects
 * with no needs, some, and every service, and seeded weights.
 */
class NeedsTableTest {
  private static final PairScorer SCORER = new PairScorer(BlockUpperTest.FX);

  @Test
  void projectSubjectsTableByCountEqualsTheTableByMask() {
    check(Direction.PROJECT_MENTORS, 71);
  }

  @Test
  void mentorSubjectsTableByMaskEqualsNeedsValue() {
    check(Direction.MENTOR_PROJECTS, 72);
  }

  private static void check(Direction direction, long seed) {
    Random r = new Random(seed);
    int masks = 1 << BlockUpperTest.FX.serviceBits();
    int withoutNeeds = 0;
    int withMany = 0;
    for (int round = 0; round < 60; round++) {
      Features subject = subject(direction, r, round);
      if (subject.services == 0) withoutNeeds++;
      if (Integer.bitCount(subject.services) >= 3) withMany++;
      PairScorer.Context ctx =
          SCORER.context(
              direction,
              subject,
              BlockUpperTest.PROFILES.defaultFor(direction),
              BlockUpperTest.PROFILES.defaultFor(direction.reverse().orElseThrow()),
              LocalDate.of(2026, 12, 1),
              RequestFilters.NONE,
              null);
      // a weight of 0 (needs unused) and seeded ones
      double weight = round % 7 == 0 ? 0 : r.nextDouble() * 3;
      boolean used = round % 11 != 0;
      NeedsTable table = NeedsTable.of(ctx, subject, direction.projectIsSubject(), weight, used);
      double[] byMask = new double[masks];
      for (int m = 0; m < masks; m++) {
        double v =
            direction.projectIsSubject()
                ? ctx.needsValue(subject.services, m)
                : ctx.needsValue(m, subject.services);
        byMask[m] = used ? weight * v : 0;
        assertEquals(byMask[m], table.value(m), 0.0, direction.code() + " mask " + m);
      }
      double[] block = PruningBounds.submaskMax(byMask);
      for (int m = 0; m < masks; m++) {
        double want = 0;
        for (int s = m; s != 0; s = (s - 1) & m) want = Math.max(want, byMask[s]);
        assertEquals(want, block[m], 0.0, "submaskMax of mask " + m);
        assertEquals(want, table.blockValue(m), 0.0, direction.code() + " block of mask " + m);
      }
      double[] full = table.byMask();
      for (int m = 0; m < masks; m++) assertEquals(byMask[m], full[m], 0.0, "byMask " + m);
    }
    assertTrue(withoutNeeds > 3, "subjects without needs: " + withoutNeeds);
    assertTrue(withMany > 3, "subjects with three needs or more: " + withMany);
  }

  private static Features subject(Direction direction, Random r, int i) {
    if (direction.subject() == EntityType.MENTORS)
      return BlockUpperTest.FX.of(
          ColumnFormTest.READER.read(EntityType.MENTORS, Json.parse(ColumnFormTest.mentor(r, i))));
    String json = ColumnFormTest.project(r, i);
    // every service now and then, so that counts reach the top of the table
    if (i % 9 == 4)
      json =
          json.replaceFirst(
              "\"needs\":\\[[^]]*]", "\"needs\":" + Json.write(ColumnFormTest.SERVICES));
    return BlockUpperTest.FX.of(ColumnFormTest.READER.readProfile(Json.parse(json)));
  }
}
