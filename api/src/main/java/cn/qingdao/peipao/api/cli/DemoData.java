package cn.qingdao.peipao.api.cli;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.ImportReport;
import java.io.PrintStream;

/** Loads the shipped Qingdao data on the first start of a data directory, never again. */
final class DemoData {
  static final String MARKER = "demo.loaded";

  private DemoData() {}

  static void loadOnce(Catalog catalog, Taxonomy taxonomy, PrintStream out) {
    if (catalog.meta(MARKER).isPresent()) return;
    if (catalog.storeSeq() > 0) {
      out.println("data directory already has data: demo data not loaded");
      return;
    }
    for (EntityType type : EntityType.values()) {
      var lines = QingdaoDataset.demo(type, taxonomy).stream().map(Json::write).iterator();
      ImportReport r = catalog.importLines(type, lines, true, "demo-loader");
      if (!r.committed())
        throw new IllegalStateException(
            "shipped " + type.path() + " data is invalid: " + r.errors());
      out.println("loaded " + r.applied() + " " + type.path());
    }
    catalog.putMeta(MARKER, taxonomy.version());
  }
}
