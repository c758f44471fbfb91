package cn.qingdao.peipao.index;

import cn.qingdao.peipao.core.model.Entity;

/**
 * An entity as an import just committed it: the saved entity, its JSON and the audit sequence
 * number of the write. The index takes it as it is when the store's last change of the entity is
 * still this one ({@code seq}), instead of reading and validating the row again.
 */
record Staged(Entity saved, String json, long seq) {
  String key() {
    return IndexSync.key(saved.type(), saved.id());
  }
}
