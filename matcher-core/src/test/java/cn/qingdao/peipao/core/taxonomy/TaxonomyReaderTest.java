package cn.qingdao.peipao.core.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.TestTaxonomy;
import cn.qingdao.peipao.core.json.FieldError;
import cn.qingdao.peipao.core.json.ValidationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaxonomyReaderTest {
  @Test
  void loadsCodesInFileOrderWithAffinities() {
    Taxonomy t = TestTaxonomy.load();
    assertEquals("test-1", t.version());
    assertEquals(List.of("seed", "startup", "growth", "mature"), t.stageCodeList());
    assertEquals(3, t.stage("mature").orElseThrow().order());
    assertEquals(0.8, t.sector("ai").orElseThrow().affinity("ngit"), 1e-9);
    assertEquals(1.0, t.sector("ai").orElseThrow().affinity("ai"), 1e-9);
    assertEquals(0.0, t.sector("ngit").orElseThrow().affinity("marine"), 1e-9);
    assertEquals("shinan", t.districtByAdcode("370202").orElseThrow().code());
    assertTrue(t.synonyms().contains(List.of("AI", "人工智能")));
  }

  @Test
  void reportsEveryProblemWithItsPath() {
    ObjectNode json = TestTaxonomy.json();
    ArrayNode sectors = (ArrayNode) json.get("sectors");
    ((ObjectNode) sectors.get(0)).put("code", "Bad Code");
    ((ObjectNode) sectors.get(1).get("related")).put("nowhere", 0.5);
    ((ObjectNode) sectors.get(1).get("related")).put("marine", 1.5);
    ((ObjectNode) json.get("districts").get(0)).put("lat", 123.0);
    ((ObjectNode) json.get("stages").get(1)).put("code", "seed");
    json.put("colour", "blue");
    ValidationException e =
        assertThrows(ValidationException.class, () -> TaxonomyReader.read(json));
    List<String> fields = e.errors().stream().map(FieldError::field).toList();
    assertTrue(fields.contains("sectors[0].code"), fields.toString());
    assertTrue(fields.contains("sectors[1].related.nowhere"), fields.toString());
    assertTrue(fields.contains("sectors[1].related.marine"), fields.toString());
    assertTrue(fields.contains("districts[0].lat"), fields.toString());
    assertTrue(fields.contains("stages"), fields.toString());
    assertTrue(fields.contains("colour"), fields.toString());
    assertTrue(e.getMessage().contains("duplicate code 'seed'"), e.getMessage());
  }
}
