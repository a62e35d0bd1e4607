package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fingertip.identity.staff.StaffScope;
import org.fingertip.platform.calendar.CalendarService;
import org.fingertip.platform.calendar.WorkingDayCalendar;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.RegionService;
import org.fingertip.platform.web.AppClock;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;

/** Registry offices, their weekly patterns and special days, and the materialised slots. */
@ApplicationScoped
public class OfficeService {

  private static final int MAX_GENERATE_DAYS = 400;

  private final SlotRepository slots;
  private final CalendarService calendars;
  private final RegionService regions;
  private final MarriageConfig config;
  private final AppClock clock;

  public OfficeService(
      SlotRepository slots,
      CalendarService calendars,
      RegionService regions,
      MarriageConfig config,
      AppClock clock) {
    this.slots = slots;
    this.calendars = calendars;
    this.regions = regions;
    this.config = config;
    this.clock = clock;
  }

  /** An office as the public sees it. */
  public record OfficeView(
      UUID id,
      String name,
      String regionCode,
      String address,
      double latitude,
      double longitude,
      String phone,
      String hours,
      List<ServiceView> services,
      int releaseDays) {}

  /** A service with its label. */
  public record ServiceView(RegistryService code, String label) {}

  /** A slot with the places left and when it can be booked. */
  public record SlotView(
      UUID id,
      LocalDate date,
      LocalTime start,
      LocalTime end,
      RegistryService service,
      int capacity,
      int remaining,
      Instant opensAt,
      boolean bookable,
      String special,
      boolean lottery) {}

  /** A weekly window, for several weekdays at once. */
  public record TemplateInput(
      List<Integer> weekdays,
      LocalTime start,
      LocalTime end,
      RegistryService service,
      Integer capacity) {}

  /** A special day. */
  public record SpecialDayInput(
      LocalDate date,
      String name,
      Integer extraCapacity,
      Boolean opensClosedDay,
      LocalTime extendedUntil) {}

  /** A new office with its weekly pattern and special days. */
  public record NewOffice(
      String name,
      String regionCode,
      String address,
      Double latitude,
      Double longitude,
      String phone,
      String hours,
      Set<RegistryService> services,
      Integer releaseDays,
      List<TemplateInput> templates,
      List<SpecialDayInput> specialDays) {}

  @WithSession
  public Uni<Page<OfficeView>> list(String regionCode, PageRequest page) {
    if (regionCode == null || regionCode.isBlank()) {
      return page(Office.count(), Office.<Office>find("order by regionCode, name"), page);
    }
    return regions
        .require(regionCode.trim())
        .chain(
            r ->
                page(
                    Office.count("regionPath like ?1", r.path + "%"),
                    Office.<Office>find(
                        "regionPath like ?1 order by regionCode, name", r.path + "%"),
                    page));
  }

  private static Uni<Page<OfficeView>> page(
      Uni<Long> count, PanacheQuery<Office> query, PageRequest page) {
    return count.chain(
        total ->
            query
                .page(page.page() - 1, page.size())
                .list()
                .map(l -> Page.of(l.stream().map(OfficeService::view).toList(), page, total)));
  }

  @WithSession
  public Uni<OfficeView> get(UUID id) {
    return Office.<Office>findById(id)
        .onItem()
        .ifNull()
        .failWith(OfficeService::officeNotFound)
        .map(OfficeService::view);
  }

  /** The slots of one office on one date; the office is looked up only when there are none. */
  @WithSession
  public Uni<List<SlotView>> slotsOf(UUID officeId, LocalDate day, RegistryService service) {
    return slots
        .ofDay(officeId, day, service)
        .chain(
            list -> {
              if (!list.isEmpty()) {
                return Office.<Office>findById(officeId)
                    .map(office -> list.stream().map(s -> view(s, office.releaseDays)).toList());
              }
              return Office.<Office>findById(officeId)
                  .onItem()
                  .ifNull()
                  .failWith(OfficeService::officeNotFound)
                  .replaceWith(List.<SlotView>of());
            });
  }

  SlotView view(Slot s, int releaseDays) {
    Instant opensAt = MarriageRules.releaseAt(s.day, releaseDays);
    Instant now = clock.instant();
    boolean bookable =
        !now.isBefore(opensAt)
            && now.isBefore(MarriageRules.startOf(s.day, s.startTime))
            && s.booked < s.capacity
            && s.lotteryDrawAt == null;
    return new SlotView(
        s.id,
        s.day,
        s.startTime,
        s.endTime,
        s.service,
        s.capacity,
        Math.max(0, s.capacity - s.booked),
        opensAt,
        bookable,
        s.special,
        s.lotteryDrawAt != null);
  }

  /** Admin: a new office with its pattern; its slots are materialised for the rolling window. */
  @WithTransaction
  public Uni<OfficeView> create(StaffScope staff, NewOffice in) {
    if (!staff.isAdmin()) {
      return Uni.createFrom().failure(ProblemException.forbidden("FORBIDDEN", "只有管理员可以设立婚姻登记处"));
    }
    List<Problem.FieldError> errors = validate(in);
    if (!errors.isEmpty()) {
      return Uni.createFrom().failure(ProblemException.validation(errors));
    }
    return regions
        .require(in.regionCode())
        .chain(
            region -> {
              Office office = new Office();
              office.id = UUID.randomUUID();
              office.name = in.name().trim();
              office.regionCode = region.code;
              office.regionPath = region.path;
              office.address = in.address().trim();
              office.latitude = in.latitude();
              office.longitude = in.longitude();
              office.phone = in.phone().trim();
              office.hours = in.hours().trim();
              office.services =
                  in.services().stream().sorted().map(Enum::name).toArray(String[]::new);
              office.releaseDays = in.releaseDays() == null ? 7 : in.releaseDays();
              office.createdAt = clock.instant();
              List<PanacheEntityRow> rows = new ArrayList<>();
              for (TemplateInput t : in.templates()) {
                for (int weekday : new LinkedHashSet<>(t.weekdays())) {
                  SlotTemplate e = new SlotTemplate();
                  e.id = UUID.randomUUID();
                  e.officeId = office.id;
                  e.weekday = weekday;
                  e.startTime = t.start();
                  e.endTime = t.end();
                  e.service = t.service();
                  e.capacity = t.capacity();
                  rows.add(new PanacheEntityRow(e));
                }
              }
              if (in.specialDays() != null) {
                for (SpecialDayInput d : in.specialDays()) {
                  SpecialDay e = new SpecialDay();
                  e.id = UUID.randomUUID();
                  e.officeId = office.id;
                  e.day = d.date();
                  e.name = d.name().trim();
                  e.extraCapacity = d.extraCapacity() == null ? 0 : d.extraCapacity();
                  e.opensClosed = Boolean.TRUE.equals(d.opensClosedDay());
                  e.extendedUntil = d.extendedUntil();
                  rows.add(new PanacheEntityRow(e));
                }
              }
              Uni<Void> chain = office.persist().replaceWithVoid();
              for (PanacheEntityRow row : rows) {
                chain = chain.chain(() -> row.entity().persist()).replaceWithVoid();
              }
              LocalDate today = clock.today();
              return chain
                  .chain(() -> Panache.getSession().chain(s -> s.flush()))
                  .chain(
                      () ->
                          materialise(
                              office,
                              today,
                              today.plusDays(office.releaseDays + config.horizonDays())))
                  .replaceWith(() -> view(office));
            });
  }

  private record PanacheEntityRow(io.quarkus.hibernate.reactive.panache.PanacheEntityBase entity) {}

  /** Admin or a clerk of the office: (re)materialise slots for a date range. */
  @WithTransaction
  public Uni<Integer> generate(StaffScope staff, UUID officeId, LocalDate from, LocalDate to) {
    if (from.isAfter(to) || from.plusDays(MAX_GENERATE_DAYS).isBefore(to)) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("to", "RANGE", "结束日期应不早于开始日期，且跨度不超过 400 天"));
    }
    return Office.<Office>findById(officeId)
        .chain(
            office -> {
              if (office == null || !staff.coversOffice(office.id.toString())) {
                return Uni.createFrom().failure(officeNotFound());
              }
              return materialise(office, from, to);
            });
  }

  /** The rolling window of every office (run by {@link SlotJob}). */
  @WithTransaction
  public Uni<Integer> materialiseAll() {
    LocalDate today = clock.today();
    return Office.<Office>listAll()
        .chain(
            offices -> {
              Uni<Integer> chain = Uni.createFrom().item(0);
              for (Office office : offices) {
                chain =
                    chain.chain(
                        n ->
                            materialise(
                                    office,
                                    today,
                                    today.plusDays(office.releaseDays + config.horizonDays()))
                                .map(m -> n + m));
              }
              return chain;
            });
  }

  /**
   * Upserts the planned slots of {@code [from, to]}: new ones are inserted, changed capacities
   * applied (never below what is booked), untouched rows are not written (no lock on a hot slot).
   */
  Uni<Integer> materialise(Office office, LocalDate from, LocalDate to) {
    return calendars
        .calendar()
        .chain(
            calendar ->
                SlotTemplate.<SlotTemplate>list("officeId", office.id)
                    .chain(
                        templates ->
                            SpecialDay.<SpecialDay>list(
                                    "officeId = ?1 and day between ?2 and ?3", office.id, from, to)
                                .chain(
                                    specials ->
                                        upsert(
                                                office,
                                                plan(calendar, templates, specials, from, to))
                                            .call(() -> syncLotteryFlags(office.id)))));
  }

  /**
   * Copies the window of every undrawn lottery day onto its slots (so booking refuses them without
   * a lookup) and clears it where the day is no longer an undrawn lottery.
   */
  static Uni<Void> syncLotteryFlags(UUID officeId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE marriage_slot s SET lottery_opens = d.registration_opens,"
                            + " lottery_closes = d.registration_closes, lottery_draw_at ="
                            + " d.draw_at FROM marriage_special_day d WHERE d.office_id ="
                            + " s.office_id AND d.day = s.day AND d.mode = 'LOTTERY' AND"
                            + " d.drawn_at IS NULL AND s.office_id = :office AND"
                            + " (s.lottery_draw_at IS DISTINCT FROM d.draw_at OR s.lottery_opens"
                            + " IS DISTINCT FROM d.registration_opens OR s.lottery_closes IS"
                            + " DISTINCT FROM d.registration_closes)")
                    .setParameter("office", officeId)
                    .executeUpdate()
                    .chain(
                        () ->
                            s.createNativeQuery(
                                    "UPDATE marriage_slot s SET lottery_opens = NULL,"
                                        + " lottery_closes = NULL, lottery_draw_at = NULL WHERE"
                                        + " s.office_id = :office AND s.lottery_draw_at IS NOT"
                                        + " NULL AND NOT EXISTS (SELECT 1 FROM"
                                        + " marriage_special_day d WHERE d.office_id ="
                                        + " s.office_id AND d.day = s.day AND d.mode = 'LOTTERY'"
                                        + " AND d.drawn_at IS NULL)")
                                .setParameter("office", officeId)
                                .executeUpdate()))
        .replaceWithVoid();
  }

  /**
   * After an edit of the office, its templates or special days: re-plans the rolling window. A
   * planned slot whose new capacity is below what is already booked refuses the edit; a slot no
   * longer planned is deleted if nobody holds or waits for it, otherwise closed to new bookings
   * (capacity = booked), so no booking is ever dropped.
   */
  Uni<Integer> resync(Office office) {
    LocalDate from = clock.today();
    LocalDate to = from.plusDays(office.releaseDays + config.horizonDays());
    return calendars
        .calendar()
        .chain(
            calendar ->
                SlotTemplate.<SlotTemplate>list("officeId", office.id)
                    .chain(
                        templates ->
                            SpecialDay.<SpecialDay>list(
                                    "officeId = ?1 and day between ?2 and ?3", office.id, from, to)
                                .map(specials -> plan(calendar, templates, specials, from, to))))
        .chain(
            planned ->
                slots
                    .list("officeId = ?1 and day between ?2 and ?3", office.id, from, to)
                    .chain(existing -> reconcile(office, planned, existing)));
  }

  private record SlotKey(LocalDate day, RegistryService service, LocalTime start) {}

  private Uni<Integer> reconcile(
      Office office, List<SlotPlanner.Planned> planned, List<Slot> existing) {
    Map<SlotKey, Slot> byKey =
        existing.stream()
            .collect(
                Collectors.toMap(
                    s -> new SlotKey(s.day, s.service, s.startTime), Function.identity()));
    Set<SlotKey> plannedKeys = new java.util.HashSet<>();
    for (SlotPlanner.Planned p : planned) {
      SlotKey key = new SlotKey(p.day(), p.service(), p.start());
      plannedKeys.add(key);
      Slot s = byKey.get(key);
      if (s != null && s.booked > p.capacity()) {
        return Uni.createFrom()
            .failure(
                ProblemException.conflict(
                        "CAPACITY_BELOW_BOOKED",
                        p.day()
                            + " "
                            + p.start()
                            + " 的"
                            + p.service().label
                            + "时段已有 "
                            + s.booked
                            + " 个名额被预约，名额不能少于已预约数")
                    .with("date", p.day().toString())
                    .with("start", p.start().toString())
                    .with("service", p.service().name())
                    .with("booked", s.booked)
                    .with("capacity", p.capacity()));
      }
    }
    List<UUID> orphans =
        existing.stream()
            .filter(s -> !plannedKeys.contains(new SlotKey(s.day, s.service, s.startTime)))
            .map(s -> s.id)
            .toList();
    return upsert(office, planned)
        .call(
            () -> {
              if (orphans.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return Panache.getSession()
                  .chain(
                      s ->
                          s.createNativeQuery(
                                  "DELETE FROM marriage_slot s WHERE s.id = ANY(:ids)"
                                      + " AND s.booked = 0 AND NOT EXISTS (SELECT 1 FROM"
                                      + " marriage_appointment a WHERE a.slot_id = s.id) AND NOT"
                                      + " EXISTS (SELECT 1 FROM marriage_waitlist w WHERE"
                                      + " w.slot_id = s.id) AND NOT EXISTS (SELECT 1 FROM"
                                      + " marriage_lottery_entry e WHERE e.slot_id = s.id)")
                              .setParameter("ids", uuidArray(orphans))
                              .executeUpdate()
                              .chain(
                                  () ->
                                      s.createNativeQuery(
                                              "UPDATE marriage_slot SET capacity = booked WHERE"
                                                  + " id = ANY(:ids) AND"
                                                  + " capacity <> booked")
                                          .setParameter("ids", uuidArray(orphans))
                                          .executeUpdate()))
                  .replaceWithVoid();
            })
        .call(() -> syncLotteryFlags(office.id));
  }

  private static UUID[] uuidArray(List<UUID> ids) {
    return ids.toArray(new UUID[0]);
  }

  private static List<SlotPlanner.Planned> plan(
      WorkingDayCalendar calendar,
      List<SlotTemplate> templates,
      List<SpecialDay> specials,
      LocalDate from,
      LocalDate to) {
    List<SlotPlanner.Window> windows =
        templates.stream()
            .map(
                t ->
                    new SlotPlanner.Window(
                        t.weekday, t.startTime, t.endTime, t.service, t.capacity))
            .toList();
    Map<LocalDate, SpecialDay> byDay =
        specials.stream().collect(Collectors.toMap(d -> d.day, Function.identity()));
    List<SlotPlanner.Planned> planned = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      SpecialDay s = byDay.get(d);
      planned.addAll(
          SlotPlanner.plan(
              d,
              calendar,
              windows,
              s == null
                  ? null
                  : new SlotPlanner.Special(
                      s.day, s.name, s.extraCapacity, s.opensClosed, s.extendedUntil)));
    }
    return planned;
  }

  private Uni<Integer> upsert(Office office, List<SlotPlanner.Planned> planned) {
    Uni<Integer> chain = Uni.createFrom().item(0);
    int chunk = 200;
    for (int from = 0; from < planned.size(); from += chunk) {
      List<SlotPlanner.Planned> part =
          planned.subList(from, Math.min(planned.size(), from + chunk));
      chain = chain.chain(n -> upsertChunk(office.id, part).map(m -> n + m));
    }
    return chain;
  }

  private static Uni<Integer> upsertChunk(UUID officeId, List<SlotPlanner.Planned> part) {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO marriage_slot (id, office_id, day, start_time, end_time, service,"
                + " capacity, booked, special) VALUES ");
    for (int i = 0; i < part.size(); i++) {
      if (i > 0) {
        sql.append(", ");
      }
      sql.append(
          String.format(
              "(:id%1$d, :office, :day%1$d, :start%1$d, :end%1$d, :service%1$d, :cap%1$d, 0,"
                  + " :special%1$d)",
              i));
    }
    sql.append(
        " ON CONFLICT (office_id, day, service, start_time) DO UPDATE SET"
            + " capacity = GREATEST(EXCLUDED.capacity, marriage_slot.booked),"
            + " end_time = EXCLUDED.end_time, special = EXCLUDED.special"
            + " WHERE marriage_slot.capacity <> GREATEST(EXCLUDED.capacity, marriage_slot.booked)"
            + " OR marriage_slot.end_time <> EXCLUDED.end_time"
            + " OR marriage_slot.special IS DISTINCT FROM EXCLUDED.special");
    return Panache.getSession()
        .chain(
            s -> {
              var q = s.createNativeQuery(sql.toString()).setParameter("office", officeId);
              for (int i = 0; i < part.size(); i++) {
                SlotPlanner.Planned p = part.get(i);
                q.setParameter("id" + i, UUID.randomUUID())
                    .setParameter("day" + i, p.day())
                    .setParameter("start" + i, p.start())
                    .setParameter("end" + i, p.end())
                    .setParameter("service" + i, p.service().name())
                    .setParameter("cap" + i, p.capacity())
                    .setParameter("special" + i, p.special());
              }
              return q.executeUpdate();
            });
  }

  private static List<Problem.FieldError> validate(NewOffice in) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (in.name() == null || in.name().isBlank() || in.name().length() > 64) {
      errors.add(new Problem.FieldError("name", "REQUIRED", "请填写登记处名称（不超过 64 字）"));
    }
    if (in.regionCode() == null || in.regionCode().isBlank()) {
      errors.add(new Problem.FieldError("regionCode", "REQUIRED", "请选择所在地区"));
    }
    if (in.address() == null || in.address().isBlank()) {
      errors.add(new Problem.FieldError("address", "REQUIRED", "请填写地址"));
    }
    if (in.latitude() == null
        || in.longitude() == null
        || Math.abs(in.latitude()) > 90
        || Math.abs(in.longitude()) > 180) {
      errors.add(new Problem.FieldError("latitude", "RANGE", "请填写有效的经纬度"));
    }
    if (in.phone() == null || in.phone().isBlank()) {
      errors.add(new Problem.FieldError("phone", "REQUIRED", "请填写咨询电话"));
    }
    if (in.hours() == null || in.hours().isBlank()) {
      errors.add(new Problem.FieldError("hours", "REQUIRED", "请填写办公时间"));
    }
    if (in.services() == null || in.services().isEmpty()) {
      errors.add(new Problem.FieldError("services", "REQUIRED", "请至少选择一项业务"));
    }
    if (in.releaseDays() != null && (in.releaseDays() < 1 || in.releaseDays() > 120)) {
      errors.add(new Problem.FieldError("releaseDays", "RANGE", "放号天数应在 1 到 120 之间"));
    }
    List<TemplateInput> templates = in.templates() == null ? List.of() : in.templates();
    if (templates.isEmpty()) {
      errors.add(new Problem.FieldError("templates", "REQUIRED", "请至少设置一个预约时段"));
    }
    for (int i = 0; i < templates.size(); i++) {
      TemplateInput t = templates.get(i);
      String f = "templates[" + i + "]";
      if (t == null
          || t.weekdays() == null
          || t.weekdays().isEmpty()
          || t.weekdays().stream().anyMatch(w -> w == null || w < 1 || w > 7)) {
        errors.add(new Problem.FieldError(f + ".weekdays", "RANGE", "星期应为 1（周一）到 7（周日）"));
        continue;
      }
      if (t.start() == null || t.end() == null || !t.end().isAfter(t.start())) {
        errors.add(new Problem.FieldError(f + ".end", "RANGE", "结束时间应晚于开始时间"));
      }
      if (t.service() == null || (in.services() != null && !in.services().contains(t.service()))) {
        errors.add(
            new Problem.FieldError(f + ".service", "SERVICE_NOT_OFFERED", "时段的业务须在登记处办理的业务之内"));
      }
      if (t.capacity() == null || t.capacity() < 1 || t.capacity() > 500) {
        errors.add(new Problem.FieldError(f + ".capacity", "RANGE", "每个时段的名额应在 1 到 500 之间"));
      }
    }
    List<SpecialDayInput> specials = in.specialDays() == null ? List.of() : in.specialDays();
    Set<LocalDate> seen = new java.util.HashSet<>();
    for (int i = 0; i < specials.size(); i++) {
      SpecialDayInput d = specials.get(i);
      String f = "specialDays[" + i + "]";
      if (d == null || d.date() == null || d.name() == null || d.name().isBlank()) {
        errors.add(new Problem.FieldError(f, "REQUIRED", "请填写特殊日期和名称"));
        continue;
      }
      if (!seen.add(d.date())) {
        errors.add(new Problem.FieldError(f + ".date", "DUPLICATE", "同一天不能设置两次"));
      }
      if (d.extraCapacity() != null && (d.extraCapacity() < 0 || d.extraCapacity() > 500)) {
        errors.add(new Problem.FieldError(f + ".extraCapacity", "RANGE", "加号数应在 0 到 500 之间"));
      }
    }
    return errors;
  }

  static OfficeView view(Office o) {
    return new OfficeView(
        o.id,
        o.name,
        o.regionCode,
        o.address,
        o.latitude,
        o.longitude,
        o.phone,
        o.hours,
        Arrays.stream(o.services)
            .map(RegistryService::valueOf)
            .map(s -> new ServiceView(s, s.label))
            .toList(),
        o.releaseDays);
  }

  static ProblemException officeNotFound() {
    return ProblemException.notFound("OFFICE_NOT_FOUND", "未找到该婚姻登记处");
  }
}
