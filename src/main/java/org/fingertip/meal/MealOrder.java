package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A meal ordered for an elder, by the elder or a family proxy, with its price breakdown. */
@Entity
@Table(name = "meal_order")
public class MealOrder extends PanacheEntityBase {

  /** Where an order stands. */
  public enum Status {
    CONFIRMED,
    CANCELLED,
    SERVED,
    MISSED
  }

  @Id public UUID id;

  /** Short pickup code, read out or typed at the counter. */
  public String code;

  @Column(name = "citizen_id")
  public UUID citizenId;

  @Column(name = "placed_by")
  public UUID placedBy;

  @Column(name = "canteen_id")
  public UUID canteenId;

  @Column(name = "meal_date")
  public LocalDate mealDate;

  @Enumerated(EnumType.STRING)
  @Column(name = "meal_type")
  public MealType mealType;

  @Enumerated(EnumType.STRING)
  public Fulfilment fulfilment;

  @Enumerated(EnumType.STRING)
  public Status status;

  @Enumerated(EnumType.STRING)
  public ElderCategory category;

  public boolean subsidised;

  @Column(name = "dish_total_fen")
  public long dishTotalFen;

  @Column(name = "subsidy_fen")
  public long subsidyFen;

  @Column(name = "donation_fen")
  public long donationFen;

  @Column(name = "payable_fen")
  public long payableFen;

  @Column(name = "price_note")
  public String priceNote;

  @Column(name = "reordered_from")
  public UUID reorderedFrom;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "cancelled_at")
  public Instant cancelledAt;

  @Column(name = "served_at")
  public Instant servedAt;

  @Column(name = "served_by")
  public UUID servedBy;

  public PriceBreakdown price() {
    return new PriceBreakdown(dishTotalFen, subsidyFen, donationFen, payableFen, priceNote);
  }
}
