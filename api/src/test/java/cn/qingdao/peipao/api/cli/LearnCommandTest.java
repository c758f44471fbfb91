package cn.qingdao.peipao.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.feedback.FeedbackEvent;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.recommend.Recommender;
import cn.qingdao.peipao.index.store.FeedbackStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code matcher learn} on a data directory with a feedback log made by simulated users. */
@Tag("sqlite-only") // SQLite files and the CLI on the embedded store; once
class LearnCommandTest {
  /** What the simulated users care about: nearness and free mentors, more than the default. */
  static final Map<String, Double> TRUTH = Map.of("location", 4.0, "capacity", 2.0, "sector", 1.0);

  /** The profile the simulated lists were shown by, as feedback names it: name@version. */
  static final String SHOWN_BY =
      "default@" + ScoringProfiles.defaults().defaultFor(Direction.PROJECT_MENTORS).version();

  @TempDir Path dir;

  static double truth(Match m) {
    double sum = 0;
    double total = 0;
    for (var w : TRUTH.entrySet()) {
      sum += w.getValue() * m.components().getOrDefault(w.getKey(), 0.0);
      total += w.getValue();
    }
    return sum / total;
  }

  @Test
  void learnWritesALoadableProfileThatBeatsTheCurrentOneOnHeldOutProjects() throws Exception {
    Path data = dir.resolve("data");
    try (Catalog catalog = Catalog.open(data, QingdaoDataset.taxonomy())) {
      SyntheticEcosystem gen = new SyntheticEcosystem(QingdaoDataset.taxonomy(), 5);
      catalog.importLines(
          EntityType.PROJECTS, gen.projects(300).stream().map(Json::write).iterator(), true, "t");
      catalog.importLines(
          EntityType.MENTORS, gen.mentors(100).stream().map(Json::write).iterator(), true, "t");
      Recommender r =
          new Recommender(
              catalog.index(), catalog.reader(), ScoringProfiles.defaults(), catalog.clock());
      List<FeedbackEvent> log = new ArrayList<>();
      for (int i = 1; i <= 300; i++) {
        Entity p =
            catalog.entity(EntityType.PROJECTS, String.format("syn-p-%05d", i)).orElseThrow();
        List<Match> shown =
            r.recommend(
                    new Recommender.Request(p, EntityType.MENTORS, 15, RequestFilters.NONE, null))
                .items();
        if (shown.size() < 5) continue;
        for (int k = 0; k < shown.size(); k++)
          log.add(
              new FeedbackEvent(
                  EntityType.PROJECTS,
                  p.id(),
                  EntityType.MENTORS,
                  shown.get(k).id(),
                  FeedbackAction.IMPRESSION,
                  "default",
                  k + 1));
        Match taken =
            shown.stream().max(Comparator.comparingDouble(LearnCommandTest::truth)).orElseThrow();
        log.add(
            new FeedbackEvent(
                EntityType.PROJECTS,
                p.id(),
                EntityType.MENTORS,
                taken.id(),
                FeedbackAction.ACCEPT,
                SHOWN_BY,
                shown.indexOf(taken) + 1));
      }
      catalog.writeLogged(
          tx -> {
            for (FeedbackEvent e : log) FeedbackStore.insert(tx, e, "simulated", Instant.now());
            return null;
          });
    }
    Path file = dir.resolve("learned.json");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Main.run(
        List.of(
            "learn",
            "--direction",
            "project-mentors",
            "--data",
            data.toString(),
            "--out",
            file.toString(),
            "--seed",
            "3"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("held-out NDCG@10"), printed);
    JsonNode doc = Json.parse(Files.readAllBytes(file));
    ScoringProfiles loaded = ScoringProfiles.read(doc);
    String learnedName =
        "default-v"
            + (ScoringProfiles.defaults().defaultFor(Direction.PROJECT_MENTORS).version() + 1);
    assertTrue(loaded.get(Direction.PROJECT_MENTORS, learnedName).isPresent(), printed);
    assertTrue(
        loaded.get(Direction.PROJECT_MENTORS, "default").isPresent(), "the current one stays");
    JsonNode about = null;
    for (JsonNode p : doc.get("profiles"))
      if (p.get("name").asText().equals(learnedName)) about = p.get("about");
    assertEquals(SHOWN_BY, about.get("learnedFrom").asText());
    assertTrue(
        about.get("heldOutNdcg10").asDouble() > about.get("currentHeldOutNdcg10").asDouble() + 0.05,
        about.toString());
  }

  @Test
  void withoutFeedbackItSaysWhatIsMissing() {
    var e =
        assertThrows(
            UsageException.class,
            () ->
                Main.run(
                    List.of(
                        "learn",
                        "--direction",
                        "project-mentors",
                        "--data",
                        dir.resolve("empty").toString()),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("record more feedback"), e.getMessage());
    assertThrows(UsageException.class, () -> Main.run(List.of("learn"), System.out));
  }
}
