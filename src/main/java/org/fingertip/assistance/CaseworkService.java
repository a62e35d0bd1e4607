package org.fingertip.assistance;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fingertip.assistance.ApplicationSteps.Step;
import org.fingertip.assistance.ApplicationViews.ApplicationSummary;
import org.fingertip.assistance.ApplicationViews.CaseView;
import org.fingertip.assistance.ApplicationViews.SubjectRevealed;
import org.fingertip.identity.Citizen;
import org.fingertip.identity.CitizenRepository;
import org.fingertip.identity.PiiAccess;
import org.fingertip.identity.staff.StaffScope;
import org.fingertip.platform.Roles;
import org.fingertip.platform.database.NativeSelects;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.AppClock;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;

/**
 * The caseworker's side: the queue of the department's cases in the staff member's regions, the
 * case view (personal data revealed and logged), and the workflow decisions. A case outside the
 * scope answers 404, like one that does not exist.
 */
@ApplicationScoped
public class CaseworkService {

  private final ApplicationSteps steps;
  private final CitizenRepository citizens;
  private final PiiAccess piiAccess;
  private final AssistanceJson json;
  private final AppClock clock;
  private final PublicNoticeService notices;
  private final ApplicationService applications;
  private final org.fingertip.notification.Outbox outbox;

  public CaseworkService(
      PublicNoticeService notices,
      ApplicationService applications,
      org.fingertip.notification.Outbox outbox,
      ApplicationSteps steps,
      CitizenRepository citizens,
      PiiAccess piiAccess,
      AssistanceJson json,
      AppClock clock) {
    this.notices = notices;
    this.applications = applications;
    this.outbox = outbox;
    this.steps = steps;
    this.citizens = citizens;
    this.piiAccess = piiAccess;
    this.json = json;
    this.clock = clock;
  }

  /** One workflow step taken by a caseworker. */
  public record Decision(
      Workflow.Action action,
      String comment,
      String internalNote,
      Long amountFen,
      String startMonth,
      List<String> missingMaterials,
      String reason,
      Boolean creditBreach,
      List<String> referItems) {}

  /** Queue filters. */
  public record QueueFilter(
      ApplicationStatus status, String itemCode, Boolean overdue, Boolean supplementOverdue) {}

  @WithSession
  public Uni<Page<ApplicationSummary>> queue(
      StaffScope staff, QueueFilter filter, PageRequest page) {
    requireCaseworker(staff);
    StringBuilder where = new StringBuilder("status <> :draft and submittedAt is not null");
    Map<String, Object> params = new HashMap<>();
    params.put("draft", ApplicationStatus.DRAFT);
    scopeFilter(staff, where, params);
    if (filter.status() != null) {
      where.append(" and status = :status");
      params.put("status", filter.status());
    }
    if (filter.itemCode() != null) {
      where.append(" and itemCode = :item");
      params.put("item", filter.itemCode());
    }
    if (filter.overdue() != null) {
      where.append(
          filter.overdue()
              ? " and dueDate < :today and status in :open"
              : " and not (dueDate < :today and status in :open)");
      params.put("today", clock.today());
      params.put("open", ApplicationStatus.OPEN);
    }
    if (filter.supplementOverdue() != null) {
      where.append(
          filter.supplementOverdue()
              ? " and status = :waiting and supplementOverdueAt is not null"
              : " and not (status = :waiting and supplementOverdueAt is not null)");
      params.put("waiting", ApplicationStatus.SUPPLEMENT_REQUESTED);
    }
    var query =
        Application.<Application>find(
            where + " order by dueDate asc nulls last, submittedAt, id", params);
    return query
        .page(page.page() - 1, page.size())
        .list()
        .chain(
            apps ->
                query
                    .count()
                    .chain(
                        total -> {
                          List<UUID> subjects = apps.stream().map(a -> a.subjectId).toList();
                          Uni<List<Citizen>> people =
                              subjects.isEmpty()
                                  ? Uni.createFrom().item(List.of())
                                  : citizens.list("id in ?1", subjects);
                          return people.chain(
                              list ->
                                  AssistanceItem.<AssistanceItem>listAll()
                                      .map(
                                          items -> {
                                            Map<String, AssistanceItem> byCode = new HashMap<>();
                                            items.forEach(i -> byCode.put(i.code, i));
                                            Map<UUID, String> names = new HashMap<>();
                                            list.forEach(c -> names.put(c.id, c.realNameMasked));
                                            return Page.of(
                                                apps.stream()
                                                    .map(
                                                        a ->
                                                            steps.summary(
                                                                a,
                                                                byCode.get(a.itemCode),
                                                                names.get(a.subjectId)))
                                                    .toList(),
                                                page,
                                                total);
                                          }));
                        }));
  }

  /** Counts and amounts of the applications in scope submitted in [from, to]. */
  @WithSession
  public Uni<AssistanceStatistics.Report> statistics(
      StaffScope staff, java.time.LocalDate from, java.time.LocalDate to) {
    requireCaseworker(staff);
    StringBuilder where = new StringBuilder("submittedAt >= :start and submittedAt < :end");
    Map<String, Object> params = new HashMap<>();
    params.put("start", from.atStartOfDay(AppClock.ZONE).toInstant());
    params.put("end", to.plusDays(1).atStartOfDay(AppClock.ZONE).toInstant());
    scopeFilter(staff, where, params);
    return Application.<Application>list(where.toString(), params)
        .chain(
            apps ->
                AssistanceItem.<AssistanceItem>listAll()
                    .map(
                        items -> {
                          Map<String, String> names = new HashMap<>();
                          items.forEach(i -> names.put(i.code, i.name));
                          return AssistanceStatistics.of(
                              from,
                              to,
                              apps.stream()
                                  .map(
                                      a ->
                                          new AssistanceStatistics.Row(
                                              a.itemCode,
                                              names.get(a.itemCode),
                                              a.regionCode,
                                              a.status,
                                              a.amountFen,
                                              json.masked(a.householdMasked).size()))
                                  .toList());
                        }));
  }

  private static void scopeFilter(
      StaffScope staff, StringBuilder where, Map<String, Object> params) {
    if (staff.isAdmin()) {
      return;
    }
    if (staff.departments().length == 0 || staff.regions().length == 0) {
      where.append(" and 1 = 0");
      return;
    }
    where.append(" and department in :departments and (");
    for (int i = 0; i < staff.regions().length; i++) {
      where.append(i == 0 ? "" : " or ").append("regionPath like :r").append(i);
      params.put("r" + i, "%/" + staff.regions()[i] + "/%");
    }
    where.append(")");
    params.put("departments", List.of(staff.departments()));
  }

  /** The case in full; revealing the subject's and household's data writes the access log. */
  @WithTransaction
  public Uni<CaseView> caseView(StaffScope staff, UUID id) {
    return inScope(staff, id)
        .chain(app -> steps.item(app).chain(item -> caseView(staff, app, item)));
  }

  private Uni<CaseView> caseView(StaffScope staff, Application app, AssistanceItem item) {
    return citizens
        .findById(app.subjectId)
        .chain(subject -> piiAccess.reveal(subject, staff, "审核救助申请（含家庭成员信息）" + app.id))
        .chain(
            revealed ->
                steps
                    .view(app, item, true)
                    .chain(
                        view ->
                            // breaches of earlier credit commitments are shown to staff
                            Application.count(
                                    "subjectId = ?1 and creditBreach = true and id <> ?2",
                                    app.subjectId,
                                    app.id)
                                .chain(
                                    breaches ->
                                        Application.<Application>list(
                                                "referredFrom = ?1 order by createdAt, id", app.id)
                                            .map(
                                                referred ->
                                                    new CaseView(
                                                        view,
                                                        new SubjectRevealed(
                                                            revealed.citizenId(),
                                                            revealed.realName(),
                                                            revealed.idNumber(),
                                                            revealed.phone()),
                                                        steps.household(app),
                                                        app.creditBreach,
                                                        breaches,
                                                        referred.stream()
                                                            .map(a -> a.id)
                                                            .toList())))));
  }

  @WithTransaction
  public Uni<CaseView> decide(StaffScope staff, UUID id, Decision decision) {
    if (decision.action() == null) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("action", "REQUIRED", "请选择办理操作"));
    }
    if (decision.action().actor != Workflow.Actor.STAFF) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("action", "NOT_A_STAFF_ACTION", "该操作不能由工作人员执行"));
    }
    return inScope(staff, id)
        .chain(
            app ->
                steps
                    .item(app)
                    .chain(
                        item -> {
                          // the transition first: an illegal step is 409 whatever else was sent
                          Workflow.next(app.status, decision.action(), item.publicNotice);
                          String comment = fields(app, item, decision);
                          Uni<Void> before =
                              decision.action() == Workflow.Action.RESOLVE_OBJECTION
                                  ? notices.resolveAll(app, staff.staffId(), comment)
                                  : Uni.createFrom().voidItem();
                          return before
                              .chain(
                                  () ->
                                      steps.apply(
                                          app,
                                          item,
                                          new Step(
                                              decision.action(),
                                              staff.isAdmin() ? "ADMIN" : "CASEWORKER",
                                              staff.staffId(),
                                              comment,
                                              decision.internalNote())))
                              .chain(
                                  a ->
                                      decision.action() == Workflow.Action.REFER
                                          ? refer(staff, a, decision.referItems())
                                          : Uni.createFrom().item(a))
                              .chain(a -> caseView(staff, a, item));
                        }));
  }

  private Uni<Application> refer(StaffScope staff, Application app, List<String> codes) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (String code : new java.util.LinkedHashSet<>(codes)) {
      chain = chain.chain(() -> referOne(staff, app, code));
    }
    return chain.replaceWith(app);
  }

  private Uni<Void> referOne(StaffScope staff, Application app, String code) {
    return AssistanceItem.<AssistanceItem>findById(code)
        .chain(
            target -> {
              if (target == null || !target.active) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.invalidField(
                            "referItems", "UNKNOWN_ITEM", "没有救助事项 " + code));
              }
              return applications
                  .referDraft(app, target, staff.staffId())
                  .chain(
                      draft ->
                          draft == null
                              ? Uni.createFrom().voidItem()
                              : outbox.record(
                                  app.subjectId,
                                  "APPLICATION_REFERRED",
                                  Map.of(
                                      "applicationId",
                                      draft.id.toString(),
                                      "itemName",
                                      target.name),
                                  "application:" + draft.id + ":referred"));
            });
  }

  /** Checks and stores what the action needs; returns the citizen-visible comment. */
  private String fields(Application app, AssistanceItem item, Decision d) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String comment = d.comment() == null || d.comment().isBlank() ? null : d.comment().trim();
    switch (d.action()) {
      case REQUEST_SUPPLEMENT -> {
        Set<String> known = Set.copyOf(json.materials(item).stream().map(Material::type).toList());
        if (d.missingMaterials() == null || d.missingMaterials().isEmpty()) {
          errors.add(new Problem.FieldError("missingMaterials", "REQUIRED", "请列出需要补正的材料"));
        } else {
          for (int i = 0; i < d.missingMaterials().size(); i++) {
            if (!known.contains(d.missingMaterials().get(i))) {
              errors.add(
                  new Problem.FieldError(
                      "missingMaterials[" + i + "]", "UNKNOWN_MATERIAL", "该事项没有这类材料"));
            }
          }
        }
        if (errors.isEmpty()) {
          app.missingMaterials = json.write(d.missingMaterials());
          if (comment == null) {
            List<String> names =
                json.materials(item).stream()
                    .filter(m -> d.missingMaterials().contains(m.type()))
                    .map(Material::name)
                    .toList();
            comment = "请补充提交：" + String.join("、", names);
          }
        }
      }
      case APPROVE -> {
        if (d.amountFen() == null || d.amountFen() < 0) {
          errors.add(new Problem.FieldError("amountFen", "REQUIRED", "请填写核定金额（分），不得为负"));
        }
        YearMonth start = null;
        try {
          start = d.startMonth() == null ? null : YearMonth.parse(d.startMonth());
        } catch (DateTimeParseException e) {
          // reported below
        }
        if (start == null) {
          errors.add(new Problem.FieldError("startMonth", "REQUIRED", "请填写发放起始月份，格式 YYYY-MM"));
        }
        if (errors.isEmpty()) {
          app.amountFen = d.amountFen();
          app.startMonth = start.toString();
        }
      }
      case DENY, REJECT -> {
        if (d.reason() == null || d.reason().isBlank()) {
          errors.add(new Problem.FieldError("reason", "REQUIRED", "请填写不予批准（受理）的理由"));
        } else {
          app.decisionReason = d.reason().trim();
          // after a grant on the emergency path: the money is reclaimed; a breach is recorded
          if (app.emergencyGrantFen != null) {
            app.clawbackFen = app.emergencyGrantFen;
            app.creditBreach = Boolean.TRUE.equals(d.creditBreach());
          }
          if (comment == null) {
            comment = app.decisionReason;
          }
        }
      }
      case GRANT_EMERGENCY -> {
        if (!app.emergency) {
          throw ProblemException.conflict("NOT_EMERGENCY", "该申请未按急难程序提交，不能先行救助");
        }
        if (app.emergencyGrantFen != null) {
          throw ProblemException.conflict("EMERGENCY_ALREADY_GRANTED", "该申请已先行救助过");
        }
        if (d.amountFen() == null || d.amountFen() <= 0) {
          errors.add(new Problem.FieldError("amountFen", "REQUIRED", "请填写先行救助金额（分）"));
        } else if (item.emergencyCapFen != null && d.amountFen() > item.emergencyCapFen) {
          throw ProblemException.unprocessable(
                  "EMERGENCY_CAP_EXCEEDED",
                  "先行救助金额不能超过 " + item.emergencyCapFen / 100 + " 元，其余待审核后发放")
              .with("capFen", item.emergencyCapFen);
        } else {
          app.emergencyGrantFen = d.amountFen();
          app.emergencyGrantedAt = clock.instant();
          if (comment == null) {
            comment = "已先行发放救助金 " + yuan(d.amountFen()) + " 元，后续将补充审核";
          }
        }
      }
      case REFER -> {
        if (d.referItems() == null || d.referItems().isEmpty()) {
          errors.add(new Problem.FieldError("referItems", "REQUIRED", "请选择要转介的长效救助事项"));
        } else if (d.referItems().contains(item.code)) {
          errors.add(new Problem.FieldError("referItems", "SAME_ITEM", "不能转介到同一事项"));
        } else if (comment == null) {
          comment = "已为您转介长效救助事项，请在“我的申请”中补充信息后提交";
        }
      }
      case START_PUBLIC_NOTICE -> {
        // the proposed monthly amount is published with the notice
        if (d.amountFen() != null) {
          if (d.amountFen() < 0) {
            errors.add(new Problem.FieldError("amountFen", "MIN", "金额不得为负"));
          } else {
            app.amountFen = d.amountFen();
          }
        }
      }
      case RESOLVE_OBJECTION -> {
        if (comment == null) {
          errors.add(new Problem.FieldError("comment", "REQUIRED", "请填写异议核实情况"));
        }
      }
      case NOTE -> {
        if (d.internalNote() == null || d.internalNote().isBlank()) {
          errors.add(new Problem.FieldError("internalNote", "REQUIRED", "请填写审核情况记录"));
        }
      }
      default -> {
        // ACCEPT, START_REVIEW, START_PUBLIC_NOTICE need nothing more
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    return comment;
  }

  /**
   * Ends every public notice whose 7 days are over (no objection holds it). Called by the scheduler
   * and by tests after moving the clock. The due rows are locked with {@code FOR UPDATE SKIP
   * LOCKED} for the transaction: a second run at the same time (another instance) skips them, and
   * once this one commits they are no longer under notice.
   */
  @WithTransaction
  public Uni<Integer> endExpiredNotices() {
    return Panache.getSession()
        .chain(
            s ->
                NativeSelects.uncached(
                        s.createNativeQuery(
                            "SELECT CAST(id AS text) FROM application WHERE status ="
                                + " 'PUBLIC_NOTICE' AND notice_ends_at <= :now AND "
                                + NativeSelects.CONDITION
                                + " AND"
                                + " open_objections = 0 ORDER BY notice_ends_at LIMIT 500"
                                + " FOR UPDATE SKIP LOCKED",
                            String.class))
                    .setParameter("now", clock.instant())
                    .getResultList())
        .chain(
            ids ->
                ids.isEmpty()
                    ? Uni.createFrom().item(List.<Application>of())
                    : Application.<Application>list(
                        "id in ?1 order by noticeEndsAt",
                        ids.stream().map(UUID::fromString).toList()))
        .chain(
            apps -> {
              Uni<Integer> chain = Uni.createFrom().item(0);
              for (Application app : apps) {
                chain =
                    chain.chain(
                        n ->
                            steps
                                .item(app)
                                .chain(
                                    item ->
                                        steps.apply(
                                            app,
                                            item,
                                            new Step(
                                                Workflow.Action.END_PUBLIC_NOTICE,
                                                "SYSTEM",
                                                null,
                                                "公示期满，无异议",
                                                null)))
                                .replaceWith(n + 1));
              }
              return chain;
            });
  }

  @Scheduled(
      every = "5m",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduledNoticeEnd() {
    return endExpiredNotices()
        .invoke(n -> Log.debugf("Ended %d public notices", n))
        .onFailure()
        .invoke(e -> Log.warnf("Ending public notices failed: %s", e.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** The application when the staff member's department and regions cover it; else 404. */
  public Uni<Application> inScope(StaffScope staff, UUID id) {
    requireCaseworker(staff);
    return Application.<Application>findById(id)
        .map(
            app -> {
              if (app == null
                  || app.submittedAt == null
                  || !staff.coversDepartment(app.department)
                  || !staff.coversRegion(app.regionLineage())) {
                throw ApplicationService.notFound();
              }
              return app;
            });
  }

  private static String yuan(long fen) {
    return java.math.BigDecimal.valueOf(fen, 2).stripTrailingZeros().toPlainString();
  }

  private static void requireCaseworker(StaffScope staff) {
    if (!staff.isAdmin() && !Roles.CASEWORKER.equals(staff.role())) {
      throw ProblemException.forbidden("FORBIDDEN", "您没有权限办理救助申请");
    }
  }
}
