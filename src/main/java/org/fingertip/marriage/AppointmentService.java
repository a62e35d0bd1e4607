package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fingertip.identity.Citizen;
import org.fingertip.identity.CitizenRepository;
import org.fingertip.identity.IdNumber;
import org.fingertip.identity.IdentityService;
import org.fingertip.notification.Outbox;
import org.fingertip.platform.crypto.PiiCipher;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.AppClock;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;

/**
 * Booking, cancelling and moving appointments. Every check has its own problem code; the place is
 * taken last, with one conditional UPDATE inside the booking transaction, so a refused booking
 * leaves nothing behind and a full slot is never overbooked.
 */
@ApplicationScoped
public class AppointmentService {

  private final SlotRepository slots;
  private final CitizenRepository citizens;
  private final DivorceService divorces;
  private final WaitlistOffers waitlist;
  private final OfficeService offices;
  private final CheckInTokens tokens;
  private final PiiCipher cipher;
  private final Outbox outbox;
  private final MarriageConfig config;
  private final CoupleChecks couples;
  private final AppClock clock;

  public AppointmentService(
      SlotRepository slots,
      CitizenRepository citizens,
      DivorceService divorces,
      WaitlistOffers waitlist,
      OfficeService offices,
      CheckInTokens tokens,
      PiiCipher cipher,
      Outbox outbox,
      MarriageConfig config,
      CoupleChecks couples,
      AppClock clock) {
    this.couples = couples;
    this.slots = slots;
    this.citizens = citizens;
    this.divorces = divorces;
    this.waitlist = waitlist;
    this.offices = offices;
    this.tokens = tokens;
    this.cipher = cipher;
    this.outbox = outbox;
    this.config = config;
    this.clock = clock;
  }

  /** The other spouse, as the applicant names them. */
  public record Partner(String realName, String idNumber) {}

  /** A booking request. */
  public record Booking(UUID officeId, UUID slotId, RegistryService service, Partner partner) {}

  /** An appointment as one of its two people sees it. */
  public record AppointmentView(
      UUID id,
      String role,
      UUID officeId,
      String officeName,
      String officeAddress,
      UUID slotId,
      LocalDate date,
      LocalTime start,
      LocalTime end,
      RegistryService service,
      String serviceLabel,
      Appointment.Status status,
      String applicantName,
      String partnerName,
      String partnerIdNumber,
      String checkInToken,
      Instant changeableUntil,
      Instant createdAt,
      Instant checkedInAt) {}

  /**
   * Books a place. The checks run cheapest first: the request itself, then the slot and its office
   * (one statement), so that in a rush a full slot is refused with {@code SLOT_FULL} before any
   * other look-up, lock or decryption. The read of {@code booked} only decides to refuse early; a
   * winner still takes the place with the conditional UPDATE in {@link #takeOrRefuse}, the only
   * guard against overbooking.
   */
  @WithTransaction
  public Uni<AppointmentView> book(UUID me, Booking request) {
    PartnerIdentity parsed = parse(request);
    LocalDate today = clock.today();
    return slotWithOffice(request.slotId())
        .chain(
            found -> {
              if (found == null || !found.slot().officeId.equals(request.officeId())) {
                throw slotNotFound();
              }
              Slot slot = found.slot();
              Office office = found.office();
              checkSlot(office, slot, request.service());
              if (slot.booked >= slot.capacity) {
                return slotFull(office, slot);
              }
              return citizens
                  .findById(me)
                  .chain(
                      applicant -> {
                        if (applicant == null || !applicant.verified()) {
                          throw ProblemException.conflict(
                              "IDENTITY_NOT_VERIFIED", "请先完成实名认证，再预约婚姻登记");
                        }
                        if (parsed.partnerHash() != null
                            && parsed.partnerHash().equals(applicant.idNumberHash)) {
                          throw ProblemException.invalidField(
                              "partner.idNumber", "PARTNER_IS_SELF", "对方的身份证号不能与您本人相同");
                        }
                        checkAge(request.service(), applicant, parsed.partnerId(), slot.day);
                        return couples
                            .requireNotSuspended(me, today)
                            .chain(() -> couples.partnerCitizen(parsed))
                            .chain(
                                partner ->
                                    reserve(
                                        applicant,
                                        partner,
                                        parsed,
                                        office,
                                        slot,
                                        request.service()));
                      });
            });
  }

  private record SlotAndOffice(Slot slot, Office office) {}

  /** The slot and its office in one statement; null when the slot does not exist. */
  private Uni<SlotAndOffice> slotWithOffice(UUID slotId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createQuery(
                        "select s, o from Slot s, Office o where s.id = :id and o.id = s.officeId",
                        Object[].class)
                    .setParameter("id", slotId)
                    .getResultList())
        .map(
            rows ->
                rows.isEmpty()
                    ? null
                    : new SlotAndOffice((Slot) rows.get(0)[0], (Office) rows.get(0)[1]));
  }

  private Uni<AppointmentView> reserve(
      Citizen applicant,
      Citizen partner,
      PartnerIdentity parsed,
      Office office,
      Slot slot,
      RegistryService service) {
    return couples
        .lockCouple(service, applicant.idNumberHash, parsed.partnerHash())
        .chain(
            () ->
                service == RegistryService.DIVORCE_CERTIFICATE
                    ? divorces.requireCertificateWindow(
                        DivorceService.coupleKey(applicant.idNumberHash, parsed.partnerHash()),
                        slot.day)
                    : Uni.createFrom().voidItem())
        .chain(() -> takeOrRefuse(office, slot))
        .chain(
            () -> {
              Appointment a = new Appointment();
              a.id = UUID.randomUUID();
              a.officeId = office.id;
              a.slotId = slot.id;
              a.day = slot.day;
              a.service = service;
              a.applicantId = applicant.id;
              a.applicantIdHash = applicant.idNumberHash;
              a.partner = StoredPartner.of(parsed, partner, cipher);
              a.status = Appointment.Status.BOOKED;
              a.createdAt = clock.instant();
              return a.persist()
                  .chain(
                      () ->
                          partner == null || partner.offline
                              ? Uni.createFrom().voidItem()
                              : outbox.record(
                                  partner.id,
                                  "MARRIAGE_BOOKED_WITH_YOU",
                                  Map.of(
                                      "applicantName", applicant.realNameMasked,
                                      "service", service.label,
                                      "office", office.name,
                                      "date", slot.day.toString(),
                                      "start", slot.startTime.toString()),
                                  "marriage:" + a.id + ":booked:" + partner.id))
                  .replaceWith(() -> view(a, applicant.id, office, slot, applicant.realNameMasked));
            });
  }

  /** A place in a slot's waitlist, as its citizen sees it. */
  public record WaitlistView(
      UUID id,
      UUID slotId,
      UUID officeId,
      LocalDate date,
      LocalTime start,
      RegistryService service,
      WaitlistEntry.Status status,
      Long position,
      Instant holdUntil,
      UUID appointmentId) {}

  /** Joins the waitlist of a full slot, after the same checks as a booking. */
  @WithTransaction
  public Uni<WaitlistView> joinWaitlist(
      UUID me, UUID slotId, RegistryService service, Partner partner) {
    return slots
        .findById(slotId)
        .chain(
            slot -> {
              if (slot == null) {
                throw slotNotFound();
              }
              PartnerIdentity parsed = parse(new Booking(slot.officeId, slotId, service, partner));
              return citizens
                  .findById(me)
                  .chain(
                      applicant -> {
                        if (applicant == null || !applicant.verified()) {
                          throw ProblemException.conflict(
                              "IDENTITY_NOT_VERIFIED", "请先完成实名认证，再预约婚姻登记");
                        }
                        if (applicant.idNumberHash.equals(parsed.partnerHash())) {
                          throw ProblemException.invalidField(
                              "partner.idNumber", "PARTNER_IS_SELF", "对方的身份证号不能与您本人相同");
                        }
                        return couples
                            .requireNotSuspended(me, clock.today())
                            .chain(() -> Office.<Office>findById(slot.officeId))
                            .chain(
                                office -> {
                                  checkSlot(office, slot, service);
                                  checkAge(service, applicant, parsed.partnerId(), slot.day);
                                  if (slot.booked < slot.capacity) {
                                    throw ProblemException.conflict(
                                        "SLOT_HAS_PLACES", "该时段还有名额，请直接预约");
                                  }
                                  return couples
                                      .partnerCitizen(parsed)
                                      .chain(
                                          p ->
                                              couples
                                                  .lockCouple(
                                                      service,
                                                      applicant.idNumberHash,
                                                      parsed.partnerHash())
                                                  .chain(
                                                      () ->
                                                          WaitlistEntry.count(
                                                              "slotId = ?1 and citizenId = ?2 and"
                                                                  + " status in ?3",
                                                              slotId,
                                                              me,
                                                              List.of(
                                                                  WaitlistEntry.Status.WAITING,
                                                                  WaitlistEntry.Status.OFFERED)))
                                                  .chain(
                                                      n -> {
                                                        if (n > 0) {
                                                          throw ProblemException.conflict(
                                                              "ALREADY_WAITLISTED", "您已在该时段的候补队列中");
                                                        }
                                                        return enqueue(
                                                            applicant, p, parsed, slot, service);
                                                      }));
                                });
                      });
            });
  }

  private Uni<WaitlistView> enqueue(
      Citizen applicant,
      Citizen partner,
      PartnerIdentity parsed,
      Slot slot,
      RegistryService service) {
    WaitlistEntry e = new WaitlistEntry();
    e.id = UUID.randomUUID();
    e.slotId = slot.id;
    e.officeId = slot.officeId;
    e.service = service;
    e.citizenId = applicant.id;
    e.applicantIdHash = applicant.idNumberHash;
    e.partner = StoredPartner.of(parsed, partner, cipher);
    e.status = WaitlistEntry.Status.WAITING;
    e.createdAt = clock.instant();
    return e.persist()
        .chain(() -> Panache.getSession().chain(s -> s.flush()))
        .chain(() -> waitlistView(e.id));
  }

  /** Takes the place held for me: the slot's counter already includes it. */
  @WithTransaction
  public Uni<AppointmentView> claim(UUID me, UUID entryId) {
    Instant now = clock.instant();
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE marriage_waitlist SET status = 'CLAIMED' WHERE id = :id"
                            + " AND citizen_id = :me AND status = 'OFFERED' AND hold_until > :now")
                    // a list: no cached plan (NativeSelects)
                    .setParameter("id", List.of(entryId))
                    .setParameter("me", me)
                    .setParameter("now", now)
                    .executeUpdate())
        .chain(
            claimed ->
                WaitlistEntry.<WaitlistEntry>findById(entryId)
                    .chain(
                        e -> {
                          if (e == null || !e.citizenId.equals(me)) {
                            throw waitlistNotFound();
                          }
                          if (claimed == 0) {
                            throw switch (e.status) {
                              case WAITING ->
                                  ProblemException.conflict("NOT_OFFERED_YET", "还没有轮到您，请留意候补通知");
                              case OFFERED, EXPIRED ->
                                  ProblemException.conflict(
                                      "HOLD_EXPIRED", "为您保留的名额已过期，已顺延给下一位候补者");
                              default ->
                                  ProblemException.conflict("WAITLIST_ENTRY_NOT_ACTIVE", "该候补已结束");
                            };
                          }
                          return fromHold(e);
                        }));
  }

  private Uni<AppointmentView> fromHold(WaitlistEntry e) {
    return couples
        .lockCouple(e.service, e.applicantIdHash, StoredPartner.orNone(e.partner).idHash)
        .chain(() -> slots.findById(e.slotId))
        .chain(
            slot -> {
              Appointment a = new Appointment();
              a.id = UUID.randomUUID();
              a.officeId = e.officeId;
              a.slotId = e.slotId;
              a.day = slot.day;
              a.service = e.service;
              a.applicantId = e.citizenId;
              a.applicantIdHash = e.applicantIdHash;
              a.partner = StoredPartner.copyOf(e.partner);
              a.status = Appointment.Status.BOOKED;
              a.createdAt = clock.instant();
              e.status = WaitlistEntry.Status.CLAIMED;
              e.appointmentId = a.id;
              return a.persist().chain(() -> views(List.of(a), e.citizenId)).map(l -> l.get(0));
            });
  }

  /** Leaves the line; a held place passes on at once. */
  @WithTransaction
  public Uni<WaitlistView> leaveWaitlist(UUID me, UUID entryId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE marriage_waitlist SET status = 'LEFT' WHERE id IN (:id)"
                            + " AND citizen_id = :me AND status IN ('WAITING', 'OFFERED')"
                            + " RETURNING CAST(hold_until IS NOT NULL AS text)",
                        String.class)
                    .setParameter("id", entryId)
                    .setParameter("me", me)
                    .getResultList())
        .chain(
            (List<String> rows) ->
                WaitlistEntry.<WaitlistEntry>findById(entryId)
                    .chain(
                        e -> {
                          if (e == null || !e.citizenId.equals(me)) {
                            throw waitlistNotFound();
                          }
                          if (rows.isEmpty()) {
                            throw ProblemException.conflict("WAITLIST_ENTRY_NOT_ACTIVE", "该候补已结束");
                          }
                          Uni<Void> pass =
                              "true".equals(rows.get(0))
                                  ? waitlist.placeFreed(e.slotId)
                                  : Uni.createFrom().voidItem();
                          return pass.chain(() -> waitlistView(entryId));
                        }));
  }

  @WithSession
  public Uni<List<WaitlistView>> myWaitlist(UUID me) {
    return WaitlistEntry.<WaitlistEntry>list("citizenId = ?1 order by createdAt desc", me)
        .chain(
            list -> {
              Uni<List<WaitlistView>> acc = Uni.createFrom().item(new ArrayList<>());
              for (WaitlistEntry e : list) {
                acc =
                    acc.chain(
                        l ->
                            waitlistView(e.id)
                                .map(
                                    v -> {
                                      l.add(v);
                                      return l;
                                    }));
              }
              return acc;
            });
  }

  private Uni<WaitlistView> waitlistView(UUID entryId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "SELECT w.status, w.hold_until, w.appointment_id, s.day, s.start_time,"
                            + " (SELECT count(*) FROM marriage_waitlist q WHERE q.slot_id ="
                            + " w.slot_id AND q.status = 'WAITING' AND q.position <= w.position),"
                            + " w.slot_id, w.office_id, w.service FROM marriage_waitlist w JOIN"
                            + " marriage_slot s ON s.id = w.slot_id WHERE w.id IN (:id)",
                        Object[].class)
                    // a list: no cached plan (NativeSelects)
                    .setParameter("id", List.of(entryId))
                    .getSingleResult())
        .map(
            r -> {
              WaitlistEntry.Status status = WaitlistEntry.Status.valueOf((String) r[0]);
              return new WaitlistView(
                  entryId,
                  (UUID) r[6],
                  (UUID) r[7],
                  toDate(r[3]),
                  toTime(r[4]),
                  RegistryService.valueOf((String) r[8]),
                  status,
                  status == WaitlistEntry.Status.WAITING ? ((Number) r[5]).longValue() : null,
                  toInstant(r[1]),
                  (UUID) r[2]);
            });
  }

  private static LocalDate toDate(Object o) {
    return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
  }

  private static LocalTime toTime(Object o) {
    return o instanceof java.sql.Time t ? t.toLocalTime() : (LocalTime) o;
  }

  private static Instant toInstant(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (o instanceof java.sql.Timestamp ts) {
      return ts.toInstant();
    }
    return (Instant) o;
  }

  static ProblemException waitlistNotFound() {
    return ProblemException.notFound("WAITLIST_ENTRY_NOT_FOUND", "未找到该候补记录");
  }

  @WithSession
  public Uni<Page<AppointmentView>> mine(UUID me, PageRequest page) {
    return Appointment.count("applicantId = ?1 or partner.citizenId = ?1", me)
        .chain(
            total ->
                Appointment.<Appointment>find(
                        "applicantId = ?1 or partner.citizenId = ?1 order by day desc, createdAt desc",
                        me)
                    .page(page.page() - 1, page.size())
                    .list()
                    .chain(list -> views(list, me))
                    .map(items -> Page.of(items, page, total)));
  }

  @WithSession
  public Uni<AppointmentView> get(UUID me, UUID id) {
    return mineOr404(me, id).chain(a -> views(List.of(a), me)).map(l -> l.get(0));
  }

  /** Cancels until the cutoff before the slot; the place is free again at once. */
  @WithTransaction
  public Uni<AppointmentView> cancel(UUID me, UUID id) {
    return mineOr404(me, id)
        .chain(
            a -> {
              requireBooked(a);
              return slots
                  .findById(a.slotId)
                  .chain(
                      slot -> {
                        requireBeforeCutoff(slot);
                        a.status = Appointment.Status.CANCELLED;
                        a.cancelledAt = clock.instant();
                        return waitlist.placeFreed(slot.id);
                      })
                  .chain(() -> views(List.of(a), me))
                  .map(l -> l.get(0));
            });
  }

  /**
   * Moves to another slot: the new place is taken before the old is given back, in one transaction;
   * if the new slot is full nothing changes.
   */
  @WithTransaction
  public Uni<AppointmentView> reschedule(UUID me, UUID id, UUID newSlotId) {
    if (newSlotId == null) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("slotId", "REQUIRED", "请选择新的时段"));
    }
    return mineOr404(me, id)
        .chain(
            a -> {
              requireBooked(a);
              if (a.slotId.equals(newSlotId)) {
                throw ProblemException.conflict("SAME_SLOT", "新时段与原预约相同");
              }
              return slots
                  .findById(a.slotId)
                  .invoke(this::requireBeforeCutoff)
                  .chain(() -> slots.findById(newSlotId))
                  .chain(
                      slot -> {
                        if (slot == null) {
                          throw slotNotFound();
                        }
                        return Office.<Office>findById(slot.officeId)
                            .chain(office -> moveTo(me, a, office, slot));
                      });
            });
  }

  private Uni<AppointmentView> moveTo(UUID me, Appointment a, Office office, Slot slot) {
    checkSlot(office, slot, a.service);
    return citizens
        .findById(a.applicantId)
        .chain(
            applicant -> {
              IdNumber partnerId =
                  StoredPartner.orNone(a.partner).idEnc == null
                      ? null
                      : IdentityService.parseIdNumber(
                          cipher.decrypt(StoredPartner.orNone(a.partner).idEnc), clock.today());
              checkAge(a.service, applicant, partnerId, slot.day);
              Uni<Void> window =
                  a.service == RegistryService.DIVORCE_CERTIFICATE
                      ? divorces.requireCertificateWindow(
                          DivorceService.coupleKey(
                              a.applicantIdHash, StoredPartner.orNone(a.partner).idHash),
                          slot.day)
                      : Uni.createFrom().voidItem();
              UUID oldSlot = a.slotId;
              return window
                  .chain(() -> takeOrRefuse(office, slot))
                  .chain(() -> waitlist.placeFreed(oldSlot))
                  .invoke(
                      () -> {
                        a.slotId = slot.id;
                        a.officeId = office.id;
                        a.day = slot.day;
                      })
                  .chain(() -> views(List.of(a), me))
                  .map(l -> l.get(0));
            });
  }

  private Uni<Void> takeOrRefuse(Office office, Slot slot) {
    return slots
        .takePlace(slot.id)
        .chain(taken -> taken ? Uni.createFrom().voidItem() : slotFull(office, slot));
  }

  /** How long a computed {@code nextAvailable} list is served as it is. */
  static final Duration HINT_FRESH = Duration.ofSeconds(1);

  /** While one request refreshes an expired list, the others may still use it up to this age. */
  static final Duration HINT_MAX_AGE = Duration.ofSeconds(2);

  private static final int MAX_HINTS = 10_000;

  private record HintKey(UUID officeId, RegistryService service, LocalDate today) {}

  private record Hint(List<OfficeService.SlotView> slots, long computedAtNanos) {}

  private final ConcurrentHashMap<HintKey, Hint> hints = new ConcurrentHashMap<>();
  private final Set<HintKey> refreshing = ConcurrentHashMap.newKeySet();

  /**
   * {@code 409 SLOT_FULL} with {@code nextAvailable}: the office's next slots of the service with
   * places. The list is a hint computed at most once a second per (office, service, day) and served
   * up to {@link #HINT_MAX_AGE} old, so thousands of refused requests in a rush do not each run the
   * search; a slot in it may have filled meanwhile (booking it then answers SLOT_FULL).
   */
  private <T> Uni<T> slotFull(Office office, Slot slot) {
    LocalDate today = clock.today();
    HintKey key = new HintKey(office.id, slot.service, today);
    long now = System.nanoTime();
    Hint hint = hints.get(key);
    long age = hint == null ? Long.MAX_VALUE : now - hint.computedAtNanos();
    Uni<List<OfficeService.SlotView>> next;
    if (age <= HINT_FRESH.toNanos() || (age <= HINT_MAX_AGE.toNanos() && !refreshing.add(key))) {
      next = Uni.createFrom().item(hint.slots());
    } else {
      refreshing.add(key);
      next =
          slots
              .nextWithPlaces(
                  office.id,
                  slot.service,
                  today,
                  clock.zonedNow().toLocalTime(),
                  today.plusDays(office.releaseDays),
                  config.nextAvailable())
              .map(
                  found -> {
                    List<OfficeService.SlotView> views =
                        found.stream().map(s -> offices.view(s, office.releaseDays)).toList();
                    if (hints.size() > MAX_HINTS) {
                      hints.clear();
                    }
                    hints.put(key, new Hint(views, System.nanoTime()));
                    return views;
                  })
              .eventually(
                  () -> {
                    refreshing.remove(key);
                  });
    }
    return next.map(
        views -> {
          throw ProblemException.conflict("SLOT_FULL", "该时段已约满，请选择其他时段")
              .with("nextAvailable", views);
        });
  }

  private PartnerIdentity parse(Booking r) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (r.officeId() == null) {
      errors.add(new Problem.FieldError("officeId", "REQUIRED", "请选择婚姻登记处"));
    }
    if (r.slotId() == null) {
      errors.add(new Problem.FieldError("slotId", "REQUIRED", "请选择预约时段"));
    }
    return couples.partner(r.service(), r.partner(), errors);
  }

  /** Office offers the service, the slot is for it, released, and not started yet. */
  void checkSlot(Office office, Slot slot, RegistryService service) {
    if (slot.lotteryDrawAt != null) {
      throw LotteryService.lotteryDay(slot);
    }
    if (!office.offers(service)) {
      throw ProblemException.conflict(
          "SERVICE_NOT_OFFERED", office.name + "不办理" + service.label + "业务");
    }
    if (slot.service != service) {
      throw ProblemException.unprocessable(
              "SERVICE_MISMATCH", "所选时段用于" + slot.service.label + "，与预约的业务不一致")
          .with("slotService", slot.service.name());
    }
    Instant now = clock.instant();
    Instant opensAt = MarriageRules.releaseAt(slot.day, office.releaseDays);
    if (now.isBefore(opensAt)) {
      throw ProblemException.conflict("NOT_YET_OPEN", "该日期的号源尚未放出，请于放号时间后再预约")
          .with("opensAt", opensAt.atZone(AppClock.ZONE).toOffsetDateTime().toString());
    }
    if (!now.isBefore(MarriageRules.startOf(slot.day, slot.startTime))) {
      throw ProblemException.conflict("SLOT_IN_PAST", "该时段已开始或已过去，请选择其他时段");
    }
  }

  /** Civil Code art. 1047, for both people, on the date of registration. */
  static void checkAge(
      RegistryService service, Citizen applicant, IdNumber partner, LocalDate day) {
    if (service != RegistryService.MARRIAGE) {
      return;
    }
    underAge("APPLICANT", "您", applicant.birthDate, applicant.sex, day);
    if (partner != null) {
      underAge("PARTNER", "对方", partner.birthDate(), partner.sex(), day);
    }
  }

  private static void underAge(
      String party, String who, LocalDate birth, IdNumber.Sex sex, LocalDate day) {
    int min = MarriageRules.legalAge(sex);
    LocalDate eligible = birth.plusYears(min);
    if (day.isBefore(eligible)) {
      throw ProblemException.unprocessable(
              "UNDER_LEGAL_AGE",
              who
                  + "在登记日尚未达到法定婚龄（"
                  + (sex == IdNumber.Sex.MALE ? "男" : "女")
                  + "不得早于 "
                  + min
                  + " 周岁），最早可于 "
                  + eligible
                  + " 登记")
          .with("party", party)
          .with("minimumAge", min)
          .with("eligibleFrom", eligible.toString());
    }
  }

  private void requireBeforeCutoff(Slot slot) {
    Instant cutoff = MarriageRules.startOf(slot.day, slot.startTime).minus(config.cancelCutoff());
    if (!clock.instant().isBefore(cutoff)) {
      throw ProblemException.conflict(
              "CUTOFF_PASSED",
              "距预约时间已不足 " + config.cancelCutoff().toHours() + " 小时，无法在线取消或改约，请联系登记处")
          .with("cutoff", cutoff.atZone(AppClock.ZONE).toOffsetDateTime().toString());
    }
  }

  private static void requireBooked(Appointment a) {
    if (a.status != Appointment.Status.BOOKED) {
      throw ProblemException.conflict("APPOINTMENT_NOT_ACTIVE", "该预约已取消、已办理或已爽约，不能再更改");
    }
  }

  private Uni<Appointment> mineOr404(UUID me, UUID id) {
    return Appointment.<Appointment>findById(id)
        .map(
            a -> {
              if (a == null || !a.involves(me)) {
                throw appointmentNotFound();
              }
              return a;
            });
  }

  private Uni<List<AppointmentView>> views(List<Appointment> list, UUID me) {
    if (list.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<UUID> slotIds = list.stream().map(a -> a.slotId).distinct().toList();
    List<UUID> officeIds = list.stream().map(a -> a.officeId).distinct().toList();
    List<UUID> people = list.stream().map(a -> a.applicantId).distinct().toList();
    return Slot.<Slot>list("id in ?1", slotIds)
        .chain(
            ss ->
                Office.<Office>list("id in ?1", officeIds)
                    .chain(
                        os ->
                            citizens
                                .list("id in ?1", people)
                                .map(
                                    cs -> {
                                      Map<UUID, Slot> sm =
                                          ss.stream()
                                              .collect(
                                                  Collectors.toMap(s -> s.id, Function.identity()));
                                      Map<UUID, Office> om =
                                          os.stream()
                                              .collect(
                                                  Collectors.toMap(o -> o.id, Function.identity()));
                                      Map<UUID, String> names =
                                          cs.stream()
                                              .collect(
                                                  Collectors.toMap(
                                                      c -> c.id, c -> c.realNameMasked));
                                      return list.stream()
                                          .map(
                                              a ->
                                                  view(
                                                      a,
                                                      me,
                                                      om.get(a.officeId),
                                                      sm.get(a.slotId),
                                                      names.get(a.applicantId)))
                                          .toList();
                                    })));
  }

  private AppointmentView view(
      Appointment a, UUID me, Office office, Slot slot, String applicantName) {
    boolean booked = a.status == Appointment.Status.BOOKED;
    return new AppointmentView(
        a.id,
        me.equals(a.applicantId) ? "APPLICANT" : "PARTNER",
        a.officeId,
        office.name,
        office.address,
        a.slotId,
        a.day,
        slot.startTime,
        slot.endTime,
        a.service,
        a.service.label,
        a.status,
        applicantName,
        StoredPartner.orNone(a.partner).nameMasked,
        StoredPartner.orNone(a.partner).idMasked,
        booked ? tokens.issue(a.id) : null,
        booked
            ? MarriageRules.startOf(slot.day, slot.startTime).minus(config.cancelCutoff())
            : null,
        a.createdAt,
        a.checkedInAt);
  }

  static ProblemException slotNotFound() {
    return ProblemException.notFound("SLOT_NOT_FOUND", "未找到该预约时段");
  }

  static ProblemException appointmentNotFound() {
    return ProblemException.notFound("APPOINTMENT_NOT_FOUND", "未找到该预约");
  }
}
