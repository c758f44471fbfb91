package cn.qingdao.peipao.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.qingdao.peipao.core.TestTaxonomy;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Sector;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sector value of a project candidate for a mentor subject, read from the per-request mask
 * table, equals the definition: the best of (1 for the main sector, {@code secondarySector} for the
 * others) × affinity to the subject's sectors, over seeded random sector lists.
 */
class SectorValueTest {
  static final EntityReader READER = new EntityReader(TestTaxonomy.load());
  static final FeatureExtractor FX = new FeatureExtractor(READER.taxonomy());
  static final ScoringProfiles PROFILES = ScoringProfiles.defaults();

  @Test
  void theMaskTableEqualsTheDefinition() {
    List<String> codes = READER.taxonomy().sectors().stream().map(Sector::code).toList();
    Random r = new Random(9);
    for (int round = 0; round < 300; round++) {
      List<String> mentorSectors = pick(codes, r, 1 + r.nextInt(3));
      var mentor =
          FX.of(
              READER.read(
                  EntityType.MENTORS,
                  Json.parse(
                      "{\"id\":\"m\",\"name\":\"m\",\"sectors\":"
                          + Json.write(mentorSectors)
                          + ",\"stages\":[],\"location\":{\"district\":\"laoshan\"},\"capacity\":3}")));
      var ctx =
          new PairScorer(FX)
              .context(
                  Direction.MENTOR_PROJECTS,
                  mentor,
                  PROFILES.defaultFor(Direction.MENTOR_PROJECTS),
                  PROFILES.defaultFor(Direction.PROJECT_MENTORS),
                  LocalDate.of(2026, 1, 1),
                  RequestFilters.NONE);
      List<String> projectSectors = pick(codes, r, 1 + r.nextInt(4));
      var project =
          FX.of(
              READER.read(
                  EntityType.PROJECTS,
                  Json.parse(
                      "{\"id\":\"p\",\"name\":\"p\",\"sectors\":"
                          + Json.write(projectSectors)
                          + ",\"stage\":\"seed\",\"location\":{\"district\":\"laoshan\"}}")));
      double expected = 0;
      for (int k = 0; k < projectSectors.size(); k++) {
        int i = codes.indexOf(projectSectors.get(k));
        double w = k == 0 ? 1.0 : ScoringParams.DEFAULTS.secondarySector();
        for (String ms : mentorSectors)
          expected = Math.max(expected, w * FX.affinity(i, codes.indexOf(ms)));
      }
      // keyword matches can only raise it; these records have none beyond their sectors
      if (((project.keywordSectors & mentor.sectors) | (mentor.keywordSectors & project.sectors))
          != 0) expected = Math.max(expected, ScoringParams.DEFAULTS.keywordMatch());
      assertEquals(
          expected, ctx.sector(project, mentor), 0.0, projectSectors + " vs " + mentorSectors);
    }
  }

  static List<String> pick(List<String> codes, Random r, int n) {
    List<String> pool = new ArrayList<>(codes);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n && !pool.isEmpty(); i++) out.add(pool.remove(r.nextInt(pool.size())));
    return out;
  }
}
