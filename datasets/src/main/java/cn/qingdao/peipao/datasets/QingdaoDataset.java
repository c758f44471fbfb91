package cn.qingdao.peipao.datasets;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.core.taxonomy.TaxonomyReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shipped Qingdao data as entity JSON (the public contract), read from the classpath. The real
 * policies and organisations come from the documents in {@code shared/sources}; the synthetic part
 * is generated from a fixed seed and marked as such.
 */
public final class QingdaoDataset {
  /** Seed of the synthetic part of the demo ecosystem. */
  public static final long DEMO_SEED = 20250604L;

  public static final int DEMO_PROJECTS = 400;
  public static final int DEMO_MENTORS = 120;
  public static final int DEMO_INVESTORS = 40;

  private QingdaoDataset() {}

  /** The shipped taxonomy with Shandong's places ({@code places.json}), validated. */
  public static Taxonomy taxonomy() {
    ObjectNode json = (ObjectNode) resource("taxonomy.json");
    json.set("places", resource("places.json"));
    return TaxonomyReader.read(json);
  }

  /**
   * The real entities of {@code type} stated in the source documents (none for projects, mentors).
   */
  public static List<ObjectNode> real(EntityType type) {
    String file =
        switch (type) {
          case POLICIES -> "policies.json";
          case PARKS -> "parks.json";
          case INVESTORS -> "investors.json";
          case PROJECTS, MENTORS, EVENTS -> null;
        };
    if (file == null) return List.of();
    List<ObjectNode> out = new ArrayList<>();
    resource(file).forEach(n -> out.add((ObjectNode) n));
    return out;
  }

  /** The demo ecosystem of {@code type}: the real entities, then the synthetic ones. */
  public static List<ObjectNode> demo(EntityType type, Taxonomy taxonomy) {
    List<ObjectNode> out = new ArrayList<>(real(type));
    SyntheticEcosystem gen = new SyntheticEcosystem(taxonomy, DEMO_SEED);
    switch (type) {
      case PROJECTS -> out.addAll(gen.projects(DEMO_PROJECTS));
      case MENTORS -> out.addAll(gen.mentors(DEMO_MENTORS));
      case INVESTORS -> out.addAll(gen.investors(DEMO_INVESTORS));
      case EVENTS -> out.addAll(DemoEvents.around(java.time.LocalDate.now(ZoneIdHolder.BEIJING)));
      case PARKS, POLICIES -> {}
    }
    return out;
  }

  /** Qingdao's clock zone, for the demo's dates. */
  private static final class ZoneIdHolder {
    static final java.time.ZoneId BEIJING = java.time.ZoneId.of("Asia/Shanghai");
  }

  private static JsonNode resource(String name) {
    try (InputStream in = QingdaoDataset.class.getResourceAsStream("/qingdao/" + name)) {
      if (in == null) throw new IllegalStateException("missing resource /qingdao/" + name);
      return Json.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
