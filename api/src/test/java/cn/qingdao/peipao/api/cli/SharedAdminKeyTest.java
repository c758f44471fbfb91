package cn.qingdao.peipao.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.store.StoreConfig;
import cn.qingdao.peipao.index.testing.TestStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four nodes starting at once on one shared store, none given an admin key: exactly one generates
 * and prints it, and every node accepts that key (the first digest recorded wins). PostgreSQL tier.
 */
class SharedAdminKeyTest {
  private static final Pattern PRINTED = Pattern.compile("admin key: (\\S+)");

  @TempDir Path dir;

  @Test
  void nodesStartingTogetherAgreeOnOneGeneratedAdminKey() throws Exception {
    assumeTrue(TestStores.POSTGRESQL, "needs the PostgreSQL tier");
    StoreConfig store = TestStores.forDir(dir.resolve("shared"));
    List<Catalog> nodes = new ArrayList<>();
    for (int i = 0; i < 4; i++)
      nodes.add(
          Catalog.open(
              dir.resolve("node-" + i),
              store,
              QingdaoDataset.taxonomy(),
              Clock.systemUTC(),
              Catalog.IndexAhead.REFUSE));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CyclicBarrier together = new CyclicBarrier(4);
      List<Future<Object[]>> started = new ArrayList<>();
      for (Catalog node : nodes)
        started.add(
            pool.submit(
                () -> {
                  ByteArrayOutputStream out = new ByteArrayOutputStream();
                  together.await();
                  ApiKeys keys =
                      KeyConfig.resolve(
                          null, Map.of(), node, new PrintStream(out, true, StandardCharsets.UTF_8));
                  return new Object[] {keys, out.toString(StandardCharsets.UTF_8)};
                }));
      List<String> printed = new ArrayList<>();
      List<ApiKeys> keys = new ArrayList<>();
      for (Future<Object[]> f : started) {
        Object[] r = f.get();
        keys.add((ApiKeys) r[0]);
        Matcher m = PRINTED.matcher((String) r[1]);
        if (m.find()) printed.add(m.group(1));
      }
      assertEquals(1, printed.size(), "nodes that printed a key: " + printed);
      for (ApiKeys k : keys)
        assertTrue(k.principal(printed.get(0)).isPresent(), "a node refuses the printed key");
    } finally {
      pool.shutdown();
      for (Catalog c : nodes) c.close();
    }
  }
}
