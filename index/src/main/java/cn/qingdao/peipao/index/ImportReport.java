package cn.qingdao.peipao.index;

import cn.qingdao.peipao.core.json.FieldError;
import java.util.List;

/**
 * What a bulk import did: lines received (blank ones skipped), entities created and updated, and
 * each rejected line with its problems. In atomic mode any rejected line means nothing applied.
 */
public record ImportReport(
    boolean atomic,
    int received,
    int applied,
    int created,
    int updated,
    int rejected,
    List<LineError> errors) {
  /** The problems of one line (1-based, as editors count). */
  public record LineError(int line, String id, List<FieldError> errors) {}

  public boolean committed() {
    return !atomic || rejected == 0;
  }
}
