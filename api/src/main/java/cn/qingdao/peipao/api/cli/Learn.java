package cn.qingdao.peipao.api.cli;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.Numbers;
import cn.qingdao.peipao.core.learning.WeightLearner;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.ScoringProfile;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.learn.ProfileLearning;
import cn.qingdao.peipao.index.recommend.Recommender;
import cn.qingdao.peipao.index.recommend.StoreRelations;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * {@code learn}: fits a profile's weights to the feedback recorded in a data directory and writes a
 * profiles file holding every current profile plus the learned one, named {@code
 * <profile>-v<version+1>} with its held-out NDCG@10 beside the current profile's under {@code
 * about}; {@code serve --profiles} that file to compare both on live traffic ({@code profile=}).
 */
final class Learn {
  private Learn() {}

  /**
   * Fits a profile of {@code code}'s direction to the feedback in {@code data} and writes the
   * profiles, the learned one added, to {@code target}.
   */
  static void run(
      String code,
      String profile,
      long seed,
      String profilesFile,
      Path target,
      Path data,
      cn.qingdao.peipao.index.store.StoreConfig store,
      PrintStream out) {
    Direction direction =
        Direction.ofCode(code)
            .orElseThrow(
                () ->
                    new UsageException(
                        "unknown direction '"
                            + code
                            + "'; use one of "
                            + Arrays.stream(Direction.values()).map(Direction::code).toList()));
    ScoringProfiles profiles = Main.profiles(profilesFile);
    try (Catalog catalog =
        Catalog.open(
            data,
            store,
            QingdaoDataset.taxonomy(),
            java.time.Clock.systemUTC(),
            Catalog.IndexAhead.REFUSE)) {
      Recommender recommender =
          new Recommender(catalog.index(), catalog.reader(), profiles, Clock.systemUTC());
      // the related component from the store's relations, as the service computes it for a
      // project like the subject; the subject's own pairs are the labels learned from, so they
      // are not used ("with whom" off; they never count as a project like it either)
      recommender
          .ranking()
          .useRelations(
              new StoreRelations(
                  catalog.relations(), recommender.ranking(), java.time.Duration.ofDays(1)),
              false);
      ProfileLearning.Outcome o;
      try {
        o =
            new ProfileLearning(catalog, recommender, profiles)
                .learn(direction, profile, WeightLearner.Params.defaults(seed));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      ScoringProfile current = o.current();
      ScoringProfile learned =
          new ScoringProfile(
              current.name() + "-v" + (current.version() + 1),
              current.version() + 1,
              direction,
              o.weights(),
              current.params());
      var doc = Json.mapper().createObjectNode();
      var list = doc.putArray("profiles");
      for (ScoringProfile p : profiles.with(learned).all()) {
        var json = ScoringProfiles.json(p);
        if (p == learned) {
          var about = json.putObject("about");
          about.put("learnedFrom", current.name() + "@" + current.version());
          about.put("heldOutNdcg10", round(o.learned().heldOutLearned()));
          about.put("currentHeldOutNdcg10", round(o.learned().heldOutCurrent()));
          about.put("trainNdcg10", round(o.learned().trainLearned()));
          about.put("currentTrainNdcg10", round(o.learned().trainCurrent()));
          about.put("trainLists", o.learned().trainLists());
          about.put("heldOutLists", o.learned().heldOutLists());
          about.put("events", o.events());
          about.put("seed", seed);
        }
        list.add(json);
      }
      ScoringProfiles.read(doc); // what is written must load
      Files.writeString(
          target, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
      out.printf(
          "%s %s@%d from %d events: held-out NDCG@10 %.4f (current) → %.4f (learned), train %.4f →"
              + " %.4f, %d/%d lists%nwrote %s with profile '%s': %s%n",
          direction.code(),
          current.name(),
          current.version(),
          o.events(),
          o.learned().heldOutCurrent(),
          o.learned().heldOutLearned(),
          o.learned().trainCurrent(),
          o.learned().trainLearned(),
          o.learned().trainLists(),
          o.learned().heldOutLists(),
          target,
          learned.name(),
          o.weights());
    } catch (IOException e) {
      throw new RuntimeException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private static double round(double v) {
    return Numbers.round4(v);
  }
}
