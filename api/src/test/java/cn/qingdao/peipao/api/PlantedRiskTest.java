package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticGrowth;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Growth files with planted risks for every demo project, imported over HTTP: the alerts must find
 * the planted risks (recall) and leave healthy files alone (precision), each with its evidence and
 * mentors. Stalled-stage signals come from the project's age, not its file, and are not counted.
 */
class PlantedRiskTest {
  static final int PROJECTS = QingdaoDataset.DEMO_PROJECTS;

  @TempDir static Path dir;
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.withDemoData(dir);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void alertsFindThePlantedRisksAndSpareHealthyFiles() {
    List<String> ids =
        java.util.stream.IntStream.rangeClosed(1, PROJECTS)
            .mapToObj(i -> String.format("syn-p-%05d", i))
            .toList();
    List<SyntheticGrowth.History> files =
        new SyntheticGrowth(7, 0.2, 12).histories(ids, LocalDate.now());
    String body =
        files.stream()
            .flatMap(h -> h.records().stream())
            .map(Json::write)
            .collect(Collectors.joining("\n"));
    TestServer.ok(s.ndjson("/api/v1/growth/import", body.getBytes(StandardCharsets.UTF_8)));

    Map<String, JsonNode> alerts = new HashMap<>();
    for (int offset = 0; ; offset += 100) {
      JsonNode page = TestServer.ok(s.get("/api/v1/alerts?limit=100&offset=" + offset));
      for (JsonNode a : page.get("items")) alerts.put(a.get("projectId").asText(), a);
      if (offset + 100 >= page.get("total").asInt()) break;
    }
    int truePositive = 0;
    int falsePositive = 0;
    int falseNegative = 0;
    Map<SyntheticGrowth.Planted, int[]> byKind = new EnumMap<>(SyntheticGrowth.Planted.class);
    for (SyntheticGrowth.History h : files) {
      JsonNode a = alerts.get(h.projectId());
      boolean flagged = false;
      if (a != null)
        for (JsonNode sig : a.get("signals"))
          if (!sig.get("kind").asText().equals("stage_stalled")) {
            flagged = true;
            assertTrue(
                sig.get("evidence").size() > 0 && !sig.get("teams").isEmpty(), sig.toString());
          }
      boolean planted = h.planted() != SyntheticGrowth.Planted.NONE;
      int[] k = byKind.computeIfAbsent(h.planted(), x -> new int[2]);
      k[0]++;
      if (flagged) k[1]++;
      if (planted && flagged) truePositive++;
      if (!planted && flagged) falsePositive++;
      if (planted && !flagged) falseNegative++;
    }
    double precision = truePositive / (double) (truePositive + falsePositive);
    double recall = truePositive / (double) (truePositive + falseNegative);
    StringBuilder report =
        new StringBuilder(
            "planted risks over %d demo projects: precision %.3f, recall %.3f (TP %d, FP %d, FN %d)%n"
                .formatted(
                    PROJECTS, precision, recall, truePositive, falsePositive, falseNegative));
    byKind.forEach(
        (kind, k) -> report.append("  %-16s %3d files, %3d flagged%n".formatted(kind, k[0], k[1])));
    System.out.print(report);
    assertTrue(truePositive + falseNegative >= 50, "enough planted files: " + report);
    assertTrue(precision >= 0.95, report.toString());
    assertTrue(recall >= 0.9, report.toString()); // measured 0.973: faint plants may pass
  }
}
