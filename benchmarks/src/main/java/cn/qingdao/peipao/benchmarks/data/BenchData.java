package cn.qingdao.peipao.benchmarks.data;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.index.Catalog;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Loading generated data into a benchmark's catalog, and removing its directory afterwards. */
public final class BenchData {
  private BenchData() {}

  /** Imports {@code nodes}; a rejected line stops the benchmark (its data would be wrong). */
  public static void load(Catalog catalog, EntityType type, List<ObjectNode> nodes) {
    var report =
        catalog.importLines(type, nodes.stream().map(Json::write).iterator(), false, "bench");
    if (!report.errors().isEmpty())
      throw new IllegalStateException("benchmark data rejected: " + report.errors().get(0));
  }

  /** Closes the catalog and deletes its directory. */
  public static void close(Catalog catalog, Path dir) throws IOException {
    catalog.close();
    deleteTree(dir);
  }

  /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
