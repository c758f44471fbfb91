package cn.qingdao.peipao.index.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.store.TicketStore;
import cn.qingdao.peipao.index.testing.TestStores;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's synthetic year: marked, the same for the same seed, and shaped like a real year. */
class DemoActivityTest {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();

  static Ledger.Report year(Path dir) {
    TicketsTest.Hand clock = new TicketsTest.Hand();
    clock.now = java.time.Instant.parse("2026-11-30T04:00:00Z");
    try (Catalog catalog = TestStores.open(dir, TAXONOMY, clock)) {
      TestStores.importDemo(catalog);
      var counts =
          DemoActivity.generate(
              catalog, TAXONOMY, TicketSla.defaults(TAXONOMY), QingdaoDataset.DEMO_SEED, clock.now);
      assertEquals(600, counts.tickets());
      var all =
          catalog.tickets().list(new TicketStore.Query(null, null, null, null, null, 0, 1000));
      assertEquals(600, all.total());
      for (TicketStore.Row t : all.items())
        assertTrue(t.text().startsWith("（合成）"), "marked synthetic: " + t.text());
      return new Ledger(catalog, TAXONOMY)
          .report(
              "month",
              LocalDate.of(2025, 12, 1),
              LocalDate.of(2026, 11, 30),
              new Ledger.Place(null, null));
    }
  }

  @Test
  void aSeededYearWithMostNeedsAnsweredSomeLateAndPoliciesFollowedUp(
      @TempDir Path a, @TempDir Path b) {
    Ledger.Report first = year(a);
    assertEquals(first, year(b), "the same seed, the same year");
    Ledger.Line total = first.total();
    assertTrue(first.lines().size() >= 12, "every month has activity: " + first.lines().size());
    assertTrue(total.responseRate() > 0.6 && total.responseRate() < 1.0, total.toString());
    assertTrue(total.overdue() > 0, "some answers are late");
    assertTrue(
        total.sessions() > 100 && total.granted() > 0 && total.grantedAmount() > 0,
        total.toString());
  }
}
