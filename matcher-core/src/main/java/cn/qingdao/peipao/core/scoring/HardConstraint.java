package cn.qingdao.peipao.core.scoring;

import cn.qingdao.peipao.core.model.EntityType;

/** A hard constraint a (project, counterpart) pair can fail, with the phrase shown for it. */
public enum HardConstraint {
  PROJECT_NOT_ACTIVE("项目不在服务中"),
  NO_CONSENT("项目未同意对方查看"),
  OUT_OF_SCOPE("不在服务区域内"),
  FULL("名额已满"),
  POLICY_NOT_OPEN("政策不在有效期或不面向创业者"),
  EVENT_NOT_OPEN("活动已结束、已取消或报名已截止");

  private final String label;

  HardConstraint(String label) {
    this.label = label;
  }

  /**
   * Whether the constraint depends on the project alone, so that it fails for every counterpart
   * once it fails for one (whatever other constraint a pair was found to fail first).
   */
  public boolean aboutProject() {
    return this == PROJECT_NOT_ACTIVE || this == NO_CONSENT;
  }

  /** A short Chinese phrase a portal can show as-is. */
  public String label() {
    return label;
  }

  /** Whether the project's consent lets counterparts of {@code type} discover it. */
  public static boolean consents(Features project, EntityType type) {
    int needed =
        switch (type) {
          case MENTORS -> Features.CONSENT_MENTORS;
          case PARKS -> Features.CONSENT_PARKS;
          case INVESTORS -> Features.CONSENT_INVESTORS;
          // an event invites only a project that lets someone find it
          case EVENTS ->
              Features.CONSENT_MENTORS | Features.CONSENT_PARKS | Features.CONSENT_INVESTORS;
          default -> 0;
        };
    return needed == 0 || (project.consent & needed) != 0;
  }
}
