package cn.qingdao.peipao.core.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.Direction;
import org.junit.jupiter.api.Test;

/**
 * Every action on every pair of a direction: accepted, except an outcome outside the kind of pair
 * it belongs to (moving in needs a park, a loan an investor), which is a 400 naming {@code action}.
 */
class FeedbackEventTest {
  @Test
  void everyActionOnEveryDirectionsPair() {
    int checked = 0;
    for (Direction d : Direction.values())
      for (FeedbackAction a : FeedbackAction.values()) {
        String json =
            "{\"subjectType\":\"%s\",\"subjectId\":\"s-1\",\"targetType\":\"%s\",\"targetId\":\"t-1\",\"action\":\"%s\"}"
                .formatted(d.subject().path(), d.target().path(), a.code());
        boolean misplaced =
            (a == FeedbackAction.MOVED_IN && !has(d, EntityType.PARKS))
                || (a == FeedbackAction.LOAN_GRANTED && !has(d, EntityType.INVESTORS));
        if (misplaced) {
          ValidationException e =
              assertThrows(ValidationException.class, () -> FeedbackEvent.read(Json.parse(json)));
          assertEquals("action", e.errors().get(0).field(), d + " " + a);
        } else {
          assertEquals(a, FeedbackEvent.read(Json.parse(json)).action(), d + " " + a);
        }
        checked++;
      }
    assertTrue(checked >= 70, "pairs × actions: " + checked);
  }

  private static boolean has(Direction d, EntityType t) {
    return d.subject() == t || d.target() == t;
  }
}
