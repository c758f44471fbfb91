package cn.qingdao.peipao.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.qingdao.peipao.core.TestTaxonomy;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.District;
import cn.qingdao.peipao.core.taxonomy.Sector;
import cn.qingdao.peipao.core.taxonomy.Service;
import cn.qingdao.peipao.core.taxonomy.Stage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The column form a peer engine evaluates gives exactly the scorer's score, for seeded random
 * projects and mentors (with and without sectors, points, needs, keywords) and text values.
 */
class ColumnFormTest {
  static final EntityReader READER = new EntityReader(TestTaxonomy.load());
  static final FeatureExtractor FX = new FeatureExtractor(READER.taxonomy());
  static final ScoringProfiles PROFILES = ScoringProfiles.defaults();
  static final List<String> SECTORS =
      READER.taxonomy().sectors().stream().map(Sector::code).toList();
  static final List<String> STAGES = READER.taxonomy().stages().stream().map(Stage::code).toList();
  static final List<String> SERVICES =
      READER.taxonomy().services().stream().map(Service::code).toList();
  static final List<District> DISTRICTS = List.copyOf(READER.taxonomy().districts());

  @Test
  void theFormScoresExactlyAsTheScorer() {
    Random r = new Random(21);
    PairScorer scorer = new PairScorer(FX);
    for (int round = 0; round < 200; round++) {
      // a draft profile may state no sector (unknown), which the form must score as the scorer does
      Features project = FX.of(READER.readProfile(Json.parse(project(r, round))));
      PairScorer.Context ctx =
          scorer.context(
              Direction.PROJECT_MENTORS,
              project,
              PROFILES.defaultFor(Direction.PROJECT_MENTORS),
              PROFILES.defaultFor(Direction.MENTOR_PROJECTS),
              LocalDate.of(2026, 11, 21),
              RequestFilters.NONE);
      // related values may be positive until the request says none is: no column form before
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalStateException.class, () -> ctx.bounds().columnForm());
      ctx.bounds().boundRelated(0);
      ColumnForm form = ctx.bounds().columnForm();
      for (int m = 0; m < 20; m++) {
        Features mentor = FX.of(READER.read(EntityType.MENTORS, Json.parse(mentor(r, m))));
        double text = r.nextInt(4) == 0 ? 0 : r.nextDouble();
        double expected = ctx.score(mentor, text, 0);
        double actual =
            form.score(
                mentor.sectors,
                mentor.keywordSectors,
                mentor.stages,
                mentor.services,
                mentor.capacity,
                mentor.hasPoint() ? mentor.lat : Double.NaN,
                mentor.hasPoint() ? mentor.lon : Double.NaN,
                text);
        assertEquals(expected, actual, 1e-12, "round " + round + " mentor " + m);
      }
    }
  }

  @Test
  void aDirectionWithComponentsOutsideTheColumnsHasNoForm() {
    Features project = FX.of(READER.readProfile(Json.parse(project(new Random(1), 0))));
    PairScorer.Context ctx =
        new PairScorer(FX)
            .context(
                Direction.PROJECT_PARKS,
                project,
                PROFILES.defaultFor(Direction.PROJECT_PARKS),
                PROFILES.defaultFor(Direction.PARK_PROJECTS),
                LocalDate.of(2026, 11, 21),
                RequestFilters.NONE);
    assertThrows(IllegalStateException.class, ctx.bounds()::columnForm);
  }

  static String project(Random r, int i) {
    StringBuilder s = new StringBuilder("{\"id\":\"p-" + i + "\",\"name\":\"项目\",\"sectors\":");
    s.append(Json.write(pick(SECTORS, r, r.nextInt(4))));
    s.append(",\"stage\":\"").append(STAGES.get(r.nextInt(STAGES.size()))).append('"');
    s.append(",\"needs\":").append(Json.write(pick(SERVICES, r, r.nextInt(4))));
    s.append(",\"location\":").append(location(r));
    // words naming a sector give keyword sectors
    if (r.nextBoolean()) s.append(",\"description\":\"做人工智能和海洋装备的团队\"");
    return s.append('}').toString();
  }

  static String mentor(Random r, int i) {
    StringBuilder s = new StringBuilder("{\"id\":\"m-" + i + "\",\"name\":\"导师\",\"sectors\":");
    s.append(Json.write(pick(SECTORS, r, r.nextInt(4))));
    s.append(",\"stages\":").append(Json.write(pick(STAGES, r, r.nextInt(3))));
    s.append(",\"services\":").append(Json.write(pick(SERVICES, r, r.nextInt(5))));
    s.append(",\"location\":").append(location(r));
    s.append(",\"capacity\":").append(r.nextInt(8));
    if (r.nextBoolean()) s.append(",\"tags\":[\"生物医药\",\"电商\"]");
    return s.append('}').toString();
  }

  static String location(Random r) {
    District d = DISTRICTS.get(r.nextInt(DISTRICTS.size()));
    if (r.nextInt(3) == 0) return "{\"district\":\"" + d.code() + "\"}";
    return String.format(
        "{\"district\":\"%s\",\"lat\":%.5f,\"lon\":%.5f}",
        d.code(), d.lat() + r.nextGaussian() * 0.1, d.lon() + r.nextGaussian() * 0.1);
  }

  static List<String> pick(List<String> codes, Random r, int n) {
    List<String> pool = new ArrayList<>(codes);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n && !pool.isEmpty(); i++) out.add(pool.remove(r.nextInt(pool.size())));
    return out;
  }
}
