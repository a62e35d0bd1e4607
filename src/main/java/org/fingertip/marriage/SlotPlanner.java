package org.fingertip.marriage;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fingertip.platform.calendar.WorkingDayCalendar;

/**
 * Which slots an office has on a date: pure rules, unit-tested.
 *
 * <ul>
 *   <li>Open on working days of the State Council calendar (closed on statutory holidays, open on
 *       make-up workdays), or on any day a special day opens (5.20 on a Saturday: 为爱加班).
 *   <li>The day's templates are those of its weekday; a make-up weekend day or a special opening
 *       without templates of its own works to Monday's pattern.
 *   <li>A special day adds places to every slot and may extend the hours: one more window per
 *       service from the last closing time to {@code extendedUntil}.
 * </ul>
 */
public final class SlotPlanner {

  private SlotPlanner() {}

  /** A slot to materialise. */
  public record Planned(
      LocalDate day,
      LocalTime start,
      LocalTime end,
      RegistryService service,
      int capacity,
      String special) {}

  /** Template as the planner needs it. */
  public record Window(
      int weekday, LocalTime start, LocalTime end, RegistryService service, int capacity) {}

  /** Special day as the planner needs it. */
  public record Special(
      LocalDate day,
      String name,
      int extraCapacity,
      boolean opensClosed,
      LocalTime extendedUntil) {}

  public static List<Planned> plan(
      LocalDate day, WorkingDayCalendar calendar, List<Window> templates, Special special) {
    boolean open = calendar.isWorkingDay(day) || (special != null && special.opensClosed());
    if (!open) {
      return List.of();
    }
    int weekday = day.getDayOfWeek().getValue();
    List<Window> windows = templates.stream().filter(t -> t.weekday() == weekday).toList();
    if (windows.isEmpty()) {
      windows = templates.stream().filter(t -> t.weekday() == 1).toList();
    }
    int extra = special == null ? 0 : special.extraCapacity();
    String name = special == null ? null : special.name();
    List<Planned> slots = new ArrayList<>();
    Map<RegistryService, Window> lastPerService = new LinkedHashMap<>();
    for (Window w : windows) {
      slots.add(new Planned(day, w.start(), w.end(), w.service(), w.capacity() + extra, name));
      lastPerService.merge(w.service(), w, (a, b) -> a.end().isAfter(b.end()) ? a : b);
    }
    if (special != null && special.extendedUntil() != null) {
      for (Window last : lastPerService.values()) {
        if (special.extendedUntil().isAfter(last.end())) {
          slots.add(
              new Planned(
                  day,
                  last.end(),
                  special.extendedUntil(),
                  last.service(),
                  last.capacity() + extra,
                  name));
        }
      }
    }
    slots.sort(Comparator.comparing(Planned::start).thenComparing(p -> p.service().name()));
    return slots;
  }
}
