package org.fingertip.platform.calendar;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;

/**
 * The holiday calendar as data. Reads are served from a snapshot that is at most a minute old
 * (admins edit it a few times a year; every instance sees an edit within that minute).
 */
@ApplicationScoped
public class CalendarService {

  private static final Duration MAX_AGE = Duration.ofMinutes(1);

  private final CalendarRepository repository;
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

  public CalendarService(CalendarRepository repository) {
    this.repository = repository;
  }

  private record Snapshot(WorkingDayCalendar calendar, long loadedAtNanos) {}

  /** Day entry as clients see and send it. */
  public record DayView(LocalDate date, DayKind kind, String name) {}

  @WithSession
  public Uni<WorkingDayCalendar> calendar() {
    Snapshot current = snapshot.get();
    if (current != null && System.nanoTime() - current.loadedAtNanos() < MAX_AGE.toNanos()) {
      return Uni.createFrom().item(current.calendar());
    }
    return repository
        .listAll()
        .map(
            days -> {
              Map<LocalDate, DayKind> map = new HashMap<>();
              days.forEach(d -> map.put(d.day, d.kind));
              WorkingDayCalendar calendar = new WorkingDayCalendar(map);
              snapshot.set(new Snapshot(calendar, System.nanoTime()));
              return calendar;
            });
  }

  @WithSession
  public Uni<List<DayView>> year(int year) {
    return repository
        .listYear(year)
        .map(days -> days.stream().map(d -> new DayView(d.day, d.kind, d.name)).toList());
  }

  /**
   * Replaces the exceptions of one year (admins enter next year's when the State Council publishes
   * it).
   */
  @WithTransaction
  public Uni<List<DayView>> replaceYear(int year, List<DayView> days) {
    List<Problem.FieldError> errors = new ArrayList<>();
    var seen = new HashSet<LocalDate>();
    for (int i = 0; i < days.size(); i++) {
      DayView d = days.get(i);
      String field = "days[" + i + "]";
      if (d == null
          || d.date() == null
          || d.kind() == null
          || d.name() == null
          || d.name().isBlank()) {
        errors.add(new Problem.FieldError(field, "REQUIRED", "日期、类型和名称都必须填写"));
        continue;
      }
      if (d.date().getYear() != year) {
        errors.add(new Problem.FieldError(field + ".date", "WRONG_YEAR", "日期不在 " + year + " 年内"));
      }
      if (!seen.add(d.date())) {
        errors.add(new Problem.FieldError(field + ".date", "DUPLICATE", "同一天不能出现两次"));
      }
      boolean weekend =
          d.date().getDayOfWeek() == DayOfWeek.SATURDAY
              || d.date().getDayOfWeek() == DayOfWeek.SUNDAY;
      if (d.kind() == DayKind.WORKDAY && !weekend) {
        errors.add(new Problem.FieldError(field + ".kind", "WORKDAY_NOT_WEEKEND", "调休上班日应为周六或周日"));
      }
      if (d.name().length() > 32) {
        errors.add(new Problem.FieldError(field + ".name", "LENGTH", "名称不超过 32 个字"));
      }
    }
    if (!errors.isEmpty()) {
      return Uni.createFrom().failure(ProblemException.validation(errors));
    }
    List<CalendarDay> entities =
        days.stream()
            .map(
                d -> {
                  CalendarDay e = new CalendarDay();
                  e.day = d.date();
                  e.kind = d.kind();
                  e.name = d.name().trim();
                  return e;
                })
            .collect(Collectors.toList());
    return repository
        .deleteYear(year)
        // a year without exceptions is valid; Panache refuses to persist an empty list
        .chain(
            () -> entities.isEmpty() ? Uni.createFrom().voidItem() : repository.persist(entities))
        .invoke(() -> snapshot.set(null))
        .replaceWith(() -> entities.stream().map(e -> new DayView(e.day, e.kind, e.name)).toList());
  }
}
