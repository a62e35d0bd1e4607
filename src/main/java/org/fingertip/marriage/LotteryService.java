package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fingertip.identity.Citizen;
import org.fingertip.identity.CitizenRepository;
import org.fingertip.identity.staff.StaffScope;
import org.fingertip.notification.Outbox;
import org.fingertip.platform.crypto.PiiCipher;
import org.fingertip.platform.database.NativeSelects;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.AppClock;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Lottery for peak days: entries during the registration window, one draw per day (claimed with a
 * guarded UPDATE, so concurrent triggers and several instances draw it once), winners hold a place
 * (the slot's counter already includes it) until they confirm or the deadline passes, the others
 * join each slot's waitlist in draw order. The order is {@link LotteryDraw}'s, reproducible from
 * the seed published with the draw.
 */
@ApplicationScoped
public class LotteryService {

  private final SlotRepository slots;
  private final CitizenRepository citizens;
  private final WaitlistOffers waitlist;
  private final PiiCipher cipher;
  private final Outbox outbox;
  private final CoupleChecks couples;
  private final AppClock clock;

  public LotteryService(
      SlotRepository slots,
      CitizenRepository citizens,
      WaitlistOffers waitlist,
      PiiCipher cipher,
      Outbox outbox,
      CoupleChecks couples,
      AppClock clock) {
    this.couples = couples;
    this.slots = slots;
    this.citizens = citizens;
    this.waitlist = waitlist;
    this.cipher = cipher;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** {@code POST /marriage/lottery-entries}. */
  public record EntryRequest(
      UUID slotId, RegistryService service, AppointmentService.Partner partner) {}

  /** An entry as its citizen sees it. */
  public record EntryView(
      UUID id,
      UUID specialDayId,
      UUID officeId,
      String officeName,
      UUID slotId,
      LocalDate date,
      LocalTime start,
      LocalTime end,
      RegistryService service,
      LotteryEntry.Status status,
      String partnerName,
      Instant registrationCloses,
      Instant drawAt,
      Integer drawPosition,
      String drawResult,
      Instant confirmUntil,
      UUID appointmentId,
      UUID waitlistId,
      Instant createdAt) {}

  /** One line of the published draw: no names, only ids and places. */
  public record DrawnEntry(int position, UUID entryId, UUID slotId, String result) {}

  /** The public record of a lottery day, enough to re-run the draw. */
  public record DrawView(
      UUID specialDayId,
      UUID officeId,
      String officeName,
      LocalDate date,
      String name,
      Instant registrationOpens,
      Instant registrationCloses,
      Instant drawAt,
      int confirmHours,
      String seedSha256,
      String seed,
      Instant drawnAt,
      long entryCount,
      int capacity,
      String algorithm,
      List<DrawnEntry> order) {}

  // ---------------------------------------------------------------- registration

  @WithTransaction
  public Uni<EntryView> register(UUID me, EntryRequest request) {
    PartnerIdentity parsed = parse(request);
    Instant now = clock.instant();
    return citizens
        .findById(me)
        .chain(
            applicant -> {
              if (applicant == null || !applicant.verified()) {
                throw ProblemException.conflict("IDENTITY_NOT_VERIFIED", "请先完成实名认证，再报名摇号");
              }
              if (parsed.partnerHash() != null
                  && parsed.partnerHash().equals(applicant.idNumberHash)) {
                throw ProblemException.invalidField(
                    "partner.idNumber", "PARTNER_IS_SELF", "对方的身份证号不能与您本人相同");
              }
              return couples
                  .requireNotSuspended(me, clock.today())
                  .chain(() -> slots.findById(request.slotId()))
                  .chain(
                      slot -> {
                        if (slot == null) {
                          throw AppointmentService.slotNotFound();
                        }
                        return SpecialDay.<SpecialDay>find(
                                "officeId = ?1 and day = ?2", slot.officeId, slot.day)
                            .withLock(LockModeType.PESSIMISTIC_READ)
                            .firstResult()
                            .chain(
                                day -> {
                                  requireOpen(day, now);
                                  return Office.<Office>findById(slot.officeId)
                                      .chain(
                                          office -> {
                                            checkService(office, slot, request.service());
                                            AppointmentService.checkAge(
                                                request.service(),
                                                applicant,
                                                parsed.partnerId(),
                                                slot.day);
                                            return couples
                                                .partnerCitizen(parsed)
                                                .chain(
                                                    partner ->
                                                        enter(
                                                            applicant,
                                                            partner,
                                                            parsed,
                                                            day,
                                                            office,
                                                            slot,
                                                            request.service()));
                                          });
                                });
                      });
            });
  }

  private Uni<EntryView> enter(
      Citizen applicant,
      Citizen partner,
      PartnerIdentity parsed,
      SpecialDay day,
      Office office,
      Slot slot,
      RegistryService service) {
    return couples
        .lockCouple(service, applicant.idNumberHash, parsed.partnerHash())
        .chain(
            hashes ->
                LotteryEntry.count(
                    "specialDayId = ?1 and service = ?2 and status <> ?3"
                        + " and (applicantIdHash in ?4 or partner.idHash in ?4)",
                    day.id,
                    service,
                    LotteryEntry.Status.WITHDRAWN,
                    hashes))
        .chain(
            n -> {
              if (n > 0) {
                throw ProblemException.conflict(
                    "LOTTERY_ALREADY_ENTERED",
                    "您或对方已报名 " + day.day + " 的" + service.label + "摇号，每对新人只能报名一次");
              }
              LotteryEntry e = new LotteryEntry();
              e.id = UUID.randomUUID();
              e.specialDayId = day.id;
              e.slotId = slot.id;
              e.officeId = office.id;
              e.day = slot.day;
              e.service = service;
              e.citizenId = applicant.id;
              e.applicantIdHash = applicant.idNumberHash;
              e.partner = StoredPartner.of(parsed, partner, cipher);
              e.status = LotteryEntry.Status.REGISTERED;
              e.createdAt = clock.instant();
              return e.persist().replaceWith(() -> view(e, day, office, slot));
            });
  }

  /** Withdraws an entry before the draw, or gives a won place back before the deadline. */
  @WithTransaction
  public Uni<EntryView> withdraw(UUID me, UUID id) {
    Instant now = clock.instant();
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE marriage_lottery_entry SET status = 'WITHDRAWN', withdrawn_at ="
                            + " :now WHERE id = :id AND citizen_id = :me AND status = 'REGISTERED'")
                    .setParameter("now", now)
                    .setParameter("id", id)
                    .setParameter("me", me)
                    .executeUpdate()
                    .chain(
                        n ->
                            n == 1
                                ? Uni.createFrom().item(true)
                                : giveBackWonPlace(s, me, id, now)))
        .chain(
            withdrawn ->
                mineOr404(me, id)
                    .invoke(
                        e -> {
                          if (!withdrawn) {
                            throw ProblemException.conflict(
                                "LOTTERY_ENTRY_NOT_ACTIVE",
                                "该报名已撤回、已过确认期限或已确认预约，不能撤回；已确认的请在“我的预约”中取消");
                          }
                        }))
        .chain(e -> views(List.of(e)))
        .map(l -> l.get(0));
  }

  /**
   * A couple who won but cannot come gives the place back before the confirmation deadline: it goes
   * to the slot's waitlist at once (or back to the slot), as an expired hold does. False when the
   * entry is not an unconfirmed win of theirs.
   */
  private Uni<Boolean> giveBackWonPlace(Mutiny.Session s, UUID me, UUID id, Instant now) {
    return s.createNativeQuery(
            "UPDATE marriage_lottery_entry SET status = 'WITHDRAWN', withdrawn_at = :now WHERE id IN"
                + " (:id) AND citizen_id = :me AND status = 'WON' AND confirm_until > :now"
                + " RETURNING CAST(slot_id AS text)",
            String.class)
        .setParameter("now", now)
        // a list: no cached plan (NativeSelects)
        .setParameter("id", List.of(id))
        .setParameter("me", me)
        .getResultList()
        .chain(
            (List<String> slots) ->
                slots.isEmpty()
                    ? Uni.createFrom().item(false)
                    : waitlist.placeFreed(UUID.fromString(slots.get(0))).replaceWith(true));
  }

  @WithSession
  public Uni<Page<EntryView>> mine(UUID me, PageRequest page) {
    return LotteryEntry.count("citizenId", me)
        .chain(
            total ->
                LotteryEntry.<LotteryEntry>find("citizenId = ?1 order by createdAt desc", me)
                    .page(page.page() - 1, page.size())
                    .list()
                    .chain(this::views)
                    .map(items -> Page.of(items, page, total)));
  }

  @WithSession
  public Uni<EntryView> get(UUID me, UUID id) {
    return mineOr404(me, id).chain(e -> views(List.of(e))).map(l -> l.get(0));
  }

  // ---------------------------------------------------------------- confirmation

  /**
   * The winner confirms before the deadline: the held place becomes a booking. Returns the new
   * appointment's id.
   */
  @WithTransaction
  public Uni<UUID> confirm(UUID me, UUID id) {
    Instant now = clock.instant();
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE marriage_lottery_entry SET status = 'CONFIRMED', confirmed_at ="
                            + " :now WHERE id = :id AND citizen_id = :me AND status = 'WON'"
                            + " AND confirm_until > :now")
                    .setParameter("now", now)
                    .setParameter("id", id)
                    .setParameter("me", me)
                    .executeUpdate())
        .chain(
            n ->
                mineOr404(me, id)
                    .chain(
                        e -> {
                          if (n == 0) {
                            throw switch (e.status) {
                              case WON, EXPIRED ->
                                  ProblemException.conflict(
                                          "CONFIRM_DEADLINE_PASSED",
                                          "确认期限（" + local(e.confirmUntil) + "）已过，名额已顺延给候补者")
                                      .with("confirmUntil", offset(e.confirmUntil));
                              case REGISTERED ->
                                  ProblemException.conflict("LOTTERY_NOT_DRAWN", "尚未开奖，请在开奖后查看结果");
                              case WAITLISTED ->
                                  ProblemException.conflict(
                                      "LOTTERY_NOT_WON", "很遗憾未中签，您已进入该时段的候补队列");
                              case CONFIRMED ->
                                  ProblemException.conflict(
                                      "LOTTERY_ALREADY_CONFIRMED", "您已确认过该名额");
                              default ->
                                  ProblemException.conflict("LOTTERY_ENTRY_NOT_ACTIVE", "该摇号报名已撤回");
                            };
                          }
                          return book(e, now);
                        }));
  }

  private Uni<UUID> book(LotteryEntry e, Instant now) {
    return couples
        .lockCouple(e.service, e.applicantIdHash, StoredPartner.orNone(e.partner).idHash)
        .chain(
            () -> {
              Appointment a = new Appointment();
              a.id = UUID.randomUUID();
              a.officeId = e.officeId;
              a.slotId = e.slotId;
              a.day = e.day;
              a.service = e.service;
              a.applicantId = e.citizenId;
              a.applicantIdHash = e.applicantIdHash;
              a.partner = StoredPartner.copyOf(e.partner);
              a.status = Appointment.Status.BOOKED;
              a.createdAt = now;
              e.appointmentId = a.id;
              return a.persist().replaceWith(a.id);
            });
  }

  /** Ends unconfirmed wins and passes each place to the slot's waitlist (or back to the slot). */
  @WithTransaction
  public Uni<Integer> expireUnconfirmed() {
    return Panache.getSession()
        .chain(
            s ->
                NativeSelects.uncached(
                        s.createNativeQuery(
                            "UPDATE marriage_lottery_entry SET status = 'EXPIRED' WHERE id IN (SELECT"
                                + " id FROM marriage_lottery_entry WHERE status = 'WON' AND "
                                + NativeSelects.CONDITION
                                + " AND"
                                + " confirm_until <= :now ORDER BY confirm_until LIMIT 200 FOR UPDATE"
                                + " SKIP LOCKED) RETURNING CAST(slot_id AS text)",
                            String.class))
                    .setParameter("now", clock.instant())
                    .getResultList())
        .chain(
            (List<String> slotIds) -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (String slot : slotIds) {
                chain = chain.chain(() -> waitlist.placeFreed(UUID.fromString(slot)));
              }
              return chain.replaceWith(slotIds.size());
            });
  }

  // ---------------------------------------------------------------- the draw

  /** Lottery days whose draw time has passed and that are not drawn yet. */
  @WithSession
  public Uni<List<UUID>> due() {
    return SpecialDay.<SpecialDay>find(
            "mode = ?1 and drawnAt is null and drawAt <= ?2 order by drawAt",
            SpecialDay.MODE_LOTTERY,
            clock.instant())
        .page(0, 20)
        .list()
        .map(l -> l.stream().map(d -> d.id).toList());
  }

  /** Staff trigger: admin or a clerk of the day's office, once the draw time has passed. */
  @WithTransaction
  public Uni<DrawView> drawAsStaff(StaffScope staff, UUID specialDayId) {
    return SpecialDay.<SpecialDay>findById(specialDayId)
        .chain(
            day -> {
              if (day == null || !staff.coversOffice(day.officeId.toString())) {
                throw lotteryNotFound();
              }
              return drawNow(specialDayId);
            })
        .chain(() -> drawView(specialDayId));
  }

  /** The scheduled draw of one day. */
  @WithTransaction
  public Uni<Integer> draw(UUID specialDayId) {
    return drawNow(specialDayId);
  }

  private Uni<Integer> drawNow(UUID specialDayId) {
    // PostgreSQL keeps microseconds: the instant in the response is the one stored
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE marriage_special_day SET drawn_at = :now WHERE id IN (:id)"
                            + " AND mode = 'LOTTERY' AND drawn_at IS NULL AND draw_at <= :now"
                            + " RETURNING seed",
                        String.class)
                    .setParameter("now", now)
                    // a list: no cached plan (NativeSelects)
                    .setParameter("id", List.of(specialDayId))
                    .getResultList())
        .chain(
            (List<String> seeds) -> {
              if (seeds.isEmpty()) {
                return SpecialDay.<SpecialDay>findById(specialDayId)
                    .map(
                        day -> {
                          if (day == null) {
                            throw lotteryNotFound();
                          }
                          if (!day.lottery()) {
                            throw notALotteryDay();
                          }
                          if (day.drawnAt != null) {
                            throw ProblemException.conflict(
                                    "LOTTERY_ALREADY_DRAWN", "该日摇号已开奖，不能重复开奖")
                                .with("drawnAt", offset(day.drawnAt));
                          }
                          throw ProblemException.conflict(
                                  "DRAW_TIME_NOT_REACHED", "尚未到开奖时间（" + local(day.drawAt) + "）")
                              .with("drawAt", offset(day.drawAt));
                        });
              }
              return runDraw(specialDayId, seeds.get(0), now);
            });
  }

  private Uni<Integer> runDraw(UUID specialDayId, String seed, Instant now) {
    return SpecialDay.<SpecialDay>findById(specialDayId)
        .chain(
            day ->
                Office.<Office>findById(day.officeId)
                    .chain(
                        office ->
                            clearLotteryFlags(day)
                                .chain(
                                    () ->
                                        LotteryEntry.<LotteryEntry>find(
                                                "specialDayId = ?1 and status = ?2",
                                                day.id,
                                                LotteryEntry.Status.REGISTERED)
                                            .withLock(LockModeType.PESSIMISTIC_WRITE)
                                            .list())
                                .chain(
                                    entries -> {
                                      Map<UUID, LotteryEntry> byId =
                                          entries.stream()
                                              .collect(
                                                  Collectors.toMap(e -> e.id, Function.identity()));
                                      List<UUID> order =
                                          LotteryDraw.order(seed, List.copyOf(byId.keySet()));
                                      // never past the start of the day itself
                                      Instant dayStart =
                                          day.day.atStartOfDay(AppClock.ZONE).toInstant();
                                      Instant deadline =
                                          now.plus(Duration.ofHours(day.confirmHours));
                                      Instant until =
                                          deadline.isBefore(dayStart) ? deadline : dayStart;
                                      Uni<Void> chain = Uni.createFrom().voidItem();
                                      for (int i = 0; i < order.size(); i++) {
                                        LotteryEntry e = byId.get(order.get(i));
                                        int position = i + 1;
                                        chain =
                                            chain.chain(() -> place(e, position, office, until));
                                      }
                                      day.drawnAt = now;
                                      day.entryCount = entries.size();
                                      return chain.replaceWith(entries.size());
                                    })));
  }

  /** Gives one drawn entry a held place, or a place in the slot's waitlist. */
  private Uni<Void> place(LotteryEntry e, int position, Office office, Instant until) {
    e.drawPosition = position;
    return slots
        .takePlace(e.slotId)
        .chain(
            won -> {
              Map<String, String> params =
                  Map.of(
                      "office",
                      office.name,
                      "date",
                      e.day.toString(),
                      "service",
                      e.service.label,
                      "position",
                      Integer.toString(position));
              if (won) {
                e.status = LotteryEntry.Status.WON;
                e.drawResult = "WON";
                e.confirmUntil = until;
                Map<String, String> withDeadline = new HashMap<>(params);
                withDeadline.put("confirmUntil", offset(until));
                return outbox.record(
                    e.citizenId,
                    "MARRIAGE_LOTTERY_WON",
                    withDeadline,
                    "marriage-lottery:" + e.id + ":won");
              }
              WaitlistEntry w = new WaitlistEntry();
              w.id = UUID.randomUUID();
              w.slotId = e.slotId;
              w.officeId = e.officeId;
              w.service = e.service;
              w.citizenId = e.citizenId;
              w.applicantIdHash = e.applicantIdHash;
              w.partner = StoredPartner.copyOf(e.partner);
              w.status = WaitlistEntry.Status.WAITING;
              w.createdAt = clock.instant();
              e.status = LotteryEntry.Status.WAITLISTED;
              e.drawResult = "WAITLISTED";
              e.waitlistId = w.id;
              // flushed one by one so the waitlist's identity positions follow the draw order
              return w.persist()
                  .chain(() -> Panache.getSession().chain(s -> s.flush()))
                  .chain(
                      () ->
                          outbox.record(
                              e.citizenId,
                              "MARRIAGE_LOTTERY_WAITLISTED",
                              params,
                              "marriage-lottery:" + e.id + ":waitlisted"));
            });
  }

  private static Uni<Void> clearLotteryFlags(SpecialDay day) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE marriage_slot SET lottery_opens = NULL, lottery_closes = NULL,"
                            + " lottery_draw_at = NULL WHERE office_id = :office AND day = :day")
                    .setParameter("office", day.officeId)
                    .setParameter("day", day.day)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /** The public record of a lottery day (the order only once drawn). */
  @WithSession
  public Uni<DrawView> drawView(UUID specialDayId) {
    return SpecialDay.<SpecialDay>findById(specialDayId)
        .chain(
            day -> {
              if (day == null || !day.lottery()) {
                throw lotteryNotFound();
              }
              return Office.<Office>findById(day.officeId)
                  .chain(
                      office ->
                          Slot.<Slot>list("officeId = ?1 and day = ?2", day.officeId, day.day)
                              .chain(
                                  daySlots ->
                                      LotteryEntry.<LotteryEntry>list(
                                              "specialDayId = ?1 and status <> ?2 order by"
                                                  + " drawPosition, id",
                                              day.id,
                                              LotteryEntry.Status.WITHDRAWN)
                                          .map(
                                              entries ->
                                                  new DrawView(
                                                      day.id,
                                                      office.id,
                                                      office.name,
                                                      day.day,
                                                      day.name,
                                                      day.registrationOpens,
                                                      day.registrationCloses,
                                                      day.drawAt,
                                                      day.confirmHours,
                                                      day.seedSha256,
                                                      day.drawnAt == null ? null : day.seed,
                                                      day.drawnAt,
                                                      entries.size(),
                                                      daySlots.stream()
                                                          .mapToInt(s -> s.capacity)
                                                          .sum(),
                                                      LotteryDraw.ALGORITHM,
                                                      day.drawnAt == null
                                                          ? List.of()
                                                          : entries.stream()
                                                              .filter(e -> e.drawPosition != null)
                                                              .map(
                                                                  e ->
                                                                      new DrawnEntry(
                                                                          e.drawPosition,
                                                                          e.id,
                                                                          e.slotId,
                                                                          e.drawResult))
                                                              .toList()))));
            });
  }

  // ---------------------------------------------------------------- checks

  private void requireOpen(SpecialDay day, Instant now) {
    if (day == null || !day.lottery()) {
      throw notALotteryDay();
    }
    if (day.drawnAt != null) {
      throw ProblemException.conflict("LOTTERY_ALREADY_DRAWN", "该日摇号已开奖，报名已结束");
    }
    if (now.isBefore(day.registrationOpens) || !now.isBefore(day.registrationCloses)) {
      boolean early = now.isBefore(day.registrationOpens);
      throw ProblemException.conflict(
              early ? "LOTTERY_REGISTRATION_NOT_OPEN" : "LOTTERY_REGISTRATION_CLOSED",
              (early ? "摇号报名尚未开始" : "摇号报名已截止")
                  + "，报名时间为 "
                  + local(day.registrationOpens)
                  + " 至 "
                  + local(day.registrationCloses)
                  + "，开奖时间 "
                  + local(day.drawAt))
          .with("registrationOpens", offset(day.registrationOpens))
          .with("registrationCloses", offset(day.registrationCloses))
          .with("drawAt", offset(day.drawAt));
    }
  }

  private static void checkService(Office office, Slot slot, RegistryService service) {
    if (!office.offers(service)) {
      throw ProblemException.conflict(
          "SERVICE_NOT_OFFERED", office.name + "不办理" + service.label + "业务");
    }
    if (slot.service != service) {
      throw ProblemException.unprocessable(
              "SERVICE_MISMATCH", "所选时段用于" + slot.service.label + "，与报名的业务不一致")
          .with("slotService", slot.service.name());
    }
  }

  /** The problem a first-come booking of an undrawn lottery day's slot gets. */
  static ProblemException lotteryDay(Slot slot) {
    return ProblemException.conflict(
            "LOTTERY_DAY",
            slot.day
                + " 为摇号日，不接受先到先得预约；请于 "
                + local(slot.lotteryOpens)
                + " 至 "
                + local(slot.lotteryCloses)
                + " 报名摇号，"
                + local(slot.lotteryDrawAt)
                + " 开奖")
        .with("registrationOpens", offset(slot.lotteryOpens))
        .with("registrationCloses", offset(slot.lotteryCloses))
        .with("drawAt", offset(slot.lotteryDrawAt));
  }

  private PartnerIdentity parse(EntryRequest r) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (r.slotId() == null) {
      errors.add(new Problem.FieldError("slotId", "REQUIRED", "请选择希望的时段"));
    }
    return couples.partner(r.service(), r.partner(), errors);
  }

  // ---------------------------------------------------------------- views

  private Uni<LotteryEntry> mineOr404(UUID me, UUID id) {
    return LotteryEntry.<LotteryEntry>findById(id)
        .map(
            e -> {
              if (e == null || !e.citizenId.equals(me)) {
                throw entryNotFound();
              }
              return e;
            });
  }

  private Uni<List<EntryView>> views(List<LotteryEntry> list) {
    if (list.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<UUID> slotIds = list.stream().map(e -> e.slotId).distinct().toList();
    List<UUID> dayIds = list.stream().map(e -> e.specialDayId).distinct().toList();
    List<UUID> officeIds = list.stream().map(e -> e.officeId).distinct().toList();
    return Slot.<Slot>list("id in ?1", slotIds)
        .chain(
            ss ->
                SpecialDay.<SpecialDay>list("id in ?1", dayIds)
                    .chain(
                        ds ->
                            Office.<Office>list("id in ?1", officeIds)
                                .map(
                                    os -> {
                                      Map<UUID, Slot> sm =
                                          ss.stream()
                                              .collect(
                                                  Collectors.toMap(s -> s.id, Function.identity()));
                                      Map<UUID, SpecialDay> dm =
                                          ds.stream()
                                              .collect(
                                                  Collectors.toMap(d -> d.id, Function.identity()));
                                      Map<UUID, Office> om =
                                          os.stream()
                                              .collect(
                                                  Collectors.toMap(o -> o.id, Function.identity()));
                                      return list.stream()
                                          .map(
                                              e ->
                                                  view(
                                                      e,
                                                      dm.get(e.specialDayId),
                                                      om.get(e.officeId),
                                                      sm.get(e.slotId)))
                                          .toList();
                                    })));
  }

  private static EntryView view(LotteryEntry e, SpecialDay day, Office office, Slot slot) {
    return new EntryView(
        e.id,
        e.specialDayId,
        e.officeId,
        office.name,
        e.slotId,
        e.day,
        slot.startTime,
        slot.endTime,
        e.service,
        e.status,
        StoredPartner.orNone(e.partner).nameMasked,
        day.registrationCloses,
        day.drawAt,
        e.drawPosition,
        e.drawResult,
        e.confirmUntil,
        e.appointmentId,
        e.waitlistId,
        e.createdAt);
  }

  private static String offset(Instant i) {
    return i == null ? null : i.atZone(AppClock.ZONE).toOffsetDateTime().toString();
  }

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private static String local(Instant i) {
    return i == null ? "" : MINUTES.format(i.atZone(AppClock.ZONE));
  }

  static ProblemException notALotteryDay() {
    return ProblemException.conflict("NOT_A_LOTTERY_DAY", "该日期不摇号，请直接预约");
  }

  static ProblemException lotteryNotFound() {
    return ProblemException.notFound("LOTTERY_NOT_FOUND", "未找到该摇号日");
  }

  static ProblemException entryNotFound() {
    return ProblemException.notFound("LOTTERY_ENTRY_NOT_FOUND", "未找到该摇号报名");
  }
}
