package org.fingertip.assistance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fingertip.assistance.ApplicationStatus.*;
import static org.fingertip.assistance.Workflow.Action.*;

import java.util.EnumSet;
import org.fingertip.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** The state machine, without HTTP: every allowed step, and everything else refused. */
class WorkflowTest {

  @Test
  void shouldAllowExactlyTheDocumentedSteps() {
    assertThat(Workflow.next(DRAFT, SUBMIT, true)).isEqualTo(SUBMITTED);
    assertThat(Workflow.next(SUBMITTED, ACCEPT, true)).isEqualTo(ACCEPTED);
    assertThat(Workflow.next(SUBMITTED, REJECT, true)).isEqualTo(REJECTED);
    assertThat(Workflow.next(ACCEPTED, REQUEST_SUPPLEMENT, true)).isEqualTo(SUPPLEMENT_REQUESTED);
    assertThat(Workflow.next(SUPPLEMENT_REQUESTED, RESUBMIT, true)).isEqualTo(ACCEPTED);
    assertThat(Workflow.next(ACCEPTED, START_REVIEW, true)).isEqualTo(UNDER_REVIEW);
    assertThat(Workflow.next(UNDER_REVIEW, START_PUBLIC_NOTICE, true)).isEqualTo(PUBLIC_NOTICE);
    assertThat(Workflow.next(PUBLIC_NOTICE, END_PUBLIC_NOTICE, true)).isEqualTo(NOTICE_ENDED);
    assertThat(Workflow.next(NOTICE_ENDED, APPROVE, true)).isEqualTo(APPROVED);
    assertThat(Workflow.next(UNDER_REVIEW, APPROVE, false)).isEqualTo(APPROVED);
    assertThat(Workflow.next(PUBLIC_NOTICE, DENY, true)).isEqualTo(DENIED);
  }

  @Test
  void shouldRefuseApprovalBeforeTheNoticeAndNoticeWhereNoneIsNeeded() {
    assertIllegal(UNDER_REVIEW, APPROVE, true);
    assertIllegal(PUBLIC_NOTICE, APPROVE, true);
    assertIllegal(UNDER_REVIEW, START_PUBLIC_NOTICE, false);
  }

  @Test
  void shouldLetCitizensWithdrawOnlyWhileOpen() {
    for (ApplicationStatus s : ApplicationStatus.values()) {
      if (s.isOpen()) {
        assertThat(Workflow.next(s, WITHDRAW, true)).isEqualTo(WITHDRAWN);
      } else {
        assertIllegal(s, WITHDRAW, true);
      }
    }
  }

  @Test
  void shouldFreezeFinalStatuses() {
    for (ApplicationStatus s : EnumSet.of(APPROVED, DENIED, REJECTED, WITHDRAWN)) {
      for (Workflow.Action a : Workflow.Action.values()) {
        // an approved case may still be referred on to long-term items
        if (a != CREATE && !(a == REFER && s == APPROVED)) {
          assertIllegal(s, a, true);
        }
      }
    }
  }

  private static void assertIllegal(
      ApplicationStatus from, Workflow.Action action, boolean notice) {
    assertThatThrownBy(() -> Workflow.next(from, action, notice))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.code()).isEqualTo("ILLEGAL_TRANSITION");
            });
  }
}
