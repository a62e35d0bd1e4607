package org.fingertip.assistance;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.assistance.ApplicationViews.ApplicationSummary;
import org.fingertip.assistance.ApplicationViews.ApplicationView;
import org.fingertip.assistance.ApplicationViews.TimelineEntry;
import org.fingertip.document.DocumentLinks;
import org.fingertip.notification.Outbox;
import org.fingertip.platform.calendar.CalendarService;
import org.fingertip.platform.calendar.WorkingDayCalendar;
import org.fingertip.platform.crypto.PiiCipher;
import org.fingertip.platform.web.AppClock;

/**
 * Steps shared by the citizen and staff sides, run inside the caller's transaction: a workflow
 * transition with its due date, timeline entry and notification, and the views.
 */
@ApplicationScoped
public class ApplicationSteps {

  private final CalendarService calendars;
  private final Outbox outbox;
  private final DocumentLinks links;
  private final AssistanceJson json;
  private final PiiCipher cipher;
  private final AssistanceConfig config;
  private final AppClock clock;

  public ApplicationSteps(
      CalendarService calendars,
      Outbox outbox,
      DocumentLinks links,
      AssistanceJson json,
      PiiCipher cipher,
      AssistanceConfig config,
      AppClock clock) {
    this.calendars = calendars;
    this.outbox = outbox;
    this.links = links;
    this.json = json;
    this.cipher = cipher;
    this.config = config;
    this.clock = clock;
  }

  /** A step taken on an application: who, and what they want the citizen (or staff) to read. */
  public record Step(
      Workflow.Action action,
      String actorRole,
      UUID actorId,
      String comment,
      String internalNote) {}

  /**
   * Applies one workflow step: checks it ({@code 409 ILLEGAL_TRANSITION}), sets the status and the
   * due date of the new stage in working days, appends the timeline entry and, when the status
   * changes, records the citizen's notification in the same transaction.
   */
  public Uni<Application> apply(Application app, AssistanceItem item, Step step) {
    ApplicationStatus from = app.status;
    ApplicationStatus to = Workflow.next(from, step.action(), item.publicNotice);
    return calendars
        .calendar()
        .chain(
            calendar -> {
              app.status = to;
              app.updatedAt = clock.instant();
              schedule(app, item, step.action(), calendar, clock.today());
              return event(app, step, from, to);
            })
        .chain(
            event ->
                from == to
                    ? Uni.createFrom().voidItem()
                    : outbox.record(
                        app.subjectId,
                        "APPLICATION_STATUS_CHANGED",
                        notification(app, item, step),
                        "application:" + app.id + ":" + event.seq))
        .replaceWith(app);
  }

  /** Due date of the stage just entered. */
  private void schedule(
      Application app,
      AssistanceItem item,
      Workflow.Action action,
      WorkingDayCalendar calendar,
      LocalDate today) {
    switch (app.status) {
      case SUBMITTED -> {
        app.submittedAt = clock.instant();
        app.dueDate = calendar.addWorkingDays(today, config.intakeWorkingDays());
      }
      case ACCEPTED -> {
        // the statutory limit runs from acceptance, and again from receipt of supplements
        app.acceptedOn = today;
        app.dueDate = calendar.addWorkingDays(today, item.timeLimitDays);
        if (action == Workflow.Action.RESUBMIT) {
          app.missingMaterials = "[]";
        }
      }
      case SUPPLEMENT_REQUESTED -> {
        // only a new request sets a deadline: a note or an overdue mark must not move it
        if (action == Workflow.Action.REQUEST_SUPPLEMENT) {
          app.dueDate = calendar.addWorkingDays(today, config.supplementWorkingDays());
          app.supplementRound++;
          app.supplementRemindOn = workingDayBefore(calendar, app.dueDate);
          app.supplementRemindedAt = null;
          app.supplementOverdueAt = null;
        }
      }
      case PUBLIC_NOTICE -> app.noticeEndsAt = clock.instant().plus(config.publicNotice());
      case APPROVED, DENIED, REJECTED, WITHDRAWN -> {
        app.dueDate = null;
        if (app.status != ApplicationStatus.WITHDRAWN) {
          app.decidedAt = clock.instant();
        }
      }
      default -> {
        // UNDER_REVIEW and NOTICE_ENDED keep the statutory due date set at acceptance
      }
    }
  }

  private static LocalDate workingDayBefore(WorkingDayCalendar calendar, LocalDate date) {
    LocalDate day = date.minusDays(1);
    for (int i = 0; i < 60 && !calendar.isWorkingDay(day); i++) {
      day = day.minusDays(1);
    }
    return day;
  }

  private Uni<ApplicationEvent> event(
      Application app, Step step, ApplicationStatus from, ApplicationStatus to) {
    return ApplicationEvent.count("applicationId", app.id)
        .chain(
            n -> {
              ApplicationEvent e = new ApplicationEvent();
              e.id = UUID.randomUUID();
              e.applicationId = app.id;
              e.seq = n.intValue() + 1;
              e.action = step.action();
              e.fromStatus = step.action() == Workflow.Action.CREATE ? null : from;
              e.toStatus = to;
              e.actorRole = step.actorRole();
              e.actorId = step.actorId();
              e.comment = blankToNull(step.comment());
              e.internalNote = blankToNull(step.internalNote());
              e.at = clock.instant();
              return e.persist().replaceWith(e);
            });
  }

  /** The first timeline entry of a new application. */
  public Uni<Void> created(Application app, String actorRole, UUID actorId) {
    return event(
            app,
            new Step(Workflow.Action.CREATE, actorRole, actorId, null, null),
            app.status,
            app.status)
        .replaceWithVoid();
  }

  private static Map<String, Object> notification(Application app, AssistanceItem item, Step step) {
    Map<String, Object> params = new HashMap<>();
    params.put("applicationId", app.id.toString());
    params.put("itemCode", item.code);
    params.put("itemName", item.name);
    params.put("status", app.status.name());
    params.put("statusLabel", app.status.label);
    if (step.comment() != null && !step.comment().isBlank()) {
      params.put("comment", step.comment());
    }
    return params;
  }

  public Uni<AssistanceItem> item(Application app) {
    return AssistanceItem.<AssistanceItem>findById(app.itemCode);
  }

  /** The full view; staff views carry internal notes, citizen views never do. */
  public Uni<ApplicationView> view(Application app, AssistanceItem item, boolean forStaff) {
    return links
        .viewsOf(app.id)
        .chain(
            documents ->
                ApplicationEvent.<ApplicationEvent>list("applicationId = ?1 order by seq", app.id)
                    .map(
                        events ->
                            new ApplicationView(
                                app.id,
                                app.itemCode,
                                item.name,
                                item.department,
                                item.departmentName,
                                app.subjectId,
                                app.applicantId,
                                app.regionCode,
                                app.status,
                                app.status.label,
                                json.answers(app.formAnswers),
                                Household.masked(household(app)),
                                documents,
                                json.strings(app.missingMaterials),
                                app.dueDate,
                                isOverdue(app),
                                app.noticeEndsAt,
                                app.amountFen,
                                app.startMonth,
                                app.decisionReason,
                                app.status == ApplicationStatus.DENIED
                                        || app.status == ApplicationStatus.REJECTED
                                    ? ApplicationViews.APPEAL_INFO
                                    : null,
                                app.createdAt,
                                app.submittedAt,
                                app.decidedAt,
                                app.emergency,
                                app.commitmentSignedAt,
                                app.emergencyGrantFen,
                                app.clawbackFen,
                                app.referredFrom,
                                events.stream().map(e -> entry(e, forStaff)).toList())));
  }

  public ApplicationSummary summary(Application app, AssistanceItem item, String subjectName) {
    return new ApplicationSummary(
        app.id,
        app.itemCode,
        item == null ? null : item.name,
        app.subjectId,
        subjectName,
        app.regionCode,
        app.status,
        app.status.label,
        app.dueDate,
        isOverdue(app),
        app.supplementOverdue(),
        app.createdAt,
        app.submittedAt);
  }

  /** The household in full (decrypted); callers mask it or log the reveal. */
  public List<Household.Member> household(Application app) {
    return app.householdEnc == null ? List.of() : json.members(cipher.decrypt(app.householdEnc));
  }

  public boolean isOverdue(Application app) {
    return app.status.isOpen()
        && app.status != ApplicationStatus.DRAFT
        && app.dueDate != null
        && app.dueDate.isBefore(clock.today());
  }

  private static TimelineEntry entry(ApplicationEvent e, boolean forStaff) {
    return new TimelineEntry(
        e.at,
        e.action,
        e.action.label,
        e.fromStatus,
        e.toStatus,
        e.actorRole,
        e.comment,
        forStaff ? e.internalNote : null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
