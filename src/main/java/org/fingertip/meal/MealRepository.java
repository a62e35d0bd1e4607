package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The counters that must never be oversold or overspent — places per meal, limited dishes, the
 * one-subsidy-per-meal rule, donation pools — changed only by conditional statements here, inside
 * the caller's transaction. A statement that changes no row means "no": the caller fails and the
 * whole transaction rolls back.
 */
@WithSession
@ApplicationScoped
public class MealRepository {

  /** Places of one meal on one day. */
  public record Places(int capacity, int taken) {
    public int left() {
      return Math.max(0, capacity - taken);
    }
  }

  /** A donation allocated to one order. */
  public record Allocation(UUID donationId, long amountFen) {}

  private static Uni<Integer> update(String sql, Map<String, Object> params) {
    return Panache.getSession()
        .chain(
            s -> {
              var q = s.createNativeQuery(sql);
              params.forEach(q::setParameter);
              return q.executeUpdate();
            });
  }

  private static Uni<List<Object[]>> rows(String sql, Map<String, Object> params) {
    return Panache.getSession()
        .chain(
            s -> {
              var q = s.createNativeQuery(sql, Object[].class);
              params.forEach(q::setParameter);
              return q.getResultList();
            });
  }

  /**
   * Takes one place, creating the day's counter with {@code capacity} places the first time anyone
   * orders the meal; false when the meal is full. One statement: the insert, or on an existing
   * counter the conditional increment, which PostgreSQL re-checks on the locked latest row version.
   */
  public Uni<Boolean> takePlace(UUID canteenId, LocalDate date, MealType type, int capacity) {
    if (capacity < 1) {
      // a new counter could hold no place: only an existing one (older capacity) may take it
      return update(
              "UPDATE meal_capacity SET taken = taken + 1 WHERE canteen_id = :c AND meal_date = :d"
                  + " AND meal_type = :t AND taken < capacity",
              Map.of("c", canteenId, "d", date, "t", type.name()))
          .map(n -> n == 1);
    }
    return update(
            "INSERT INTO meal_capacity (canteen_id, meal_date, meal_type, capacity, taken)"
                + " VALUES (:c, :d, :t, :cap, 1) ON CONFLICT (canteen_id, meal_date, meal_type)"
                + " DO UPDATE SET taken = meal_capacity.taken + 1"
                + " WHERE meal_capacity.taken < meal_capacity.capacity",
            Map.of("c", canteenId, "d", date, "t", type.name(), "cap", capacity))
        .map(n -> n == 1);
  }

  public Uni<Void> releasePlace(UUID canteenId, LocalDate date, MealType type) {
    return update(
            "UPDATE meal_capacity SET taken = taken - 1 WHERE canteen_id = :c AND meal_date = :d"
                + " AND meal_type = :t AND taken > 0",
            Map.of("c", canteenId, "d", date, "t", type.name()))
        .replaceWithVoid();
  }

  /** Places taken per meal of a canteen on a date (meals nobody ordered yet are absent). */
  public Uni<Map<MealType, Places>> places(UUID canteenId, LocalDate date) {
    return rows(
            "SELECT meal_type, capacity, taken FROM meal_capacity WHERE canteen_id = :c AND"
                + " meal_date = :d",
            Map.of("c", canteenId, "d", date))
        .map(
            list -> {
              Map<MealType, Places> result = new HashMap<>();
              for (Object[] r : list) {
                result.put(
                    MealType.valueOf((String) r[0]),
                    new Places(((Number) r[1]).intValue(), ((Number) r[2]).intValue()));
              }
              return result;
            });
  }

  /** Sells {@code quantity} of a menu item; false when a limited dish has too few left. */
  public Uni<Boolean> takeDish(UUID menuItemId, int quantity) {
    return update(
            "UPDATE meal_menu_item SET sold = sold + :q WHERE id = :id AND (daily_quantity IS NULL"
                + " OR sold + :q <= daily_quantity)",
            Map.of("id", menuItemId, "q", quantity))
        .map(n -> n == 1);
  }

  public Uni<Void> releaseDish(UUID menuItemId, int quantity) {
    return update(
            "UPDATE meal_menu_item SET sold = GREATEST(0, sold - :q) WHERE id = :id",
            Map.of("id", menuItemId, "q", quantity))
        .replaceWithVoid();
  }

  /** Claims the day's subsidy for this meal type; false when another order already holds it. */
  public Uni<Boolean> claimSubsidy(UUID citizenId, LocalDate date, MealType type, UUID orderId) {
    return update(
            "INSERT INTO meal_subsidy_use (citizen_id, meal_date, meal_type, order_id) VALUES (:c,"
                + " :d, :t, :o) ON CONFLICT DO NOTHING",
            Map.of("c", citizenId, "d", date, "t", type.name(), "o", orderId))
        .map(n -> n == 1);
  }

  public Uni<Void> releaseSubsidy(UUID orderId) {
    return update("DELETE FROM meal_subsidy_use WHERE order_id = :o", Map.of("o", orderId))
        .replaceWithVoid();
  }

  /**
   * Takes up to {@code wantedFen} (never beyond one meal's amount or what is left) from the oldest
   * pledge with money left in the canteen's pool or a pool of a region containing the canteen. Each
   * pledge keeps a reserve for the groups before the elder's: {@code reserveQuarters} of it (0 for
   * TEKUN, 1 for DIBAO, 2 for other 80+ elders) is out of reach. The row lock serialises concurrent
   * orders on one pledge; the CHECK on the table is the backstop.
   */
  public Uni<Optional<Allocation>> allocateDonation(
      UUID canteenId, List<String> lineage, long wantedFen, int reserveQuarters) {
    if (wantedFen <= 0) {
      return Uni.createFrom().item(Optional.empty());
    }
    return rows(
            "WITH pick AS (SELECT id, LEAST(:w, amount_per_meal_fen, remaining_fen - pledged_fen *"
                + " :q / 4) AS amount FROM meal_donation WHERE remaining_fen > pledged_fen * :q / 4"
                + " AND (canteen_id = :c OR region_code IN (:lineage)) ORDER BY created_at, id"
                + " LIMIT 1 FOR UPDATE) UPDATE meal_donation d SET allocated_fen = d.allocated_fen +"
                + " pick.amount, remaining_fen = d.remaining_fen - pick.amount FROM pick WHERE d.id ="
                + " pick.id AND pick.amount > 0 RETURNING d.id, pick.amount",
            Map.of("w", wantedFen, "q", reserveQuarters, "c", canteenId, "lineage", lineage))
        .map(
            list ->
                list.isEmpty()
                    ? Optional.empty()
                    : Optional.of(
                        new Allocation(
                            (UUID) list.get(0)[0], ((Number) list.get(0)[1]).longValue())));
  }

  /** Gives an order's donation back to its pledge (cancelled or missed meal). */
  public Uni<Void> releaseDonation(UUID orderId) {
    return update(
            "WITH a AS (DELETE FROM meal_donation_allocation WHERE order_id = :o RETURNING"
                + " donation_id, amount_fen) UPDATE meal_donation d SET allocated_fen ="
                + " d.allocated_fen - a.amount_fen, remaining_fen = d.remaining_fen + a.amount_fen"
                + " FROM a WHERE d.id = a.donation_id",
            Map.of("o", orderId))
        .replaceWithVoid();
  }
}
