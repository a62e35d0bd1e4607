package org.fingertip.assistance;

import java.util.EnumSet;
import java.util.Set;

/** Where an application stands, with the label citizens see. */
public enum ApplicationStatus {
  DRAFT("草稿"),
  SUBMITTED("已提交，待受理"),
  ACCEPTED("已受理"),
  SUPPLEMENT_REQUESTED("待补正材料"),
  UNDER_REVIEW("审核中（家庭经济状况核对、入户调查）"),
  PUBLIC_NOTICE("公示中"),
  NOTICE_ENDED("公示期满，待审批"),
  APPROVED("已批准"),
  DENIED("未予批准"),
  REJECTED("不予受理"),
  WITHDRAWN("已撤回");

  /** Statuses in which the application is still open (one per subject and item). */
  public static final Set<ApplicationStatus> OPEN =
      EnumSet.of(
          DRAFT,
          SUBMITTED,
          ACCEPTED,
          SUPPLEMENT_REQUESTED,
          UNDER_REVIEW,
          PUBLIC_NOTICE,
          NOTICE_ENDED);

  public final String label;

  ApplicationStatus(String label) {
    this.label = label;
  }

  public boolean isOpen() {
    return OPEN.contains(this);
  }
}
