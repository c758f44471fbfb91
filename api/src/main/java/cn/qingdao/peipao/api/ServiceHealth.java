package cn.qingdao.peipao.api;

import cn.qingdao.peipao.api.http.ApiException;
import cn.qingdao.peipao.api.http.Operation;
import cn.qingdao.peipao.index.Catalog;

/**
 * Whether the service can answer a request now. A damaged store answers nothing but health (a
 * restore is needed, so a retry cannot help and nothing more should be written to it); an index
 * being rebuilt from the store answers writes and reads by id, but not the searches,
 * recommendations, calculations and feedback (an accept checks its pair on the index) that need it.
 */
final class ServiceHealth {
  private final Catalog catalog;

  ServiceHealth(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Throws a 503 when {@code op} cannot be served now; O(1). */
  void require(Operation op) {
    String damage = catalog.storeDamage();
    if (damage != null)
      throw new ApiException(
          503,
          damage
              + ". Nothing is read or written until store.db is restored from a backup (see"
              + " /health).");
    String index = catalog.indexProblem();
    if (index != null
        && (op == Operation.SEARCH
            || op == Operation.RECOMMEND
            || op == Operation.CALCULATE
            || op == Operation.FEEDBACK_RECORD
            || op == Operation.ALLOCATE))
      throw new ApiException(
          503, "the search index is being rebuilt from the store (" + index + "); retry shortly");
  }
}
