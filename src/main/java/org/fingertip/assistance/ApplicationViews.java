package org.fingertip.assistance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.document.DocumentView;

/** What the API answers about applications. */
public final class ApplicationViews {

  private ApplicationViews() {}

  /** How to appeal a negative decision (行政复议法 art. 20; 行政诉讼法 art. 46). */
  public static final String APPEAL_INFO =
      "如对决定不服，可自收到决定之日起 60 日内向上一级人民政府申请行政复议，或自收到决定之日起 6 个月内向人民法院提起行政诉讼。";

  /** What an applicant on the emergency path signs (信用承诺书); stored with the time of signing. */
  public static final String CREDIT_COMMITMENT =
      "本人承诺：所填报的家庭成员、收入、财产及困难情况真实、完整，愿意配合家庭经济状况核对和入户调查。"
          + "如有隐瞒或虚报，愿意退还已领取的救助金，并承担相应的法律责任，相关失信情况将记入本人信用记录。";

  /** One step of the timeline; {@code internalNote} only in staff views. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TimelineEntry(
      Instant at,
      Workflow.Action action,
      String actionLabel,
      ApplicationStatus fromStatus,
      ApplicationStatus toStatus,
      String actorRole,
      String comment,
      String internalNote) {}

  /** An application as its subject (or the proxy who filed it) sees it. */
  public record ApplicationView(
      UUID id,
      String itemCode,
      String itemName,
      String department,
      String departmentName,
      UUID subjectId,
      UUID applicantId,
      String regionCode,
      ApplicationStatus status,
      String statusLabel,
      Map<String, Object> form,
      List<Household.MaskedMember> household,
      List<DocumentView> documents,
      List<String> missingMaterials,
      LocalDate dueDate,
      boolean overdue,
      Instant noticeEndsAt,
      Long amountFen,
      String startMonth,
      String decisionReason,
      String appealInfo,
      Instant createdAt,
      Instant submittedAt,
      Instant decidedAt,
      boolean emergency,
      Instant commitmentSignedAt,
      Long emergencyGrantFen,
      Long clawbackFen,
      UUID referredFrom,
      List<TimelineEntry> timeline) {}

  /** A line of a list. */
  public record ApplicationSummary(
      UUID id,
      String itemCode,
      String itemName,
      UUID subjectId,
      String subjectName,
      String regionCode,
      ApplicationStatus status,
      String statusLabel,
      LocalDate dueDate,
      boolean overdue,
      boolean supplementOverdue,
      Instant createdAt,
      Instant submittedAt) {}

  /** The subject as staff see it, revealed (and logged). */
  public record SubjectRevealed(UUID citizenId, String realName, String idNumber, String phone) {}

  /** The case view for a caseworker in scope: everything, personal data revealed and logged. */
  public record CaseView(
      ApplicationView application,
      SubjectRevealed subject,
      List<Household.Member> household,
      boolean creditBreach,
      long priorCreditBreaches,
      List<UUID> referrals) {}
}
