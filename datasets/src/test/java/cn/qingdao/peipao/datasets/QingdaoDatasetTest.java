package cn.qingdao.peipao.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QingdaoDatasetTest {
  private static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();
  private static final EntityReader READER = new EntityReader(TAXONOMY);

  @Test
  void taxonomyHasTheContractCodes() {
    assertEquals(13, TAXONOMY.sectors().size());
    assertEquals(List.of("seed", "startup", "growth", "mature"), TAXONOMY.stageCodeList());
    assertEquals(10, TAXONOMY.districts().size());
    assertEquals(36.0838, TAXONOMY.district("shibei").orElseThrow().lat(), 1e-9);
    assertEquals(9, TAXONOMY.services().size());
    assertEquals(0.8, TAXONOMY.sector("ai").orElseThrow().affinity("ngit"), 1e-9);
  }

  @Test
  void everyDemoEntityValidatesAndIdsAreUnique() {
    for (EntityType type : EntityType.values()) {
      Set<String> ids = new HashSet<>();
      for (ObjectNode json : QingdaoDataset.demo(type, TAXONOMY)) {
        Entity e;
        try {
          e = READER.read(type, json);
        } catch (ValidationException ex) {
          throw new AssertionError(type.path() + " " + json.get("id") + ": " + ex.getMessage(), ex);
        }
        assertTrue(ids.add(e.id()), "duplicate id " + e.id());
      }
      assertFalse(ids.isEmpty(), "no demo " + type.path());
    }
  }

  @Test
  void syntheticEntitiesArePlainlyMarkedAndRealOnesAreNot() {
    for (EntityType type : List.of(EntityType.PROJECTS, EntityType.MENTORS, EntityType.INVESTORS)) {
      List<ObjectNode> demo = QingdaoDataset.demo(type, TAXONOMY);
      int real = QingdaoDataset.real(type).size();
      for (int i = 0; i < demo.size(); i++) {
        ObjectNode json = demo.get(i);
        boolean synthetic = json.get("id").asText().startsWith("syn-");
        assertEquals(i >= real, synthetic, json.get("id").asText());
        assertEquals(
            synthetic, json.get("tags").toString().contains(SyntheticEcosystem.SYNTHETIC_TAG));
      }
    }
  }

  @Test
  void generatorIsDeterministicPerSeedAndDiffersAcrossSeeds() {
    SyntheticEcosystem a = new SyntheticEcosystem(TAXONOMY, 7);
    SyntheticEcosystem b = new SyntheticEcosystem(TAXONOMY, 7);
    SyntheticEcosystem c = new SyntheticEcosystem(TAXONOMY, 8);
    assertEquals(a.projects(50), b.projects(50));
    assertEquals(a.mentors(20), b.mentors(20));
    assertEquals(a.parks(20), b.parks(20));
    assertFalse(a.projects(50).equals(c.projects(50)));
  }

  @Test
  void generatorCoversEveryDistrictStageAndSector() {
    List<Project> projects =
        new SyntheticEcosystem(TAXONOMY, 1)
            .projects(2000).stream()
                .map(j -> (Project) READER.read(EntityType.PROJECTS, j))
                .toList();
    Set<String> districts = new HashSet<>();
    Set<String> stages = new HashSet<>();
    Set<String> sectors = new HashSet<>();
    for (Project p : projects) {
      districts.add(p.location().district());
      stages.add(p.stage());
      sectors.add(p.sectors().get(0));
    }
    assertEquals(10, districts.size());
    assertEquals(4, stages.size());
    assertEquals(13, sectors.size());
    long oceanModels =
        projects.stream().filter(p -> p.name().contains("海洋") && p.name().contains("大模型")).count();
    assertTrue(oceanModels > 0, "the generator should produce some ocean large-model projects");
  }

  @Test
  void policiesCarryIssuerSourceAndRules() {
    List<Policy> policies =
        QingdaoDataset.real(EntityType.POLICIES).stream()
            .map(j -> (Policy) READER.read(EntityType.POLICIES, j))
            .toList();
    assertTrue(policies.size() >= 15);
    for (Policy p : policies) {
      assertNotNull(p.issuer(), p.id());
      assertTrue(p.source().contains("sources/"), p.id() + " must cite its source file");
      if (p.audience().equals("founder"))
        assertTrue(p.eligibility() != null || p.selection() != null, p.id() + " says who gets it");
    }
    Policy personal =
        policies.stream().filter(p -> p.id().equals("pol-cdb-personal")).findFirst().orElseThrow();
    assertEquals(300_000L, personal.benefit().maxAmount());
    Policy expired =
        policies.stream()
            .filter(p -> p.id().equals("pol-key-group-tax-relief"))
            .findFirst()
            .orElseThrow();
    assertFalse(expired.isOpenOn(LocalDate.of(2026, 11, 21)));
    assertTrue(expired.isOpenOn(LocalDate.of(2025, 6, 1)));
  }
}
