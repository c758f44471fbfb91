package cn.qingdao.peipao.core.allocation;

import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Park;

/** How many more projects a mentor or park can take, given its current assignments. */
public final class Slots {
  /** A park that states no capacity is not limited by count. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  private Slots() {}

  /**
   * Free slots: a mentor's capacity less its assignments; a park's capacity less its tenants and
   * assignments (0 when it has no area left, {@link #UNLIMITED} when it states no capacity).
   *
   * @throws IllegalArgumentException for other entity types, which have no slots
   */
  public static int free(Entity e, int assigned) {
    return switch (e) {
      case Mentor m -> Math.max(0, m.capacity() - assigned);
      case Park k -> {
        if (k.areaAvailable() != null && k.areaAvailable() == 0) yield 0;
        if (k.capacity() == null) yield UNLIMITED;
        int tenants = k.tenants() == null ? 0 : k.tenants();
        yield Math.max(0, k.capacity() - tenants - assigned);
      }
      default ->
          throw new IllegalArgumentException(
              e.type().path() + " have no slots; allocate to mentors or parks");
    };
  }
}
