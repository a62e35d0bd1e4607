package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One line of an order, priced when ordered. */
@Entity
@Table(name = "meal_order_item")
@IdClass(MealOrderItem.Key.class)
public class MealOrderItem extends PanacheEntityBase {

  /** Composite key. */
  public static class Key implements Serializable {
    public UUID orderId;
    public UUID menuItemId;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(orderId, k.orderId)
          && Objects.equals(menuItemId, k.menuItemId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(orderId, menuItemId);
    }
  }

  @Id
  @Column(name = "order_id")
  public UUID orderId;

  @Id
  @Column(name = "menu_item_id")
  public UUID menuItemId;

  @Column(name = "dish_id")
  public UUID dishId;

  public String name;

  @Column(name = "unit_price_fen")
  public long unitPriceFen;

  public int quantity;
}
