package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The answer records and the OpenAPI document name the same fields, both ways: a field added to a
 * record and not to the document (or the other way round) fails here, before any client sees it.
 * Unwrapped components count with their own fields.
 */
class AnswerSchemaTest {
  static JsonNode document() throws Exception {
    try (InputStream in = AnswerSchemaTest.class.getResourceAsStream("/openapi.json")) {
      return Json.parse(in.readAllBytes());
    }
  }

  /** The JSON field names a record serialises to. */
  static Set<String> fields(Class<?> record) {
    Set<String> out = new TreeSet<>();
    for (RecordComponent c : record.getRecordComponents()) {
      boolean unwrapped =
          c.getAccessor().isAnnotationPresent(JsonUnwrapped.class)
              || c.isAnnotationPresent(JsonUnwrapped.class);
      if (unwrapped) out.addAll(fields(c.getType()));
      else out.add(c.getName());
    }
    return out;
  }

  static Set<String> schemaFields(JsonNode schema) {
    Set<String> out = new TreeSet<>();
    schema.path("properties").fieldNames().forEachRemaining(out::add);
    return out;
  }

  static Class<?> answer(String name) throws ClassNotFoundException {
    return Class.forName(name.contains(".") ? name : "cn.qingdao.peipao.api.http." + name);
  }

  @Test
  void everyAnswerRecordMatchesItsSchema() throws Exception {
    JsonNode doc = document();
    JsonNode schemas = doc.at("/components/schemas");
    String people =
        "/paths/~1api~1v1~1policies~1{id}~1recommendations/get/responses/200/content/application~1json/schema";
    Object[][] table = {
      {"RecommendationAnswer", schemas.get("Recommendations")},
      {"RecommendationAnswer$Item", schemas.at("/Recommendations/properties/items/items")},
      {"SearchAnswer", schemas.get("SearchResult")},
      {"PolicyAnswers$Judged", schemas.get("PolicyVerdict")},
      {"PolicyAnswers$ConditionAnswer", schemas.at("/PolicyVerdict/properties/conditions/items")},
      {"PolicyAnswers$People", doc.at(people)},
      {"PolicyAnswers$PolicySummary", schemas.get("PolicySummary")},
      {"PolicyAnswers$Person", doc.at(people + "/properties/items/items")},
      {"AssignmentAnswer", schemas.get("Assignment")},
      {"FeedbackAnswers$Event", schemas.get("Feedback")},
      {"Problems$Document", schemas.get("Problem")},
      {"InfoController$Me", schemas.get("Me")},
      {"TicketController$TicketAnswer", schemas.get("Ticket")},
      {"TicketController$Opened", schemas.get("TicketOpened")},
      {"cn.qingdao.peipao.index.tickets.Ledger$Report", schemas.get("Ledger")},
      {"cn.qingdao.peipao.index.tickets.Ledger$Line", schemas.get("LedgerLine")},
      {"cn.qingdao.peipao.index.tickets.ServiceLog$Performance", schemas.get("Performance")},
      {"cn.qingdao.peipao.index.store.TicketStore$Session", schemas.get("Session")},
      {"cn.qingdao.peipao.index.store.OutreachStore$Step", schemas.get("OutreachStep")},
      {"cn.qingdao.peipao.index.tickets.Outreach$Summary", schemas.get("OutreachSummary")},
      {"cn.qingdao.peipao.index.store.SpaceStore$Space", schemas.get("Space")},
      {"cn.qingdao.peipao.index.spaces.Spaces$Inventory", schemas.get("SpaceInventory")},
      {"cn.qingdao.peipao.index.store.SpaceStore$Booking", schemas.get("Booking")},
      {"SpaceController$BookingList", schemas.get("BookingList")},
      {"cn.qingdao.peipao.index.store.SpaceStore$MoveIn", schemas.get("MoveIn")},
      {"SpaceController$Applications", schemas.get("MoveInList")},
      {"cn.qingdao.peipao.index.spaces.ParkEvaluation$Report", schemas.get("ParkReport")},
      {"cn.qingdao.peipao.index.spaces.ParkEvaluation$Filed", schemas.get("ParkReportFiled")},
      {"ParkReportController$Reports", schemas.get("ParkReports")},
      {"cn.qingdao.peipao.index.events.Registrations$Registration", schemas.get("Registration")},
      {"cn.qingdao.peipao.index.events.Registrations$Roster", schemas.get("Roster")},
      {
        "cn.qingdao.peipao.index.events.Registrations$Cancelled",
        schemas.get("RegistrationCancelled")
      },
      {"RegistrationController$OfProject", schemas.get("ProjectRegistrations")},
      {"RegistrationController$Awarded", schemas.get("Awarded")},
      {"cn.qingdao.peipao.index.spaces.ParkEvaluation$Line", schemas.get("ParkSheetLine")},
      {"cn.qingdao.peipao.index.spaces.ParkEvaluation$Sheet", schemas.get("ParkSheet")},
      {"cn.qingdao.peipao.index.spaces.ParkEvaluation$Ranking", schemas.get("ParkRanking")},
    };
    List<String> drift = new ArrayList<>();
    for (Object[] row : table) {
      JsonNode schema = (JsonNode) row[1];
      assertTrue(schema != null && !schema.isMissingNode(), row[0] + ": no schema");
      Set<String> sent = fields(answer((String) row[0]));
      Set<String> documented = schemaFields(schema);
      if (!sent.equals(documented)) {
        Set<String> undocumented = new TreeSet<>(sent);
        undocumented.removeAll(documented);
        Set<String> neverSent = new TreeSet<>(documented);
        neverSent.removeAll(sent);
        drift.add(row[0] + ": undocumented " + undocumented + ", never sent " + neverSent);
      }
    }
    assertEquals(List.of(), drift);
  }

  @Test
  void theCheckSeesAnUnwrappedComponentsFields() throws Exception {
    assertTrue(fields(answer("PolicyAnswers$Judged")).containsAll(Set.of("verdict", "benefit")));
  }
}
