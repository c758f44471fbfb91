package cn.qingdao.peipao.index;

import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.Event;
import cn.qingdao.peipao.core.model.Investor;
import cn.qingdao.peipao.core.model.Location;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Park;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.index.store.Tx;
import java.sql.SQLException;

/** How an entity is written to the store: its JSON plus the filter columns SQL can query. */
final class EntityRows {
  private EntityRows() {}

  /** Writes {@code e} (with its server fields set) as {@code json}; returns the audit sequence. */
  static long put(Tx tx, Entity e, String json, String actor, String action) throws SQLException {
    return tx.put(e.type(), e.id(), e.version(), e.updatedAt(), json, columns(e), actor, action);
  }

  private static Tx.Columns columns(Entity e) {
    return switch (e) {
      case Project p ->
          new Tx.Columns(
              p.name(),
              p.status(),
              district(p.location()),
              p.stage(),
              String.join(",", p.sectors()),
              city(p.location()));
      case Mentor m ->
          new Tx.Columns(
              m.name(),
              null,
              district(m.location()),
              String.join(",", m.stages()),
              String.join(",", m.sectors()),
              city(m.location()));
      case Park k ->
          new Tx.Columns(
              k.name(),
              null,
              district(k.location()),
              String.join(",", k.stages()),
              String.join(",", k.sectors()),
              city(k.location()));
      case Investor i ->
          new Tx.Columns(
              i.name(),
              null,
              district(i.location()),
              String.join(",", i.stages()),
              String.join(",", i.sectors()),
              city(i.location()));
      case Policy p ->
          new Tx.Columns(
              p.name(),
              null,
              String.join(",", p.districts()),
              String.join(",", p.stages()),
              String.join(",", p.sectors()),
              null);
      case Event v ->
          new Tx.Columns(
              v.name(),
              v.status(),
              district(v.location()),
              String.join(",", v.stages()),
              String.join(",", v.sectors()),
              city(v.location()));
    };
  }

  private static String city(Location l) {
    return l == null ? null : l.city();
  }

  private static String district(Location l) {
    return l == null ? null : l.district();
  }
}
