package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A dish on a canteen's menu for one date and meal. {@code sold} is only ever changed by
 * conditional UPDATEs in {@link MealRepository}, never through this entity.
 */
@Entity
@Table(name = "meal_menu_item")
public class MenuItem extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "canteen_id")
  public UUID canteenId;

  @Column(name = "meal_date")
  public LocalDate mealDate;

  @Enumerated(EnumType.STRING)
  @Column(name = "meal_type")
  public MealType mealType;

  @Column(name = "dish_id")
  public UUID dishId;

  @Column(name = "price_fen")
  public long priceFen;

  @Column(name = "daily_quantity")
  public Integer dailyQuantity;

  public int sold;
}
