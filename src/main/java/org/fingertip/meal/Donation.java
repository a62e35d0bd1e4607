package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A pledge (我为老人助一餐) to a canteen pool or a region pool. The ledger columns change only through
 * conditional UPDATEs in {@link MealRepository}; the table enforces pledged = allocated +
 * remaining.
 */
@Entity
@Table(name = "meal_donation")
public class Donation extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "donor_id")
  public UUID donorId;

  @Column(name = "donor_name")
  public String donorName;

  @Column(name = "canteen_id")
  public UUID canteenId;

  @Column(name = "region_code")
  public String regionCode;

  public int meals;

  @Column(name = "amount_per_meal_fen")
  public long amountPerMealFen;

  @Column(name = "pledged_fen")
  public long pledgedFen;

  @Column(name = "allocated_fen")
  public long allocatedFen;

  @Column(name = "remaining_fen")
  public long remainingFen;

  @Column(name = "created_at")
  public Instant createdAt;
}
