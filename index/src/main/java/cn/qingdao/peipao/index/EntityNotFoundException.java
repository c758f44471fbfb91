package cn.qingdao.peipao.index;

import cn.qingdao.peipao.core.model.EntityType;

/** No entity of that type has that id. */
public final class EntityNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EntityNotFoundException(EntityType type, String id) {
    super("no " + type.path() + " with id '" + id + "'");
  }
}
