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

/** A meal a pledge paid for: what the donor sees (never who ate it). */
@Entity
@Table(name = "meal_donation_allocation")
public class DonationAllocation extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "donation_id")
  public UUID donationId;

  @Column(name = "order_id")
  public UUID orderId;

  @Column(name = "amount_fen")
  public long amountFen;

  @Column(name = "canteen_id")
  public UUID canteenId;

  @Column(name = "meal_date")
  public LocalDate mealDate;

  @Enumerated(EnumType.STRING)
  @Column(name = "meal_type")
  public MealType mealType;

  @Enumerated(EnumType.STRING)
  @Column(name = "elder_category")
  public ElderCategory elderCategory;

  @Column(name = "created_at")
  public Instant createdAt;
}
