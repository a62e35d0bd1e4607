package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.fingertip.identity.staff.StaffScope;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.RegionService;
import org.fingertip.platform.web.AppClock;

/**
 * Admin, or a clerk of the office: edit an office, its weekly templates and its special days
 * (including the lottery settings). Every edit re-plans the office's rolling window in the same
 * transaction ({@link OfficeService#resync}): existing bookings are never dropped, and an edit that
 * would leave a slot with fewer places than are booked is refused as a whole.
 */
@ApplicationScoped
public class OfficeAdminService {

  private final OfficeService offices;
  private final RegionService regions;
  private final AppClock clock;

  public OfficeAdminService(OfficeService offices, RegionService regions, AppClock clock) {
    this.offices = offices;
    this.regions = regions;
    this.clock = clock;
  }

  /** {@code PUT /staff/marriage/offices/{id}}: the office's own fields, all required. */
  public record OfficeUpdate(
      String name,
      String regionCode,
      String address,
      Double latitude,
      Double longitude,
      String phone,
      String hours,
      Set<RegistryService> services,
      Integer releaseDays) {}

  /** One weekly window. */
  public record TemplateEdit(
      Integer weekday, LocalTime start, LocalTime end, RegistryService service, Integer capacity) {}

  /** A weekly window as staff see it. */
  public record TemplateView(
      UUID id,
      int weekday,
      LocalTime start,
      LocalTime end,
      RegistryService service,
      int capacity) {}

  /**
   * A special day; {@code mode} LOTTERY needs the registration window, the draw time (after the
   * window, before the day) and the hours winners have to confirm.
   */
  public record SpecialDayEdit(
      LocalDate date,
      String name,
      Integer extraCapacity,
      Boolean opensClosedDay,
      LocalTime extendedUntil,
      String mode,
      Instant registrationOpens,
      Instant registrationCloses,
      Instant drawAt,
      Integer confirmHours) {}

  /** A special day as staff see it (the seed itself stays secret until the draw). */
  public record SpecialDayView(
      UUID id,
      LocalDate date,
      String name,
      int extraCapacity,
      boolean opensClosedDay,
      LocalTime extendedUntil,
      String mode,
      Instant registrationOpens,
      Instant registrationCloses,
      Instant drawAt,
      Integer confirmHours,
      String seedSha256,
      Instant drawnAt,
      Integer entryCount) {}

  // ---------------------------------------------------------------- office

  @WithTransaction
  public Uni<OfficeService.OfficeView> updateOffice(
      StaffScope staff, UUID officeId, OfficeUpdate in) {
    List<Problem.FieldError> errors = validate(in);
    if (!errors.isEmpty()) {
      return Uni.createFrom().failure(ProblemException.validation(errors));
    }
    return officeInScope(staff, officeId)
        .chain(
            office -> {
              if (!office.regionCode.equals(in.regionCode().trim()) && !staff.isAdmin()) {
                throw ProblemException.forbidden("REGION_CHANGE_ADMIN_ONLY", "只有管理员可以变更登记处所在地区");
              }
              return regions
                  .require(in.regionCode().trim())
                  .chain(
                      region ->
                          SlotTemplate.<SlotTemplate>list("officeId", office.id)
                              .chain(
                                  templates -> {
                                    List<String> dropped =
                                        templates.stream()
                                            .map(t -> t.service)
                                            .filter(s -> !in.services().contains(s))
                                            .map(s -> s.label)
                                            .distinct()
                                            .toList();
                                    if (!dropped.isEmpty()) {
                                      throw ProblemException.conflict(
                                              "SERVICE_HAS_TEMPLATES",
                                              "请先删除" + String.join("、", dropped) + "的预约时段模板，再停办该业务")
                                          .with("services", dropped);
                                    }
                                    office.name = in.name().trim();
                                    office.regionCode = region.code;
                                    office.regionPath = region.path;
                                    office.address = in.address().trim();
                                    office.latitude = in.latitude();
                                    office.longitude = in.longitude();
                                    office.phone = in.phone().trim();
                                    office.hours = in.hours().trim();
                                    office.services =
                                        in.services().stream()
                                            .sorted()
                                            .map(Enum::name)
                                            .toArray(String[]::new);
                                    office.releaseDays = in.releaseDays();
                                    return resync(office)
                                        .replaceWith(() -> OfficeService.view(office));
                                  }));
            });
  }

  private static List<Problem.FieldError> validate(OfficeUpdate in) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (blank(in.name()) || in.name().length() > 64) {
      errors.add(new Problem.FieldError("name", "REQUIRED", "请填写登记处名称（不超过 64 字）"));
    }
    if (blank(in.regionCode())) {
      errors.add(new Problem.FieldError("regionCode", "REQUIRED", "请选择所在地区"));
    }
    if (blank(in.address()) || in.address().length() > 200) {
      errors.add(new Problem.FieldError("address", "REQUIRED", "请填写地址（不超过 200 字）"));
    }
    if (in.latitude() == null
        || in.longitude() == null
        || in.latitude() < -90
        || in.latitude() > 90
        || in.longitude() < -180
        || in.longitude() > 180) {
      errors.add(new Problem.FieldError("latitude", "RANGE", "请填写有效的经纬度"));
    }
    if (blank(in.phone()) || in.phone().length() > 32) {
      errors.add(new Problem.FieldError("phone", "REQUIRED", "请填写联系电话"));
    }
    if (blank(in.hours()) || in.hours().length() > 200) {
      errors.add(new Problem.FieldError("hours", "REQUIRED", "请填写办公时间（不超过 200 字）"));
    }
    if (in.services() == null || in.services().isEmpty() || in.services().contains(null)) {
      errors.add(new Problem.FieldError("services", "REQUIRED", "请至少选择一项业务"));
    }
    if (in.releaseDays() == null || in.releaseDays() < 1 || in.releaseDays() > 120) {
      errors.add(new Problem.FieldError("releaseDays", "RANGE", "放号天数应在 1 到 120 之间"));
    }
    return errors;
  }

  // ---------------------------------------------------------------- templates

  @WithSession
  public Uni<List<TemplateView>> templates(StaffScope staff, UUID officeId) {
    return officeInScope(staff, officeId)
        .chain(
            office ->
                SlotTemplate.<SlotTemplate>list(
                    "officeId = ?1 order by weekday, startTime, service", office.id))
        .map(l -> l.stream().map(OfficeAdminService::view).toList());
  }

  @WithTransaction
  public Uni<TemplateView> addTemplate(StaffScope staff, UUID officeId, TemplateEdit in) {
    return officeInScope(staff, officeId)
        .chain(
            office -> {
              validate(office, in);
              SlotTemplate t = new SlotTemplate();
              t.id = UUID.randomUUID();
              t.officeId = office.id;
              apply(t, in);
              return requireNoOverlap(t)
                  .chain(t::persist)
                  .chain(() -> resync(office))
                  .replaceWith(() -> view(t));
            });
  }

  @WithTransaction
  public Uni<TemplateView> updateTemplate(
      StaffScope staff, UUID officeId, UUID templateId, TemplateEdit in) {
    return template(staff, officeId, templateId)
        .chain(
            pair -> {
              validate(pair.office(), in);
              apply(pair.template(), in);
              return requireNoOverlap(pair.template())
                  .chain(() -> resync(pair.office()))
                  .replaceWith(() -> view(pair.template()));
            });
  }

  @WithTransaction
  public Uni<Void> deleteTemplate(StaffScope staff, UUID officeId, UUID templateId) {
    return template(staff, officeId, templateId)
        .chain(pair -> pair.template().delete().chain(() -> resync(pair.office())))
        .replaceWithVoid();
  }

  private record OfficeTemplate(Office office, SlotTemplate template) {}

  private Uni<OfficeTemplate> template(StaffScope staff, UUID officeId, UUID templateId) {
    return officeInScope(staff, officeId)
        .chain(
            office ->
                SlotTemplate.<SlotTemplate>findById(templateId)
                    .map(
                        t -> {
                          if (t == null || !t.officeId.equals(office.id)) {
                            throw templateNotFound();
                          }
                          return new OfficeTemplate(office, t);
                        }));
  }

  private static void validate(Office office, TemplateEdit in) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (in.weekday() == null || in.weekday() < 1 || in.weekday() > 7) {
      errors.add(new Problem.FieldError("weekday", "RANGE", "星期应为 1（周一）到 7（周日）"));
    }
    if (in.start() == null || in.end() == null || !in.end().isAfter(in.start())) {
      errors.add(new Problem.FieldError("end", "RANGE", "结束时间应晚于开始时间"));
    }
    if (in.service() == null || !office.offers(in.service())) {
      errors.add(new Problem.FieldError("service", "SERVICE_NOT_OFFERED", "时段的业务须在登记处办理的业务之内"));
    }
    if (in.capacity() == null || in.capacity() < 1 || in.capacity() > 500) {
      errors.add(new Problem.FieldError("capacity", "RANGE", "每个时段的名额应在 1 到 500 之间"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
  }

  private static void apply(SlotTemplate t, TemplateEdit in) {
    t.weekday = in.weekday();
    t.startTime = in.start();
    t.endTime = in.end();
    t.service = in.service();
    t.capacity = in.capacity();
  }

  private static Uni<Void> requireNoOverlap(SlotTemplate t) {
    return SlotTemplate.<SlotTemplate>list(
            "officeId = ?1 and weekday = ?2 and service = ?3 and id <> ?4",
            t.officeId,
            t.weekday,
            t.service,
            t.id)
        .invoke(
            others -> {
              for (SlotTemplate o : others) {
                if (o.startTime.isBefore(t.endTime) && t.startTime.isBefore(o.endTime)) {
                  throw ProblemException.conflict(
                          "TEMPLATE_OVERLAPS",
                          "与已有的时段 " + o.startTime + "-" + o.endTime + " 重叠，同一业务的时段不能重叠")
                      .with("templateId", o.id.toString());
                }
              }
            })
        .replaceWithVoid();
  }

  // ---------------------------------------------------------------- special days

  @WithSession
  public Uni<List<SpecialDayView>> specialDays(StaffScope staff, UUID officeId) {
    return officeInScope(staff, officeId)
        .chain(office -> SpecialDay.<SpecialDay>list("officeId = ?1 order by day", office.id))
        .map(l -> l.stream().map(OfficeAdminService::view).toList());
  }

  @WithTransaction
  public Uni<SpecialDayView> addSpecialDay(StaffScope staff, UUID officeId, SpecialDayEdit in) {
    return officeInScope(staff, officeId)
        .chain(
            office -> {
              validate(in, clock.today());
              SpecialDay d = new SpecialDay();
              d.id = UUID.randomUUID();
              d.officeId = office.id;
              return requireDayFree(office.id, in.date(), d.id)
                  .chain(
                      () -> {
                        apply(d, in);
                        return d.persist();
                      })
                  .chain(() -> resync(office))
                  .replaceWith(() -> view(d));
            });
  }

  @WithTransaction
  public Uni<SpecialDayView> updateSpecialDay(
      StaffScope staff, UUID officeId, UUID dayId, SpecialDayEdit in) {
    return specialDay(staff, officeId, dayId)
        .chain(
            pair -> {
              SpecialDay d = pair.day();
              validate(in, clock.today());
              String mode = mode(in);
              boolean dateChanged = !d.day.equals(in.date());
              boolean modeChanged = !d.mode.equals(mode);
              boolean lotteryChanged =
                  modeChanged
                      || !Objects.equals(d.registrationOpens, in.registrationOpens())
                      || !Objects.equals(d.registrationCloses, in.registrationCloses())
                      || !Objects.equals(d.drawAt, in.drawAt())
                      || !Objects.equals(d.confirmHours, in.confirmHours());
              if (d.drawnAt != null && (dateChanged || lotteryChanged)) {
                throw ProblemException.conflict("LOTTERY_ALREADY_DRAWN", "该日摇号已开奖，不能再修改日期和摇号设置");
              }
              return entries(d.id)
                  .chain(
                      n -> {
                        if (n > 0 && (dateChanged || modeChanged)) {
                          throw ProblemException.conflict(
                                  "LOTTERY_HAS_ENTRIES", "该日已有 " + n + " 对新人报名摇号，不能修改日期或取消摇号")
                              .with("entries", n);
                        }
                        return requireDayFree(pair.office().id, in.date(), d.id);
                      })
                  .chain(
                      () -> {
                        apply(d, in);
                        return resync(pair.office());
                      })
                  .replaceWith(() -> view(d));
            });
  }

  @WithTransaction
  public Uni<Void> deleteSpecialDay(StaffScope staff, UUID officeId, UUID dayId) {
    return specialDay(staff, officeId, dayId)
        .chain(
            pair ->
                LotteryEntry.count("specialDayId", pair.day().id)
                    .chain(
                        n -> {
                          if (n > 0) {
                            throw ProblemException.conflict(
                                "LOTTERY_HAS_ENTRIES", "该日已有摇号报名记录，不能删除");
                          }
                          return pair.day().delete();
                        })
                    .chain(() -> resync(pair.office())))
        .replaceWithVoid();
  }

  private record OfficeDay(Office office, SpecialDay day) {}

  private Uni<OfficeDay> specialDay(StaffScope staff, UUID officeId, UUID dayId) {
    return officeInScope(staff, officeId)
        .chain(
            office ->
                SpecialDay.<SpecialDay>findById(dayId)
                    .map(
                        d -> {
                          if (d == null || !d.officeId.equals(office.id)) {
                            throw specialDayNotFound();
                          }
                          return new OfficeDay(office, d);
                        }));
  }

  private static Uni<Long> entries(UUID dayId) {
    return LotteryEntry.count(
        "specialDayId = ?1 and status <> ?2", dayId, LotteryEntry.Status.WITHDRAWN);
  }

  private static Uni<Void> requireDayFree(UUID officeId, LocalDate day, UUID except) {
    return SpecialDay.count("officeId = ?1 and day = ?2 and id <> ?3", officeId, day, except)
        .invoke(
            n -> {
              if (n > 0) {
                throw ProblemException.conflict("SPECIAL_DAY_EXISTS", day + " 已设为特殊日期，请修改原记录")
                    .with("date", day.toString());
              }
            })
        .replaceWithVoid();
  }

  private static String mode(SpecialDayEdit in) {
    return in.mode() == null ? SpecialDay.MODE_FIRST_COME : in.mode().trim();
  }

  private static void validate(SpecialDayEdit in, LocalDate today) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (in.date() == null) {
      errors.add(new Problem.FieldError("date", "REQUIRED", "请填写日期"));
    } else if (in.date().isBefore(today)) {
      errors.add(new Problem.FieldError("date", "SPECIAL_DAY_IN_PAST", "不能设置已过去的日期"));
    }
    if (blank(in.name()) || in.name().length() > 32) {
      errors.add(new Problem.FieldError("name", "REQUIRED", "请填写名称（不超过 32 字）"));
    }
    if (in.extraCapacity() != null && (in.extraCapacity() < 0 || in.extraCapacity() > 500)) {
      errors.add(new Problem.FieldError("extraCapacity", "RANGE", "加号数应在 0 到 500 之间"));
    }
    String mode = mode(in);
    if (!SpecialDay.MODE_FIRST_COME.equals(mode) && !SpecialDay.MODE_LOTTERY.equals(mode)) {
      errors.add(
          new Problem.FieldError("mode", "UNKNOWN_MODE", "模式应为 FIRST_COME（先到先得）或 LOTTERY（摇号）"));
    } else if (SpecialDay.MODE_LOTTERY.equals(mode)) {
      if (in.registrationOpens() == null
          || in.registrationCloses() == null
          || !in.registrationCloses().isAfter(in.registrationOpens())) {
        errors.add(
            new Problem.FieldError("registrationCloses", "RANGE", "请填写摇号报名的开始和截止时间，截止应晚于开始"));
      }
      if (in.drawAt() == null
          || (in.registrationCloses() != null && in.drawAt().isBefore(in.registrationCloses()))
          || (in.date() != null
              && !in.drawAt().isBefore(in.date().atStartOfDay(AppClock.ZONE).toInstant()))) {
        errors.add(new Problem.FieldError("drawAt", "RANGE", "开奖时间应在报名截止之后、登记日之前"));
      }
      if (in.confirmHours() == null || in.confirmHours() < 1 || in.confirmHours() > 168) {
        errors.add(new Problem.FieldError("confirmHours", "RANGE", "中签确认时限应在 1 到 168 小时之间"));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
  }

  private static void apply(SpecialDay d, SpecialDayEdit in) {
    String mode = mode(in);
    d.day = in.date();
    d.name = in.name().trim();
    d.extraCapacity = in.extraCapacity() == null ? 0 : in.extraCapacity();
    d.opensClosed = Boolean.TRUE.equals(in.opensClosedDay());
    d.extendedUntil = in.extendedUntil();
    if (SpecialDay.MODE_LOTTERY.equals(mode)) {
      if (d.seed == null) {
        d.seed = LotteryDraw.newSeed();
        d.seedSha256 = LotteryDraw.sha256Hex(d.seed);
      }
      d.registrationOpens = in.registrationOpens();
      d.registrationCloses = in.registrationCloses();
      d.drawAt = in.drawAt();
      d.confirmHours = in.confirmHours();
    } else {
      d.seed = null;
      d.seedSha256 = null;
      d.registrationOpens = null;
      d.registrationCloses = null;
      d.drawAt = null;
      d.confirmHours = null;
    }
    d.mode = mode;
  }

  // ---------------------------------------------------------------- shared

  /** Flushes the edit, then re-plans the office's window (which may refuse the edit). */
  private Uni<Integer> resync(Office office) {
    return Panache.getSession().chain(s -> s.flush()).chain(() -> offices.resync(office));
  }

  private static Uni<Office> officeInScope(StaffScope staff, UUID officeId) {
    return Office.<Office>findById(officeId)
        .map(
            office -> {
              if (office == null || !staff.coversOffice(office.id.toString())) {
                throw OfficeService.officeNotFound();
              }
              return office;
            });
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static TemplateView view(SlotTemplate t) {
    return new TemplateView(t.id, t.weekday, t.startTime, t.endTime, t.service, t.capacity);
  }

  static SpecialDayView view(SpecialDay d) {
    return new SpecialDayView(
        d.id,
        d.day,
        d.name,
        d.extraCapacity,
        d.opensClosed,
        d.extendedUntil,
        d.mode,
        d.registrationOpens,
        d.registrationCloses,
        d.drawAt,
        d.confirmHours,
        d.seedSha256,
        d.drawnAt,
        d.entryCount);
  }

  static ProblemException templateNotFound() {
    return ProblemException.notFound("TEMPLATE_NOT_FOUND", "未找到该预约时段模板");
  }

  static ProblemException specialDayNotFound() {
    return ProblemException.notFound("SPECIAL_DAY_NOT_FOUND", "未找到该特殊日期");
  }
}
