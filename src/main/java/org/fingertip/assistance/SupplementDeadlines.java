package org.fingertip.assistance;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.assistance.ApplicationSteps.Step;
import org.fingertip.notification.Outbox;
import org.fingertip.platform.database.NativeSelects;
import org.fingertip.platform.web.AppClock;

/**
 * Acts on supplement-request deadlines (补正期限): the working day before, the citizen is reminded;
 * once the deadline has passed without a resubmission, the case gets an overdue entry on its
 * timeline, the citizen is told, and the caseworker queue shows it as overdue. The case is never
 * closed automatically: a family must not lose its application to a missed date, a caseworker
 * decides.
 *
 * <p>Rows are claimed with a lease ({@code deadline_claimed_until}) under {@code FOR UPDATE SKIP
 * LOCKED}, so several instances (or two triggers at once) act once per application; a claim left by
 * an instance that died expires and the next run finishes the work. Each application is then
 * handled in its own transaction, and every notice carries a dedup key naming the request's round.
 */
@ApplicationScoped
public class SupplementDeadlines {

  static final Duration LEASE = Duration.ofMinutes(5);
  private static final int BATCH = 100;
  private static final int MAX_BATCHES = 50;

  private final ApplicationSteps steps;
  private final Outbox outbox;
  private final AppClock clock;

  public SupplementDeadlines(ApplicationSteps steps, Outbox outbox, AppClock clock) {
    this.steps = steps;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** What one run did. */
  public record Run(int reminded, int overdue) {
    Run plus(Run other) {
      return new Run(reminded + other.reminded, overdue + other.overdue);
    }
  }

  private enum Outcome {
    REMINDED,
    OVERDUE,
    NOTHING
  }

  @Scheduled(
      every = "${fingertip.assistance.deadline-job-every}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return run()
        .invoke(
            r -> {
              if (r.reminded() + r.overdue() > 0) {
                Log.infof(
                    "Supplement deadlines: %d reminded, %d marked overdue",
                    r.reminded(), r.overdue());
              }
            })
        .onFailure()
        .invoke(e -> Log.warnf("Supplement deadline job failed: %s", e.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /**
   * Claims and handles every due application, batch by batch. Called by the scheduler and tests.
   */
  public Uni<Run> run() {
    return batches(new Run(0, 0), 0);
  }

  private Uni<Run> batches(Run sofar, int round) {
    if (round >= MAX_BATCHES) {
      return Uni.createFrom().item(sofar);
    }
    return claim()
        .chain(
            ids -> {
              if (ids.isEmpty()) {
                return Uni.createFrom().item(sofar);
              }
              Uni<Run> chain = Uni.createFrom().item(sofar);
              for (UUID id : ids) {
                chain =
                    chain.chain(
                        r ->
                            handle(id)
                                .onFailure()
                                .recoverWithItem(
                                    e -> {
                                      // the lease stays: the row is retried once it expires
                                      Log.warnf("Supplement deadline of %s failed: %s", id, e);
                                      return Outcome.NOTHING;
                                    })
                                .map(
                                    o ->
                                        r.plus(
                                            new Run(
                                                o == Outcome.REMINDED ? 1 : 0,
                                                o == Outcome.OVERDUE ? 1 : 0))));
              }
              return chain.chain(r -> batches(r, round + 1));
            });
  }

  /**
   * Takes a lease on due rows nobody holds: a reminder not yet sent whose day has come, or a
   * deadline passed and not yet marked. Rows another transaction is claiming are skipped.
   */
  @WithTransaction
  Uni<List<UUID>> claim() {
    Instant now = clock.instant();
    LocalDate today = clock.today();
    return Panache.getSession()
        .chain(
            s ->
                NativeSelects.uncached(
                        s.createNativeQuery(
                            "UPDATE application SET deadline_claimed_until = :until WHERE id IN ("
                                + " SELECT id FROM application WHERE status = 'SUPPLEMENT_REQUESTED' AND "
                                + NativeSelects.CONDITION
                                + ""
                                + " AND due_date IS NOT NULL"
                                + " AND ((supplement_reminded_at IS NULL AND supplement_remind_on <= :today"
                                + "       AND due_date >= :today)"
                                + "   OR (supplement_overdue_at IS NULL AND due_date < :today))"
                                + " AND (deadline_claimed_until IS NULL OR deadline_claimed_until < :now)"
                                + " ORDER BY due_date LIMIT :limit FOR UPDATE SKIP LOCKED)"
                                + " RETURNING CAST(id AS text)",
                            String.class))
                    .setParameter("until", now.plus(LEASE))
                    .setParameter("today", today)
                    .setParameter("now", now)
                    .setParameter("limit", BATCH)
                    .getResultList())
        .map(rows -> rows.stream().map(UUID::fromString).toList());
  }

  /**
   * Handles one claimed application in its own transaction and releases the lease. The state is
   * checked again here; the entity's version makes a late duplicate fail instead of acting twice.
   */
  @WithTransaction
  Uni<Outcome> handle(UUID id) {
    return Application.<Application>findById(id)
        .chain(
            app -> {
              if (app == null) {
                return Uni.createFrom().item(Outcome.NOTHING);
              }
              LocalDate today = clock.today();
              Uni<Outcome> work;
              if (app.status != ApplicationStatus.SUPPLEMENT_REQUESTED || app.dueDate == null) {
                work = Uni.createFrom().item(Outcome.NOTHING);
              } else if (app.dueDate.isBefore(today) && app.supplementOverdueAt == null) {
                work = overdue(app);
              } else if (app.supplementRemindedAt == null
                  && app.supplementRemindOn != null
                  && !app.supplementRemindOn.isAfter(today)
                  && !app.dueDate.isBefore(today)) {
                work = remind(app);
              } else {
                work = Uni.createFrom().item(Outcome.NOTHING);
              }
              return work.invoke(() -> app.deadlineClaimedUntil = null);
            });
  }

  private Uni<Outcome> remind(Application app) {
    app.supplementRemindedAt = clock.instant();
    return steps
        .item(app)
        .chain(
            item ->
                outbox.record(
                    app.subjectId,
                    "APPLICATION_SUPPLEMENT_DUE",
                    Map.of(
                        "applicationId",
                        app.id.toString(),
                        "itemName",
                        item.name,
                        "dueDate",
                        app.dueDate.toString(),
                        "title",
                        "补正材料提醒",
                        "body",
                        "请于"
                            + monthDay(app.dueDate)
                            + "前补正材料（"
                            + item.name
                            + "），逾期未补正的，工作人员将与您联系。"),
                    dedupKey(app, "reminder")))
        .replaceWith(Outcome.REMINDED);
  }

  private Uni<Outcome> overdue(Application app) {
    app.supplementOverdueAt = clock.instant();
    // a reminder that never went out is not sent late: the overdue notice replaces it
    if (app.supplementRemindedAt == null) {
      app.supplementRemindedAt = app.supplementOverdueAt;
    }
    String due = monthDay(app.dueDate);
    return steps
        .item(app)
        .chain(
            item ->
                steps
                    .apply(
                        app,
                        item,
                        new Step(
                            Workflow.Action.SUPPLEMENT_OVERDUE,
                            "SYSTEM",
                            null,
                            "补正期限（" + due + "）已过，您仍可补正材料后重新提交，工作人员将与您联系",
                            null))
                    .chain(
                        a ->
                            outbox.record(
                                app.subjectId,
                                "APPLICATION_SUPPLEMENT_OVERDUE",
                                Map.of(
                                    "applicationId",
                                    app.id.toString(),
                                    "itemName",
                                    item.name,
                                    "dueDate",
                                    app.dueDate.toString(),
                                    "title",
                                    "补正材料已逾期",
                                    "body",
                                    "您申请的"
                                        + item.name
                                        + "补正期限（"
                                        + due
                                        + "）已过。申请不会因此被关闭，您仍可补正材料后重新提交，工作人员将与您联系。"),
                                dedupKey(app, "overdue"))))
        .replaceWith(Outcome.OVERDUE);
  }

  static String dedupKey(Application app, String what) {
    return "application:" + app.id + ":supplement:" + app.supplementRound + ":" + what;
  }

  private static String monthDay(LocalDate date) {
    return date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
  }
}
