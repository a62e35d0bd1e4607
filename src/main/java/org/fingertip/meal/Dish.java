package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A dish a canteen cooks; its id stays the same across the menus that list it. */
@Entity
@Table(name = "meal_dish")
public class Dish extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "canteen_id")
  public UUID canteenId;

  public String name;

  public String[] tags = new String[0];
}
