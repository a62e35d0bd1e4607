package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.notification.Outbox;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.AppClock;

/**
 * Divorce by agreement (Civil Code art. 1077): the application filed at the counter starts 30 days
 * in which either spouse may withdraw it; the certificate can then be collected from day 31 to day
 * 60; afterwards the application is deemed withdrawn (lapsed).
 */
@ApplicationScoped
public class DivorceService {

  private final Outbox outbox;
  private final AppClock clock;

  public DivorceService(Outbox outbox, AppClock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  /** An application as a spouse sees it. */
  public record DivorceView(
      UUID id,
      LocalDate filedOn,
      DivorceApplication.Status status,
      LocalDate lastWithdrawalDay,
      LocalDate certificateFrom,
      LocalDate certificateUntil,
      Instant withdrawnAt) {}

  /** The couple, whoever of the two books: both blind indexes, sorted. */
  public static String coupleKey(String hashA, String hashB) {
    if (hashB == null) {
      return hashA + ":";
    }
    return hashA.compareTo(hashB) <= 0 ? hashA + ":" + hashB : hashB + ":" + hashA;
  }

  /** Refuses a certificate booking outside the couple's window, stating the window's dates. */
  Uni<Void> requireCertificateWindow(String coupleKey, LocalDate slotDay) {
    return lapseOverdue()
        .chain(
            () ->
                DivorceApplication.<DivorceApplication>find(
                        "coupleKey = ?1 and status = ?2 order by filedOn desc",
                        coupleKey,
                        DivorceApplication.Status.FILED)
                    .<DivorceApplication>firstResult())
        .map(
            (DivorceApplication app) -> {
              if (app == null) {
                throw ProblemException.conflict(
                    "DIVORCE_APPLICATION_REQUIRED", "未找到你们有效的离婚登记申请：请先到登记处提交申请，冷静期满后再预约领证");
              }
              LocalDate from = MarriageRules.certificateWindowStart(app.filedOn);
              LocalDate until = MarriageRules.certificateWindowEnd(app.filedOn);
              if (slotDay.isBefore(from) || slotDay.isAfter(until)) {
                throw ProblemException.conflict(
                        "OUTSIDE_CERTIFICATE_WINDOW",
                        "离婚冷静期内不能领证：请在 " + from + " 至 " + until + " 之间预约领取离婚证")
                    .with("windowStart", from.toString())
                    .with("windowEnd", until.toString());
              }
              return null;
            })
        .replaceWithVoid();
  }

  /** At the counter: the application is filed on the appointment's day. */
  Uni<Void> file(Appointment a) {
    DivorceApplication d = new DivorceApplication();
    d.id = UUID.randomUUID();
    d.appointmentId = a.id;
    d.coupleKey = coupleKey(a.applicantIdHash, StoredPartner.orNone(a.partner).idHash);
    d.spouseAId = a.applicantId;
    d.spouseBId = StoredPartner.orNone(a.partner).citizenId;
    d.filedOn = a.day;
    d.status = DivorceApplication.Status.FILED;
    return d.persist().replaceWithVoid();
  }

  /** At the counter: the certificate was collected. */
  Uni<Void> complete(Appointment a) {
    return DivorceApplication.update(
            "status = ?1, completedAt = ?2 where coupleKey = ?3 and status = ?4",
            DivorceApplication.Status.COMPLETED,
            clock.instant(),
            coupleKey(a.applicantIdHash, StoredPartner.orNone(a.partner).idHash),
            DivorceApplication.Status.FILED)
        .replaceWithVoid();
  }

  /** Applications past day 60 without a certificate are deemed withdrawn. */
  @WithTransaction
  public Uni<Integer> lapseOverdue() {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE marriage_divorce_application SET status = 'LAPSED'"
                            + " WHERE status = 'FILED' AND filed_on < :limit")
                    .setParameter("limit", clock.today().minusDays(60))
                    .executeUpdate());
  }

  @WithTransaction
  public Uni<List<DivorceView>> mine(UUID me) {
    return lapseOverdue()
        .chain(
            () ->
                DivorceApplication.<DivorceApplication>list(
                    "spouseAId = ?1 or spouseBId = ?1 order by filedOn desc", me))
        .map(list -> list.stream().map(DivorceService::view).toList());
  }

  /** Either spouse withdraws during the 30 days; the other is told. */
  @WithTransaction
  public Uni<DivorceView> withdraw(UUID me, UUID id) {
    return lapseOverdue()
        .chain(() -> DivorceApplication.<DivorceApplication>findById(id))
        .chain(
            d -> {
              if (d == null || !d.involves(me)) {
                throw ProblemException.notFound("DIVORCE_APPLICATION_NOT_FOUND", "未找到该离婚登记申请");
              }
              if (d.status != DivorceApplication.Status.FILED) {
                throw ProblemException.conflict("DIVORCE_APPLICATION_NOT_ACTIVE", "该申请已撤回、已失效或已办结");
              }
              LocalDate last = MarriageRules.lastWithdrawalDay(d.filedOn);
              if (clock.today().isAfter(last)) {
                throw ProblemException.conflict(
                        "COOLING_OFF_OVER", "冷静期已于 " + last + " 结束，不能再在线撤回申请")
                    .with("lastWithdrawalDay", last.toString());
              }
              d.status = DivorceApplication.Status.WITHDRAWN;
              d.withdrawnAt = clock.instant();
              d.withdrawnBy = me;
              UUID other = me.equals(d.spouseAId) ? d.spouseBId : d.spouseAId;
              Uni<Void> notify =
                  other == null
                      ? Uni.createFrom().voidItem()
                      : outbox.record(
                          other,
                          "DIVORCE_APPLICATION_WITHDRAWN",
                          Map.of("filedOn", d.filedOn.toString()),
                          "divorce:" + d.id + ":withdrawn");
              return notify.replaceWith(() -> view(d));
            });
  }

  static DivorceView view(DivorceApplication d) {
    return new DivorceView(
        d.id,
        d.filedOn,
        d.status,
        MarriageRules.lastWithdrawalDay(d.filedOn),
        MarriageRules.certificateWindowStart(d.filedOn),
        MarriageRules.certificateWindowEnd(d.filedOn),
        d.withdrawnAt);
  }
}
