package cn.qingdao.peipao.core.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A place hierarchy that names a place its own parent, or loops, still answers: the Crunchbase
 * benchmark's taxonomy derives parents from foreign codes (060000 is its own parent by the rule)
 * and ran out of memory walking that chain.
 */
class PlacesTest {
  @Test
  void aChainEndsWhereItWouldRepeat() {
    Places places =
        new Places(
            List.of(
                new Place("060000", "California", Place.Level.CITY, "060000", null, 36.1, -119.6),
                new Place("110000", "A", Place.Level.COUNTY, "120000", null, null, null),
                new Place("120000", "B", Place.Level.CITY, "110000", null, null, null)));
    assertEquals(List.of("060000"), places.chain("060000"));
    assertEquals(List.of("110000", "120000"), places.chain("110000"));
    assertEquals("060000", places.cityOf("060000").orElseThrow().adcode());
  }
}
