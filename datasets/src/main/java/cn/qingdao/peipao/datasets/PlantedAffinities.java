package cn.qingdao.peipao.datasets;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic ecosystem whose true affinities the generator knows. The {@link SyntheticEcosystem}
 * entities are the truth; the service sees noisy copies of them (a structured field stated wrongly
 * with probability {@code noise}: a sector swapped, the stage one step off, a need or service
 * swapped), while names and descriptions still tell the truth, as a founder's own words would. The
 * true affinity of a (project, counterpart) pair is graded 0–4 on the true fields, one point each:
 * the project's main sector among the counterpart's (or a sector-agnostic counterpart), its stage
 * among the accepted ones (or none stated), the same district, and for mentors and parks a need
 * served, for investors the funding need inside the ticket range. Deterministic for a seed.
 */
public final class PlantedAffinities {
  private final Taxonomy taxonomy;
  private final long seed;
  private final double noise;
  private final SyntheticEcosystem generator;

  /**
   * @param noise probability that each corrupted field is stated wrongly, in [0, 1]
   */
  public PlantedAffinities(Taxonomy taxonomy, long seed, double noise) {
    if (noise < 0 || noise > 1)
      throw new IllegalArgumentException("noise must be in [0, 1], got " + noise);
    this.taxonomy = taxonomy;
    this.seed = seed;
    this.noise = noise;
    this.generator = new SyntheticEcosystem(taxonomy, seed);
  }

  /** The true entities of {@code type} (projects, mentors, parks or investors). */
  public List<ObjectNode> truth(EntityType type, int n) {
    return switch (type) {
      case PROJECTS -> generator.projects(n);
      case MENTORS -> generator.mentors(n);
      case PARKS -> generator.parks(n);
      case INVESTORS -> generator.investors(n);
      case POLICIES, EVENTS ->
          throw new IllegalArgumentException(
              type.path()
                  + " have no planted affinity: policies' truth is eligibility, events'"
                  + " is time and place");
    };
  }

  /** What the service is given: a noisy copy of each true entity, same ids. */
  public List<ObjectNode> observed(List<ObjectNode> truth) {
    Random rnd = new Random(seed * 7919 + truth.size());
    List<ObjectNode> out = new ArrayList<>(truth.size());
    List<String> sectors = taxonomy.sectors().stream().map(s -> s.code()).toList();
    List<String> stages = taxonomy.stageCodeList();
    List<String> services = taxonomy.services().stream().map(s -> s.code()).toList();
    for (ObjectNode t : truth) {
      ObjectNode o = t.deepCopy();
      swapOne(rnd, o, "sectors", sectors);
      if (o.has("stage") && rnd.nextDouble() < noise) {
        int i = stages.indexOf(o.get("stage").asText());
        int j = i == 0 ? 1 : i == stages.size() - 1 ? i - 1 : i + (rnd.nextBoolean() ? 1 : -1);
        o.put("stage", stages.get(j));
      }
      swapOne(rnd, o, "stages", stages);
      swapOne(rnd, o, "needs", services);
      swapOne(rnd, o, "services", services);
      out.add(o);
    }
    return out;
  }

  /** With probability {@code noise}, one value of the list replaced by another not in it. */
  private void swapOne(Random rnd, ObjectNode o, String field, List<String> codes) {
    JsonNode list = o.get(field);
    if (list == null || !list.isArray() || list.isEmpty() || rnd.nextDouble() >= noise) return;
    Set<String> present = new HashSet<>();
    list.forEach(v -> present.add(v.asText()));
    List<String> others = codes.stream().filter(c -> !present.contains(c)).toList();
    if (others.isEmpty()) return;
    int i = rnd.nextInt(list.size());
    ((ArrayNode) list).set(i, others.get(rnd.nextInt(others.size())));
  }

  /** The true affinity 0–4 of a project and a counterpart, both true entities. */
  public static int affinity(ObjectNode project, ObjectNode counterpart) {
    int r = 0;
    Set<String> sectors = set(counterpart.get("sectors"));
    if (sectors.isEmpty() || sectors.contains(project.get("sectors").get(0).asText())) r++;
    Set<String> stages = set(counterpart.get("stages"));
    if (stages.isEmpty() || stages.contains(project.get("stage").asText())) r++;
    if (project
        .get("location")
        .get("district")
        .asText()
        .equals(counterpart.get("location").get("district").asText())) r++;
    if (counterpart.has("ticketMin")) {
      long need = project.path("fundingNeed").asLong(-1);
      long min = counterpart.get("ticketMin").asLong();
      long max = counterpart.path("ticketMax").asLong(Long.MAX_VALUE);
      if (need >= min && need <= max) r++;
    } else {
      Set<String> served = set(counterpart.get("services"));
      for (JsonNode n : project.get("needs")) {
        if (served.contains(n.asText())) {
          r++;
          break;
        }
      }
    }
    return r;
  }

  private static Set<String> set(JsonNode list) {
    Set<String> out = new HashSet<>();
    if (list != null) list.forEach(v -> out.add(v.asText()));
    return out;
  }
}
