package cn.qingdao.peipao.core;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.core.taxonomy.TaxonomyReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A small taxonomy (5 sectors, 5 districts) for the core tests. */
public final class TestTaxonomy {
  private TestTaxonomy() {}

  public static ObjectNode json() {
    try (InputStream in = TestTaxonomy.class.getResourceAsStream("/taxonomy-test.json")) {
      return (ObjectNode) Json.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Taxonomy load() {
    return TaxonomyReader.read(json());
  }
}
