package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * Slots and the two statements that move their counters. Taking a place is one conditional UPDATE:
 * PostgreSQL re-checks {@code booked < capacity} on the locked, latest row version, so under any
 * concurrency and on any number of instances at most {@code capacity} takers see one row updated.
 */
@WithSession
@ApplicationScoped
public class SlotRepository implements PanacheRepositoryBase<Slot, UUID> {

  /** Takes one place; false when the slot is full. */
  public Uni<Boolean> takePlace(UUID slotId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE marriage_slot SET booked = booked + 1"
                            + " WHERE id = :id AND booked < capacity")
                    .setParameter("id", slotId)
                    .executeUpdate())
        .map(n -> n == 1);
  }

  /** Gives one place back. */
  public Uni<Void> releasePlace(UUID slotId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE marriage_slot SET booked = booked - 1 WHERE id = :id AND booked > 0")
                    .setParameter("id", slotId)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /** One indexed read: (office_id, day, service, start_time) is the unique key. */
  public Uni<List<Slot>> ofDay(UUID officeId, LocalDate day, RegistryService service) {
    return service == null
        ? list("officeId = ?1 and day = ?2 order by startTime, service", officeId, day)
        : list(
            "officeId = ?1 and day = ?2 and service = ?3 order by startTime",
            officeId,
            day,
            service);
  }

  /** Released, future slots of the office and service that still have places, soonest first. */
  public Uni<List<Slot>> nextWithPlaces(
      UUID officeId,
      RegistryService service,
      LocalDate today,
      LocalTime now,
      LocalDate lastReleased,
      int limit) {
    return find(
            "officeId = ?1 and service = ?2 and booked < capacity and day <= ?5"
                + " and (day > ?3 or (day = ?3 and startTime > ?4)) order by day, startTime",
            officeId,
            service,
            today,
            now,
            lastReleased)
        .page(0, limit)
        .list();
  }
}
