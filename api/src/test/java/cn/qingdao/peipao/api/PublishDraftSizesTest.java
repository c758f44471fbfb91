package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A draft published at once, with nothing changed in between, must publish: for every cohort size
 * from one project up, in both modes, to mentors and to parks (whose demo capacities are mostly
 * unlimited). The draft records free slots capped at its cohort size; publishing once compared them
 * uncapped, so small cohorts and every park allocation were "stale" at once.
 */
class PublishDraftSizesTest {
  static final int[] SIZES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 17, 40};

  @TempDir static Path dir;
  static TestServer s;
  static List<String> active;

  @BeforeAll
  static void start() {
    s = TestServer.withDemoData(dir);
    active =
        IntStream.rangeClosed(1, 400)
            .mapToObj(i -> String.format("syn-p-%05d", i))
            .filter(
                id ->
                    "active"
                        .equals(
                            ((Project) s.catalog.entity(EntityType.PROJECTS, id).orElseThrow())
                                .status()))
            .toList();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"mentors stable", "mentors coverage", "parks stable", "parks coverage"})
  void everyDraftSizePublishesAtOnce(String setting) {
    String counterpart = setting.split(" ")[0];
    String mode = setting.split(" ")[1];
    // each setting takes its projects from its own part of the list; sizes add up to < 110
    int offset = setting.endsWith("coverage") ? 120 : 0;
    Iterator<String> next = active.subList(offset, active.size()).iterator();
    List<String> failures = new ArrayList<>();
    for (int size : SIZES) {
      List<String> cohort = new ArrayList<>();
      while (cohort.size() < size) cohort.add(next.next());
      String body =
          "{\"projects\":["
              + cohort.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","))
              + "],\"counterpart\":\""
              + counterpart
              + "\",\"mode\":\""
              + mode
              + "\"}";
      TestServer.Response draft = s.json("POST", "/api/v1/allocations", body);
      assertEquals(201, draft.status(), draft.body());
      JsonNode d = draft.json();
      TestServer.Response published =
          s.json("POST", "/api/v1/allocations/" + d.get("id").asText() + "/publish", "{}");
      if (published.status() != 200) {
        failures.add("size " + size + ": " + published.status() + " " + published.body());
        continue;
      }
      JsonNode p = published.json();
      assertEquals("published", p.get("status").asText());
      assertEquals(d.get("assignments").size(), p.get("assignments").size(), "size " + size);
      for (JsonNode a : p.get("assignments"))
        assertTrue(a.hasNonNull("assignmentId"), a.toString());
    }
    assertTrue(failures.isEmpty(), counterpart + " " + mode + ": " + String.join("\n", failures));
  }
}
