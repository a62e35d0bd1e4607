package org.fingertip.platform.calendar;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

@WithSession
@ApplicationScoped
public class CalendarRepository implements PanacheRepositoryBase<CalendarDay, LocalDate> {

  public Uni<List<CalendarDay>> listYear(int year) {
    return list(
        "day >= ?1 and day <= ?2 order by day",
        LocalDate.of(year, 1, 1),
        LocalDate.of(year, 12, 31));
  }

  public Uni<Long> deleteYear(int year) {
    return delete("day >= ?1 and day <= ?2", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
  }
}
