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
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * The day's place counter of one meal, mapped for reading only: {@link MealRepository} changes it
 * with conditional statements (never through this entity), so a read may be stale and decides
 * nothing but an early "full" answer.
 */
@Entity
@Table(name = "meal_capacity")
@IdClass(MealCapacity.Key.class)
public class MealCapacity extends PanacheEntityBase {

  /** Composite key. */
  public static class Key implements Serializable {
    public UUID canteenId;
    public LocalDate mealDate;
    public MealType mealType;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(canteenId, k.canteenId)
          && Objects.equals(mealDate, k.mealDate)
          && Objects.equals(mealType, k.mealType);
    }

    @Override
    public int hashCode() {
      return Objects.hash(canteenId, mealDate, mealType);
    }
  }

  @Id
  @Column(name = "canteen_id")
  public UUID canteenId;

  @Id
  @Column(name = "meal_date")
  public LocalDate mealDate;

  @Id
  @Enumerated(EnumType.STRING)
  @Column(name = "meal_type")
  public MealType mealType;

  public int capacity;

  public int taken;
}
