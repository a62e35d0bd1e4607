package org.fingertip.assistance;

import static org.fingertip.assistance.ApplicationStatus.*;

import java.util.EnumSet;
import java.util.Set;
import org.fingertip.platform.problem.ProblemException;

/**
 * The review workflow as a pure state machine: which action may move an application from which
 * status, and where to. Anything else is {@code 409 ILLEGAL_TRANSITION}.
 */
public final class Workflow {

  private Workflow() {}

  /** Who may take an action. */
  public enum Actor {
    CITIZEN,
    STAFF,
    SYSTEM
  }

  /** One workflow step; the label is what the timeline shows. */
  public enum Action {
    CREATE(Actor.CITIZEN, "创建申请"),
    SUBMIT(Actor.CITIZEN, "提交申请"),
    WITHDRAW(Actor.CITIZEN, "撤回申请"),
    RESUBMIT(Actor.CITIZEN, "补正材料后重新提交"),
    ACCEPT(Actor.STAFF, "受理"),
    REJECT(Actor.STAFF, "不予受理"),
    REQUEST_SUPPLEMENT(Actor.STAFF, "要求补正材料"),
    START_REVIEW(Actor.STAFF, "开始审核（家庭经济状况核对、入户调查）"),
    START_PUBLIC_NOTICE(Actor.STAFF, "开始公示"),
    END_PUBLIC_NOTICE(Actor.SYSTEM, "公示期满"),
    APPROVE(Actor.STAFF, "批准"),
    DENY(Actor.STAFF, "不予批准"),
    NOTE(Actor.STAFF, "记录审核情况"),
    OBJECTION_FILED(Actor.SYSTEM, "公示期间收到异议"),
    RESOLVE_OBJECTION(Actor.STAFF, "异议已核实处理"),
    GRANT_EMERGENCY(Actor.STAFF, "先行救助（急难）"),
    REFER(Actor.STAFF, "转介长效救助事项"),
    SUPPLEMENT_OVERDUE(Actor.SYSTEM, "补正期限已过");

    public final Actor actor;
    public final String label;

    Action(Actor actor, String label) {
      this.actor = actor;
      this.label = label;
    }
  }

  /**
   * The status after {@code action}, or a 409 problem. {@code needsNotice} says whether the item
   * requires a public notice before approval.
   */
  public static ApplicationStatus next(ApplicationStatus from, Action action, boolean needsNotice) {
    ApplicationStatus to =
        switch (action) {
          case CREATE -> null;
          case SUBMIT -> from == DRAFT ? SUBMITTED : null;
          case WITHDRAW -> from.isOpen() ? WITHDRAWN : null;
          case RESUBMIT -> from == SUPPLEMENT_REQUESTED ? ACCEPTED : null;
          case ACCEPT -> from == SUBMITTED ? ACCEPTED : null;
          case REJECT -> from == SUBMITTED ? REJECTED : null;
          case REQUEST_SUPPLEMENT -> from == ACCEPTED ? SUPPLEMENT_REQUESTED : null;
          case START_REVIEW -> from == ACCEPTED ? UNDER_REVIEW : null;
          case START_PUBLIC_NOTICE -> from == UNDER_REVIEW && needsNotice ? PUBLIC_NOTICE : null;
          case END_PUBLIC_NOTICE -> from == PUBLIC_NOTICE ? NOTICE_ENDED : null;
          case APPROVE ->
              (from == UNDER_REVIEW && !needsNotice) || from == NOTICE_ENDED ? APPROVED : null;
          case DENY -> DENIABLE.contains(from) ? DENIED : null;
          case NOTE -> STAFF_VISIBLE_OPEN.contains(from) ? from : null;
          case OBJECTION_FILED, RESOLVE_OBJECTION -> from == PUBLIC_NOTICE ? from : null;
          // help first, review after: the grant accepts a submitted case at once
          case GRANT_EMERGENCY ->
              from == SUBMITTED ? ACCEPTED : from == ACCEPTED || from == UNDER_REVIEW ? from : null;
          case REFER -> STAFF_VISIBLE_OPEN.contains(from) || from == APPROVED ? from : null;
          // recorded, never decided: a missed date does not close a family's case
          case SUPPLEMENT_OVERDUE -> from == SUPPLEMENT_REQUESTED ? from : null;
        };
    if (to == null) {
      throw illegal(from, action, needsNotice);
    }
    return to;
  }

  private static final Set<ApplicationStatus> DENIABLE =
      EnumSet.of(UNDER_REVIEW, PUBLIC_NOTICE, NOTICE_ENDED);

  private static final Set<ApplicationStatus> STAFF_VISIBLE_OPEN =
      EnumSet.of(
          SUBMITTED, ACCEPTED, SUPPLEMENT_REQUESTED, UNDER_REVIEW, PUBLIC_NOTICE, NOTICE_ENDED);

  private static ProblemException illegal(
      ApplicationStatus from, Action action, boolean needsNotice) {
    String detail;
    if (action == Action.APPROVE && from == PUBLIC_NOTICE) {
      detail = "公示期尚未结束，不能审批";
    } else if (action == Action.APPROVE && from == UNDER_REVIEW && needsNotice) {
      detail = "该事项须经 7 天公示后方可审批";
    } else if (action == Action.START_PUBLIC_NOTICE && from == UNDER_REVIEW) {
      detail = "该事项无需公示";
    } else if (action == Action.WITHDRAW) {
      detail = "申请已有结果，不能撤回";
    } else {
      detail = "当前状态为“" + from.label + "”，不能执行“" + action.label + "”";
    }
    return ProblemException.conflict("ILLEGAL_TRANSITION", detail)
        .with("currentStatus", from.name())
        .with("action", action.name());
  }
}
