package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.index.Catalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who sees a project's {@code contact}, and the record of who did. Admins see it; the portal sees
 * it on a project's own page ({@code GET /api/v1/projects/{id}}); every other answer masks it
 * (phone 138****5678, name 张*, email z***@example.com). Each unmasked read is recorded before the
 * answer leaves. Consent decides whether a mentor, park or investor key may see the project at all.
 */
final class PersonalData {
  private final Catalog catalog;

  PersonalData(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Whether {@code p} may see this project at all: admin and portal keys always; a founder key only
   * its own project; a mentor, park or investor key a project that is active and consents to its
   * kind, or that is assigned to it (its own accompanied projects, whatever their state).
   */
  boolean visible(Principal p, JsonNode project) {
    if (!p.isBound()) return true;
    String id = project.path("id").asText();
    if (p.role() == Principal.Role.FOUNDER) return p.boundEntityId().equals(id);
    JsonNode consent = project.get("consent");
    boolean consents = consent != null && consent.path(p.boundType().path()).asBoolean(false);
    if (consents && "active".equals(project.path("status").asText("active"))) return true;
    return assignedTo(p, id);
  }

  /** Whether the project is (actively) assigned to the mentor or park {@code p} is bound to. */
  private boolean assignedTo(Principal p, String projectId) {
    EntityType t = p.boundType();
    if (t != EntityType.MENTORS && t != EntityType.PARKS) return false;
    return catalog.assignments().assignmentsOf(t, p.boundEntityId(), true).stream()
        .anyMatch(a -> a.projectId().equals(projectId));
  }

  /**
   * Masks or keeps the contact of each project in {@code projects} for {@code p}, recording the
   * unmasked ones; {@code ownPage} is a single project's page.
   */
  void apply(Principal p, List<ObjectNode> projects, boolean ownPage, String via) {
    // a founder sees its own project's contact as stored: it is its own data, and a masked copy
    // written back with PUT would replace the real one
    boolean unmasked =
        p.role() == Principal.Role.ADMIN
            || ((p.role() == Principal.Role.PORTAL || p.role() == Principal.Role.OFFICER)
                && ownPage)
            || (p.role() == Principal.Role.FOUNDER
                && ownPage
                && projects.size() == 1
                && p.boundEntityId().equals(projects.get(0).path("id").asText()));
    if (!unmasked) {
      for (ObjectNode project : projects) mask(project);
      return;
    }
    List<String> read =
        projects.stream()
            .filter(o -> o.hasNonNull("contact") && !o.get("contact").isEmpty())
            .map(o -> o.path("id").asText())
            .toList();
    catalog
        .readAudit()
        .record(
            p.name(),
            p.role().name().toLowerCase(Locale.ROOT),
            EntityType.PROJECTS,
            read,
            via,
            Instant.now(catalog.clock()));
  }

  static void mask(ObjectNode project) {
    if (!(project.get("contact") instanceof ObjectNode contact)) return;
    for (Map.Entry<String, JsonNode> e : List.copyOf(contact.properties())) {
      if (!e.getValue().isTextual()) continue;
      String v = e.getValue().textValue();
      contact.put(
          e.getKey(),
          switch (e.getKey()) {
            case "phone" -> phone(v);
            case "email" -> email(v);
            default -> name(v);
          });
    }
  }

  static String phone(String v) {
    String digits = v.replaceAll("[^0-9]", "");
    if (digits.length() < 7) return "*".repeat(digits.length());
    return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
  }

  static String email(String v) {
    int at = v.indexOf('@');
    if (at <= 0) return "***";
    return v.charAt(0) + "***" + v.substring(at);
  }

  static String name(String v) {
    if (v.isEmpty()) return v;
    int first = v.codePointAt(0);
    int rest = Math.max(1, v.codePointCount(0, v.length()) - 1);
    return new String(Character.toChars(first)) + "*".repeat(rest);
  }
}
