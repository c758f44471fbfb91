package cn.qingdao.peipao.core.feedback;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.Direction;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;

/**
 * One thing a user did with one recommended item: the subject the recommendation was for, the item
 * (target), the action, and the scoring profile and 1-based rank it was shown under.
 */
public record FeedbackEvent(
    EntityType subjectType,
    String subjectId,
    EntityType targetType,
    String targetId,
    FeedbackAction action,
    String profile,
    Integer rank) {

  /** Largest rank recorded (recommendations show at most 100 items). */
  public static final int MAX_RANK = 1000;

  private static final List<String> TYPES =
      Arrays.stream(EntityType.values()).map(EntityType::path).toList();

  /**
   * Reads an event, every problem with its field path; the pair must be a recommendation direction
   * (e.g. projects → mentors).
   *
   * @throws cn.qingdao.peipao.core.json.ValidationException naming each problem
   */
  public static FeedbackEvent read(JsonNode node) {
    Problems problems = new Problems();
    Fields f = Fields.of(node, "", problems);
    String subjectType = f.code("subjectType", true, TYPES);
    String subjectId = f.matching("subjectId", true, EntityReader.ID, "an entity id");
    String targetType = f.code("targetType", true, TYPES);
    String targetId = f.matching("targetId", true, EntityReader.ID, "an entity id");
    String action = f.code("action", true, FeedbackAction.codes());
    String profile = f.string("profile", false, 64);
    Long rank = f.integer("rank", false, 1, MAX_RANK);
    f.finish();
    if (subjectType != null && targetType != null) {
      EntityType s = EntityType.fromPath(subjectType).orElseThrow();
      EntityType t = EntityType.fromPath(targetType).orElseThrow();
      if (Direction.of(s, t).isEmpty())
        problems.add(
            "targetType", "no recommendations go from " + subjectType + " to " + targetType);
      // an outcome belongs to the kind of pair it happens in: moving in to a park, a loan from
      // an investor (banks are investors); elsewhere it would be a relation nobody had
      EntityType needed =
          "moved_in".equals(action)
              ? EntityType.PARKS
              : "loan_granted".equals(action) ? EntityType.INVESTORS : null;
      if (needed != null && s != needed && t != needed)
        problems.add(
            "action", action + " is an outcome of a pair with " + needed.path() + ", not this one");
    }
    problems.throwIfAny();
    return new FeedbackEvent(
        EntityType.fromPath(subjectType).orElseThrow(),
        subjectId,
        EntityType.fromPath(targetType).orElseThrow(),
        targetId,
        FeedbackAction.of(action).orElseThrow(),
        profile,
        rank == null ? null : rank.intValue());
  }
}
