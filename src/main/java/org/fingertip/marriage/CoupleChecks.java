package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fingertip.identity.Citizen;
import org.fingertip.identity.CitizenRepository;
import org.fingertip.identity.IdNumber;
import org.fingertip.identity.IdentityService;
import org.fingertip.platform.crypto.PiiCipher;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.AppClock;

/**
 * The checks a first-come booking, a waitlist place and a lottery entry make of the couple: the
 * partner as named, the per-person lock, suspension after no-shows, and no other active booking of
 * the service by either spouse. One place, so a booking and a lottery entry of the same people are
 * serialised by the same lock and refused with the same codes.
 */
@ApplicationScoped
class CoupleChecks {

  private final CitizenRepository citizens;
  private final PiiCipher cipher;
  private final AppClock clock;

  CoupleChecks(CitizenRepository citizens, PiiCipher cipher, AppClock clock) {
    this.citizens = citizens;
    this.cipher = cipher;
    this.clock = clock;
  }

  /**
   * The partner as named in a request, after the service and (when the service needs one) the
   * partner were given; the caller's own field errors come in {@code errors} and are reported
   * together with these.
   */
  PartnerIdentity partner(
      RegistryService service,
      AppointmentService.Partner partner,
      List<Problem.FieldError> errors) {
    if (service == null) {
      errors.add(new Problem.FieldError("service", "REQUIRED", "请选择办理的业务"));
    }
    if (service != null
        && service.needsPartner
        && (partner == null || partner.idNumber() == null)) {
      errors.add(new Problem.FieldError("partner", "REQUIRED", "请填写对方的姓名和身份证号"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    if (partner == null || partner.idNumber() == null) {
      return new PartnerIdentity(null, null, null);
    }
    String name = IdentityService.validRealName(partner.realName());
    IdNumber id = IdentityService.parseIdNumber(partner.idNumber(), clock.today());
    return new PartnerIdentity(name, id, cipher.blindIndex(id.value()));
  }

  /**
   * Takes both people's locks ({@link #lockPeople}) and refuses when either already holds an active
   * booking for the service; returns their blind indexes (the partner's only when there is one).
   */
  Uni<List<String>> lockCouple(RegistryService service, String applicantHash, String partnerHash) {
    List<String> hashes =
        partnerHash == null ? List.of(applicantHash) : List.of(applicantHash, partnerHash);
    return lockPeople(hashes)
        .chain(() -> requireNoActiveBooking(service, hashes, applicantHash, null))
        .replaceWith(hashes);
  }

  /**
   * Serialises bookings of the same people (across instances) for the duplicate check: one
   * statement takes the transaction-scoped advisory locks in sorted order (PostgreSQL evaluates the
   * select list left to right), so two bookings sharing a person never wait on each other in
   * opposite orders. Run as a non-select statement: Hibernate's plan cache keeps a new entry for
   * every execution of a native SELECT without a registered result mapping.
   */
  static Uni<Void> lockPeople(List<String> hashes) {
    List<String> sorted = hashes.stream().sorted().distinct().toList();
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < sorted.size(); i++) {
      sql.append(i == 0 ? "" : ", ")
          .append("pg_advisory_xact_lock(hashtextextended(:k")
          .append(i)
          .append(", 6))");
    }
    return Panache.getSession()
        .chain(
            s -> {
              var q = s.createNativeQuery(sql.toString());
              for (int i = 0; i < sorted.size(); i++) {
                q.setParameter("k" + i, "marriage:" + sorted.get(i));
              }
              return q.executeUpdate();
            })
        .replaceWithVoid();
  }

  Uni<Void> requireNoActiveBooking(
      RegistryService service, List<String> hashes, String applicantHash, UUID except) {
    // one or two people, spelled out: Hibernate does not cache the plan of a query with a
    // multi-valued (IN list) parameter and translates it again on every execution
    List<Object> params =
        new ArrayList<>(List.of(service, Appointment.Status.BOOKED, clock.today()));
    StringBuilder people = new StringBuilder();
    for (int i = 0; i < hashes.size(); i++) {
      int n = params.size() + 1;
      people
          .append(i == 0 ? "" : " or ")
          .append("applicantIdHash = ?")
          .append(n)
          .append(" or partner.idHash = ?")
          .append(n);
      params.add(hashes.get(i));
    }
    return Appointment.<Appointment>list(
            "service = ?1 and status = ?2 and day >= ?3 and (" + people + ")", params.toArray())
        .map(
            existing -> {
              for (Appointment e : existing) {
                if (e.id.equals(except)) {
                  continue;
                }
                boolean applicantHolds =
                    applicantHash.equals(e.applicantIdHash)
                        || applicantHash.equals(StoredPartner.orNone(e.partner).idHash);
                throw ProblemException.conflict(
                        "ACTIVE_BOOKING_EXISTS",
                        applicantHolds
                            ? "您已有一个未办理的" + service.label + "预约，请先办理或取消"
                            : "对方已有一个未办理的" + service.label + "预约，请先办理或取消")
                    .with("party", applicantHolds ? "APPLICANT" : "PARTNER")
                    .with("appointmentDate", e.day.toString());
              }
              return null;
            })
        .replaceWithVoid();
  }

  Uni<Void> requireNotSuspended(UUID me, LocalDate today) {
    LocalDate since =
        today.minusDays(MarriageRules.NO_SHOW_WINDOW_DAYS + MarriageRules.SUSPENSION_DAYS);
    return Appointment.<Appointment>list(
            "applicantId = ?1 and status = ?2 and day >= ?3", me, Appointment.Status.NO_SHOW, since)
        .map(
            list -> {
              MarriageRules.suspendedUntil(list.stream().map(a -> a.day).toList(), today)
                  .ifPresent(
                      until -> {
                        throw ProblemException.conflict(
                                "BOOKING_SUSPENDED",
                                "您在 180 天内有 3 次预约未到，" + until + " 前暂停网上预约和摇号报名，如有疑问请致电登记处")
                            .with("suspendedUntil", until.toString());
                      });
              return null;
            })
        .replaceWithVoid();
  }

  Uni<Citizen> partnerCitizen(PartnerIdentity parsed) {
    if (parsed.partnerHash() == null) {
      return Uni.createFrom().nullItem();
    }
    return citizens
        .findByIdNumberHash(parsed.partnerHash())
        .invoke(
            c -> {
              if (c != null
                  && c.realNameEnc != null
                  && !parsed.partnerName().equals(cipher.decrypt(c.realNameEnc))) {
                throw ProblemException.unprocessable("PARTNER_MISMATCH", "对方姓名与身份证号不匹配，请核对后重试");
              }
            });
  }
}
