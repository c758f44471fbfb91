package cn.qingdao.peipao.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlantedAffinitiesTest {
  static ObjectNode json(String s) {
    return (ObjectNode) Json.parse(s);
  }

  @Test
  void affinityCountsTheTrueFieldsThatAgree() {
    ObjectNode project =
        json(
            """
            {"sectors":["ai","ngit"],"stage":"seed","location":{"district":"laoshan"},
             "needs":["finance","space"],"fundingNeed":300000}""");
    ObjectNode mentor =
        json(
            """
            {"sectors":["ai"],"stages":["seed"],"location":{"district":"laoshan"},"services":["finance"]}""");
    assertEquals(4, PlantedAffinities.affinity(project, mentor));
    ObjectNode far =
        json(
            """
            {"sectors":["marine"],"stages":["growth"],"location":{"district":"laixi"},"services":["market"]}""");
    assertEquals(0, PlantedAffinities.affinity(project, far));
    ObjectNode bank =
        json(
            """
            {"sectors":[],"stages":[],"location":{"district":"laixi"},"ticketMin":0,"ticketMax":200000}""");
    // agnostic sector and stages count; the need is above the ticket range
    assertEquals(2, PlantedAffinities.affinity(project, bank));
  }

  @Test
  void noiseCorruptsOnlyTheStatedFieldsAndIsSeeded() {
    var t = QingdaoDataset.taxonomy();
    PlantedAffinities clean = new PlantedAffinities(t, 3, 0);
    List<ObjectNode> truth = clean.truth(EntityType.PROJECTS, 50);
    assertEquals(truth, clean.observed(truth), "no noise, no change");
    PlantedAffinities noisy = new PlantedAffinities(t, 3, 1);
    List<ObjectNode> seen = noisy.observed(truth);
    assertEquals(seen, noisy.observed(truth), "deterministic");
    for (int i = 0; i < truth.size(); i++) {
      assertNotEquals(truth.get(i).get("stage"), seen.get(i).get("stage"));
      assertEquals(truth.get(i).get("description"), seen.get(i).get("description"));
    }
    assertThrows(IllegalArgumentException.class, () -> new PlantedAffinities(t, 3, 1.5));
  }
}
