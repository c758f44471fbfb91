package cn.qingdao.peipao.index.growth;

import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.FeatureExtractor;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.WriteResult;
import cn.qingdao.peipao.index.store.AuditEntry;
import cn.qingdao.peipao.index.store.StoredEntity;
import java.util.ArrayList;
import java.util.List;

/**
 * The second-incubation channel: a failed project is re-opened (status {@code active}, tagged
 * 二次孵化), the change recorded in its history as {@code reopen: failed → active}. The tag makes
 * second incubation one of its needs, so mentors and parks offering it score higher for it.
 */
public final class SecondIncubation {
  /** Longest reason kept with a re-opening. */
  public static final int MAX_REASON = 200;

  private final Catalog catalog;

  public SecondIncubation(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Re-opens a failed project.
   *
   * @throws EntityNotFoundException when there is no such project
   * @throws EntityConflictException when it is not failed
   */
  public WriteResult reopen(String projectId, String reason, String actor) {
    StoredEntity row =
        catalog
            .get(EntityType.PROJECTS, projectId)
            .orElseThrow(() -> new EntityNotFoundException(EntityType.PROJECTS, projectId));
    Project project = (Project) catalog.reader().read(EntityType.PROJECTS, row.tree());
    String status = project.status() == null ? "active" : project.status();
    if (!status.equals("failed"))
      throw new EntityConflictException(
          "project '"
              + projectId
              + "' is "
              + status
              + "; only a failed project re-opens through the second-incubation channel");
    List<String> tags = new ArrayList<>(project.tags());
    if (!tags.contains(FeatureExtractor.SECOND_INCUBATION_TAG))
      tags.add(FeatureExtractor.SECOND_INCUBATION_TAG);
    Entity e = project.withStatus("active", tags);
    String action =
        "reopen: failed → active"
            + (reason == null || reason.isBlank() ? "" : " (" + reason.strip() + ")");
    return catalog.put(e, row.version(), actor, action);
  }

  /** The project's history, newest first: every write with who, when and what. */
  public List<AuditEntry> history(String projectId, int limit) {
    if (catalog.get(EntityType.PROJECTS, projectId).isEmpty())
      throw new EntityNotFoundException(EntityType.PROJECTS, projectId);
    return catalog.audit(EntityType.PROJECTS, projectId, limit);
  }
}
