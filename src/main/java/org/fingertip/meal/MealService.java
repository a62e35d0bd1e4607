package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;
import java.util.UUID;
import org.fingertip.platform.web.AppClock;

/** One meal a canteen serves: places per day, when ordering closes, when it is served. */
@Entity
@Table(name = "meal_service")
@IdClass(MealService.Key.class)
public class MealService extends PanacheEntityBase {

  /** Composite key. */
  public static class Key implements Serializable {
    public UUID canteenId;
    public MealType mealType;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(canteenId, k.canteenId)
          && Objects.equals(mealType, k.mealType);
    }

    @Override
    public int hashCode() {
      return Objects.hash(canteenId, mealType);
    }
  }

  @Id
  @Column(name = "canteen_id")
  public UUID canteenId;

  @Id
  @Enumerated(EnumType.STRING)
  @Column(name = "meal_type")
  public MealType mealType;

  public int capacity;

  @Column(name = "cutoff_time")
  public LocalTime cutoffTime;

  @Column(name = "cutoff_days_before")
  public int cutoffDaysBefore;

  @Column(name = "serve_from")
  public LocalTime serveFrom;

  @Column(name = "serve_until")
  public LocalTime serveUntil;

  /** The last instant an order for this meal on {@code date} may be placed or cancelled. */
  public Instant cutoff(LocalDate date) {
    return date.minusDays(cutoffDaysBefore).atTime(cutoffTime).atZone(AppClock.ZONE).toInstant();
  }

  /** After this instant an unserved order is missed. */
  public Instant closing(LocalDate date) {
    return date.atTime(serveUntil).atZone(AppClock.ZONE).toInstant();
  }
}
