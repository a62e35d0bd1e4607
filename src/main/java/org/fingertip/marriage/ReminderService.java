package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.notification.Outbox;
import org.fingertip.platform.web.AppClock;

/**
 * Reminders through the outbox: the day before an appointment (both spouses, if the partner is a
 * citizen), and to both spouses when the divorce certificate window opens and three days before it
 * closes. Dedup keys make every run idempotent, on any number of instances.
 */
@ApplicationScoped
public class ReminderService {

  static final int CLOSING_NOTICE_DAYS = 3;

  private final Outbox outbox;
  private final AppClock clock;

  public ReminderService(Outbox outbox, AppClock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @Scheduled(
      every = "15m",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return sendDue()
        .invoke(n -> Log.debugf("Marriage reminders recorded: %d", n))
        .onFailure()
        .invoke(e -> Log.warnf("Marriage reminders failed: %s", e.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Records every reminder due today; returns how many were considered. */
  @WithTransaction
  public Uni<Integer> sendDue() {
    LocalDate today = clock.today();
    LocalDate tomorrow = today.plusDays(1);
    return Appointment.<Appointment>list(
            "day = ?1 and status = ?2", tomorrow, Appointment.Status.BOOKED)
        .chain(
            appointments ->
                DivorceApplication.<DivorceApplication>list(
                        "status = ?1 and (filedOn = ?2 or filedOn = ?3)",
                        DivorceApplication.Status.FILED,
                        today.minusDays(31),
                        today.minusDays(60 - CLOSING_NOTICE_DAYS))
                    .chain(applications -> record(appointments, applications, today)));
  }

  private Uni<Integer> record(
      List<Appointment> appointments, List<DivorceApplication> applications, LocalDate today) {
    List<Uni<Void>> steps = new ArrayList<>();
    for (Appointment a : appointments) {
      Map<String, Object> params =
          Map.of("date", a.day.toString(), "service", a.service.label, "appointmentId", a.id);
      for (UUID who : people(a.applicantId, StoredPartner.orNone(a.partner).citizenId)) {
        steps.add(
            outbox.record(
                who, "MARRIAGE_APPOINTMENT_TOMORROW", params, "marriage:" + a.id + ":eve:" + who));
      }
    }
    for (DivorceApplication d : applications) {
      boolean opening = MarriageRules.certificateWindowStart(d.filedOn).equals(today);
      String template =
          opening ? "DIVORCE_CERTIFICATE_WINDOW_OPEN" : "DIVORCE_CERTIFICATE_WINDOW_CLOSING";
      Map<String, Object> params =
          Map.of(
              "windowStart", MarriageRules.certificateWindowStart(d.filedOn).toString(),
              "windowEnd", MarriageRules.certificateWindowEnd(d.filedOn).toString());
      for (UUID who : people(d.spouseAId, d.spouseBId)) {
        steps.add(
            outbox.record(who, template, params, "divorce:" + d.id + ":" + template + ":" + who));
      }
    }
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Uni<Void> step : steps) {
      chain = chain.chain(() -> step);
    }
    return chain.replaceWith(steps.size());
  }

  private static List<UUID> people(UUID a, UUID b) {
    List<UUID> list = new ArrayList<>();
    list.add(a);
    if (b != null) {
      list.add(b);
    }
    return list;
  }
}
