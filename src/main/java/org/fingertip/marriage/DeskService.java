package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fingertip.identity.CitizenRepository;
import org.fingertip.identity.PiiAccess;
import org.fingertip.identity.staff.StaffScope;
import org.fingertip.notification.Outbox;
import org.fingertip.platform.crypto.PiiCipher;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.AppClock;

/** The registry counter: the day's roster, check-in by QR token, no-shows. */
@ApplicationScoped
public class DeskService {

  private final CheckInTokens tokens;
  private final DivorceService divorces;
  private final CitizenRepository citizens;
  private final PiiAccess piiAccess;
  private final PiiCipher cipher;
  private final Outbox outbox;
  private final AppClock clock;

  public DeskService(
      CheckInTokens tokens,
      DivorceService divorces,
      CitizenRepository citizens,
      PiiAccess piiAccess,
      PiiCipher cipher,
      Outbox outbox,
      AppClock clock) {
    this.tokens = tokens;
    this.divorces = divorces;
    this.citizens = citizens;
    this.piiAccess = piiAccess;
    this.cipher = cipher;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** One line of the clerk's day list; names in full only once the couple has checked in. */
  public record RosterEntry(
      UUID appointmentId,
      LocalTime start,
      LocalTime end,
      RegistryService service,
      String serviceLabel,
      Appointment.Status status,
      String applicantName,
      String partnerName,
      Instant checkedInAt) {}

  /** The roster of an office on a date. */
  public record Roster(
      UUID officeId, String officeName, LocalDate date, List<RosterEntry> entries) {}

  @WithTransaction
  public Uni<Roster> roster(StaffScope staff, UUID officeId, LocalDate day) {
    return Office.<Office>findById(officeId)
        .chain(
            office -> {
              if (office == null || !staff.coversOffice(officeId.toString())) {
                throw OfficeService.officeNotFound();
              }
              return Appointment.<Appointment>list(
                      "officeId = ?1 and day = ?2 and status <> ?3",
                      officeId,
                      day,
                      Appointment.Status.CANCELLED)
                  .chain(
                      list ->
                          Slot.<Slot>list("officeId = ?1 and day = ?2", officeId, day)
                              .chain(
                                  ss -> {
                                    Map<UUID, Slot> sm =
                                        ss.stream()
                                            .collect(
                                                Collectors.toMap(s -> s.id, Function.identity()));
                                    List<Appointment> sorted =
                                        list.stream()
                                            .sorted(
                                                Comparator.comparing(
                                                        (Appointment a) ->
                                                            sm.get(a.slotId).startTime)
                                                    .thenComparing(a -> a.createdAt))
                                            .toList();
                                    Uni<List<RosterEntry>> entries =
                                        Uni.createFrom().item(new java.util.ArrayList<>());
                                    for (Appointment a : sorted) {
                                      entries =
                                          entries.chain(
                                              acc ->
                                                  entry(staff, a, sm.get(a.slotId))
                                                      .map(
                                                          e -> {
                                                            acc.add(e);
                                                            return acc;
                                                          }));
                                    }
                                    return entries.map(
                                        e ->
                                            new Roster(
                                                office.id, office.name, day, List.copyOf(e)));
                                  }));
            });
  }

  private Uni<RosterEntry> entry(StaffScope staff, Appointment a, Slot slot) {
    if (a.status != Appointment.Status.CHECKED_IN) {
      return citizens
          .findById(a.applicantId)
          .map(c -> entry(a, slot, c.realNameMasked, StoredPartner.orNone(a.partner).nameMasked));
    }
    // after check-in the clerk needs the names in full; the reveal is logged for the citizen
    return citizens
        .findById(a.applicantId)
        .chain(c -> piiAccess.reveal(c, staff, "婚姻登记现场办理：" + a.service.label))
        .map(
            r ->
                entry(
                    a,
                    slot,
                    r.realName(),
                    cipher.decrypt(StoredPartner.orNone(a.partner).nameEnc)));
  }

  private static RosterEntry entry(
      Appointment a, Slot slot, String applicantName, String partnerName) {
    return new RosterEntry(
        a.id,
        slot.startTime,
        slot.endTime,
        a.service,
        a.service.label,
        a.status,
        applicantName,
        partnerName,
        a.checkedInAt);
  }

  /** Validates the scanned QR token and marks the couple as arrived. */
  @WithTransaction
  public Uni<RosterEntry> checkIn(StaffScope staff, String token) {
    UUID id =
        tokens
            .verify(token)
            .orElseThrow(
                () ->
                    ProblemException.unprocessable(
                        "CHECK_IN_TOKEN_INVALID", "二维码无效，请让办事群众刷新预约二维码后重试"));
    return Appointment.<Appointment>findById(id)
        .chain(
            a -> {
              if (a == null) {
                throw ProblemException.unprocessable(
                    "CHECK_IN_TOKEN_INVALID", "二维码无效，请让办事群众刷新预约二维码后重试");
              }
              if (!staff.coversOffice(a.officeId.toString())) {
                throw ProblemException.conflict(
                    "CHECK_IN_WRONG_OFFICE", "该预约不是本登记处的预约，请引导群众前往预约的登记处");
              }
              if (a.status == Appointment.Status.CHECKED_IN) {
                throw ProblemException.conflict("CHECK_IN_ALREADY_USED", "该预约已签到，二维码不能重复使用")
                    .with(
                        "checkedInAt",
                        a.checkedInAt.atZone(AppClock.ZONE).toOffsetDateTime().toString());
              }
              if (a.status != Appointment.Status.BOOKED) {
                throw ProblemException.conflict("APPOINTMENT_NOT_ACTIVE", "该预约已取消或已记为未到，不能签到");
              }
              if (!a.day.equals(clock.today())) {
                throw ProblemException.conflict("CHECK_IN_WRONG_DAY", "该预约的日期是 " + a.day + "，不是今天")
                    .with("appointmentDate", a.day.toString());
              }
              a.status = Appointment.Status.CHECKED_IN;
              a.checkedInAt = clock.instant();
              a.checkedInBy = staff.staffId();
              Uni<Void> divorce =
                  switch (a.service) {
                    case DIVORCE_APPLICATION -> divorces.file(a);
                    case DIVORCE_CERTIFICATE -> divorces.complete(a);
                    default -> Uni.createFrom().voidItem();
                  };
              return divorce
                  .chain(() -> Slot.<Slot>findById(a.slotId))
                  .chain(slot -> entry(staff, a, slot));
            });
  }

  /** The couple did not come: counts towards the booking suspension. */
  @WithTransaction
  public Uni<RosterEntry> noShow(StaffScope staff, UUID id) {
    return Appointment.<Appointment>findById(id)
        .chain(
            a -> {
              if (a == null || !staff.coversOffice(a.officeId.toString())) {
                throw AppointmentService.appointmentNotFound();
              }
              if (a.status != Appointment.Status.BOOKED) {
                throw ProblemException.conflict("APPOINTMENT_NOT_ACTIVE", "只有未签到的预约可以记为未到");
              }
              return Slot.<Slot>findById(a.slotId)
                  .chain(
                      slot -> {
                        if (clock
                            .instant()
                            .isBefore(MarriageRules.startOf(slot.day, slot.startTime))) {
                          throw ProblemException.conflict("NO_SHOW_TOO_EARLY", "预约时间尚未到，不能记为未到");
                        }
                        a.status = Appointment.Status.NO_SHOW;
                        a.noShowAt = clock.instant();
                        return outbox
                            .record(
                                a.applicantId,
                                "MARRIAGE_NO_SHOW",
                                Map.of("date", a.day.toString(), "service", a.service.label),
                                "marriage:" + a.id + ":no-show")
                            .chain(() -> entry(staff, a, slot));
                      });
            });
  }
}
