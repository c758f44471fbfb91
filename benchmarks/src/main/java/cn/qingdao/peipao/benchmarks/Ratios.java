package cn.qingdao.peipao.benchmarks;

import cn.qingdao.peipao.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints, from a JMH JSON result file, each {@code xFast} benchmark beside its {@code xExhaustive}
 * (or {@code index} beside {@code scanBaseline}) with the ratio baseline / ours. Usage: {@code java
 * -cp benchmarks.jar cn.qingdao.peipao.benchmarks.Ratios result.json}.
 */
public final class Ratios {
  private Ratios() {}

  public static void main(String[] args) throws IOException {
    JsonNode results = Json.parse(Files.readAllBytes(Path.of(args[0])));
    Map<String, double[]> pairs = new LinkedHashMap<>();
    for (JsonNode r : results) {
      String name = r.get("benchmark").asText().replaceAll(".*\\.", "");
      String params = r.has("params") ? r.get("params").toString() : "";
      JsonNode metric = r.get("primaryMetric");
      // sampled benchmarks compare their medians; averaged ones their means
      JsonNode p50 = metric.path("scorePercentiles").get("50.0");
      double score = p50 != null ? p50.asDouble() : metric.get("score").asDouble();
      String unit = metric.get("scoreUnit").asText() + (p50 != null ? ", p50" : ", mean");
      String base;
      int slot;
      if (name.endsWith("Fast") || name.equals("index")) {
        base = name.equals("index") ? "search" : name.substring(0, name.length() - 4);
        slot = 0;
      } else if (name.endsWith("Exhaustive") || name.equals("scanBaseline")) {
        base = name.equals("scanBaseline") ? "search" : name.substring(0, name.length() - 10);
        slot = 1;
      } else {
        continue;
      }
      pairs.computeIfAbsent(base + " " + params + " (" + unit + ")", k -> new double[2])[slot] =
          score;
    }
    System.out.printf("%-60s %14s %14s %8s%n", "benchmark", "ours", "baseline", "ratio");
    for (Map.Entry<String, double[]> e : pairs.entrySet()) {
      double[] v = e.getValue();
      System.out.printf(
          "%-60s %14.1f %14.1f %7.1fx%n", e.getKey(), v[0], v[1], v[0] == 0 ? 0 : v[1] / v[0]);
    }
  }
}
