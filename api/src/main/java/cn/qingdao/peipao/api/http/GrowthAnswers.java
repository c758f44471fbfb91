package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.index.growth.AlertView;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The answers of the growth, alert and project-history routes, as records. */
final class GrowthAnswers {
  private GrowthAnswers() {}

  /** One write of a project. */
  record Write(Instant at, String actor, String action, Long version) {}

  record History(String projectId, List<Write> items) {}

  /** After recording growth: how many records, and the alert the project now has (null: none). */
  record Recorded(
      String projectId, int records, @JsonInclude(JsonInclude.Include.ALWAYS) AlertView alert) {}

  /** The growth file: each record's date and measures, oldest first. */
  record File(String projectId, List<Map<String, Object>> items) {}

  record Imported(int projects, long records, long alerts) {}

  record AlertPage(long total, int offset, int limit, List<AlertView> items) {}

  record ProjectAlerts(String projectId, List<AlertView> items) {}
}
