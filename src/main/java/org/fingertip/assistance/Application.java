package org.fingertip.assistance;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * An application for one assistance item, for one subject, handled at one township. The household
 * is held only encrypted; the form answers are the item's schema, validated.
 */
@Entity
@Table(name = "application")
public class Application extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "item_code", nullable = false)
  public String itemCode;

  @Column(nullable = false)
  public String department;

  /** Whom the application is for. */
  @Column(name = "subject_id", nullable = false)
  public UUID subjectId;

  /** Who filed it: the subject, or a family member acting through a proxy. */
  @Column(name = "applicant_id", nullable = false)
  public UUID applicantId;

  @Column(name = "region_code", nullable = false)
  public String regionCode;

  @Column(name = "region_path", nullable = false)
  public String regionPath;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public ApplicationStatus status;

  @Column(name = "form_answers", nullable = false, columnDefinition = "text")
  public String formAnswers;

  @Column(name = "household_enc", columnDefinition = "text")
  public String householdEnc;

  @Column(name = "household_masked", nullable = false, columnDefinition = "text")
  public String householdMasked;

  @Column(name = "missing_materials", nullable = false, columnDefinition = "text")
  public String missingMaterials;

  @Column(name = "due_date")
  public LocalDate dueDate;

  @Column(name = "accepted_on")
  public LocalDate acceptedOn;

  @Column(name = "notice_ends_at")
  public Instant noticeEndsAt;

  @Column(name = "amount_fen")
  public Long amountFen;

  @Column(name = "start_month")
  public String startMonth;

  @Column(name = "decision_reason", columnDefinition = "text")
  public String decisionReason;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "submitted_at")
  public Instant submittedAt;

  @Column(name = "decided_at")
  public Instant decidedAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** Objections filed during the public notice and not yet resolved; they hold the case. */
  @Column(name = "open_objections", nullable = false)
  public int openObjections;

  /** Filed on the emergency path, with a signed credit commitment. */
  public boolean emergency;

  @Column(name = "commitment_text", columnDefinition = "text")
  public String commitmentText;

  @Column(name = "commitment_signed_at")
  public Instant commitmentSignedAt;

  @Column(name = "emergency_grant_fen")
  public Long emergencyGrantFen;

  @Column(name = "emergency_granted_at")
  public Instant emergencyGrantedAt;

  @Column(name = "clawback_fen")
  public Long clawbackFen;

  /** The review found the declarations untrue: the credit commitment was breached. */
  @Column(name = "credit_breach", nullable = false)
  public boolean creditBreach;

  /** The case this draft was referred from (先临时后长效). */
  @Column(name = "referred_from")
  public UUID referredFrom;

  /** How many times materials were requested; a reminder or overdue notice names its round. */
  @Column(name = "supplement_round", nullable = false)
  public int supplementRound;

  /** The working day before the supplement deadline, when the citizen is reminded. */
  @Column(name = "supplement_remind_on")
  public LocalDate supplementRemindOn;

  @Column(name = "supplement_reminded_at")
  public Instant supplementRemindedAt;

  /** Set when the supplement deadline passed without a resubmission; a caseworker decides. */
  @Column(name = "supplement_overdue_at")
  public Instant supplementOverdueAt;

  /** Lease of the deadline job instance working on this row (expires if that instance dies). */
  @Column(name = "deadline_claimed_until")
  public Instant deadlineClaimedUntil;

  @Version public int version;

  public List<String> regionLineage() {
    return Arrays.stream(regionPath.split("/")).filter(s -> !s.isEmpty()).toList();
  }

  /** Still waiting for materials after the deadline: shown and filterable in the queue. */
  public boolean supplementOverdue() {
    return status == ApplicationStatus.SUPPLEMENT_REQUESTED && supplementOverdueAt != null;
  }

  /** Whether the citizen may add or remove documents now (draft, or a supplement request). */
  public boolean acceptsDocuments() {
    return status == ApplicationStatus.DRAFT || status == ApplicationStatus.SUPPLEMENT_REQUESTED;
  }
}
