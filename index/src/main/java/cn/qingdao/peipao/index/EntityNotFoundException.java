package cn.qingdao.peipao.index;

import cn.qingdao.peipao.core.model.EntityType;

/** No entity (or allocation, or assignment) has that id. */
public final class EntityNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EntityNotFoundException(EntityType type, String id) {
    super("no " + type.path() + " with id '" + id + "'");
  }

  /** For things kept beside the entities (allocations, assignments). */
  public EntityNotFoundException(String what, String id) {
    super("no " + what + " with id '" + id + "'");
  }
}
