package cn.qingdao.peipao.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.search.SearchRequest;
import cn.qingdao.peipao.index.testing.TestStores;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever the index throws while it takes in a committed write (an exception, or an Error such as
 * Lucene running out of memory), the write is not reported failed, the index is marked as missing
 * it (so health does not say all is well) and the committer rebuilds it from the store.
 */
class IndexFailureTest {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();

  @TempDir Path dir;

  static Stream<Supplier<Throwable>> failures() {
    return Stream.of(
        () -> new IllegalStateException("injected"),
        () -> new OutOfMemoryError("injected: Java heap space"),
        () -> new StackOverflowError("injected"),
        () -> new AssertionError("injected"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void aFailureAfterACommittedWriteIsReportedAndRepaired(Supplier<Throwable> failure)
      throws InterruptedException {
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      c.importLines(
          EntityType.PROJECTS, Fixtures.lines("projects.jsonl").iterator(), true, "tester");
      assertNull(c.indexProblem());
      long next = c.storeSeq() + 1;
      c.sync()
          .afterWrite(
              next,
              () -> {
                Throwable t = failure.get();
                if (t instanceof RuntimeException e) throw e;
                throw (Error) t;
              });
      assertNotNull(c.indexProblem(), "the index misses a write and says nothing");
      // the committer (once a second) rebuilds from the store; a minute is far more than needed
      long until = System.nanoTime() + 60_000_000_000L;
      while (c.indexProblem() != null && System.nanoTime() < until) Thread.sleep(50);
      assertNull(c.indexProblem(), "never repaired");
      assertEquals(
          10,
          c.search(new SearchRequest(EntityType.PROJECTS, null, Map.of(), 0, 20)).total(),
          "the rebuilt index holds every stored project");
    }
  }
}
