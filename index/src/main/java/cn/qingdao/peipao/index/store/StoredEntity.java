package cn.qingdao.peipao.index.store;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One row of the store: an entity's JSON with its server-kept version, time and write sequence. */
public record StoredEntity(
    EntityType type, String id, long version, Instant updatedAt, String json, long seq) {
  /**
   * The stored JSON as a tree.
   *
   * @throws StoreException of kind {@code CORRUPT_ROW} when it does not parse: the row was damaged
   *     in the store, which is not the client's fault
   */
  public JsonNode tree() {
    try {
      return Json.parse(json);
    } catch (ValidationException e) {
      throw new StoreException(
          "stored "
              + type.path()
              + " '"
              + id
              + "' is corrupt ("
              + e.getMessage()
              + "); restore it from a backup or replace it with PUT",
          e,
          StoreException.Kind.CORRUPT_ROW);
    }
  }
}
