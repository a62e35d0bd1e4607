package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /** One dish of an order: its menu item and how many portions. */
  public record Portion(UUID menuItemId, int quantity) {}

  /**
   * What {@link #takeAll} got: the place, the menu items that had enough portions left, and the
   * donation share (true when none was asked for).
   */
  public record Taken(boolean place, Set<UUID> dishes, boolean donation) {}

  /**
   * Takes everything an order needs from the rows every order of the meal shares, in one statement
   * so their locks are held only from here to the commit: one place (creating the day's counter
   * with {@code capacity} places the first time anyone orders the meal), each dish's portions (a
   * limited dish never beyond its daily quantity), and the donation share {@link
   * #donationCandidate} found (never into the pledge's reserve, see {@link #allocateDonation}).
   *
   * <p>Each part is a guarded write that changes nothing when its guard says no; the caller then
   * fails the transaction, which undoes the parts that succeeded (a refused donation share is the
   * exception: the caller allocates again under the pledge's lock). Every order takes the rows in
   * the same order (the place, the dishes in index order, the pledge), so two orders never wait for
   * each other crosswise. The dishes are an IN list, which also keeps this native SELECT out of
   * Hibernate's query-plan cache (see README, Performance).
   */
  public Uni<Taken> takeAll(
      UUID canteenId,
      LocalDate date,
      MealType type,
      int capacity,
      List<Portion> portions,
      Allocation donation,
      int reserveQuarters) {
    Map<String, Object> params = new HashMap<>();
    params.put("c", canteenId);
    params.put("d", date);
    params.put("t", type.name());
    StringBuilder sql = new StringBuilder("WITH p AS (");
    if (capacity < 1) {
      // a new counter could hold no place: only an existing one (older capacity) may take it
      sql.append(
          "UPDATE meal_capacity SET taken = taken + 1 WHERE canteen_id = :c AND meal_date = :d"
              + " AND meal_type = :t AND taken < capacity RETURNING 1");
    } else {
      sql.append(
          "INSERT INTO meal_capacity (canteen_id, meal_date, meal_type, capacity, taken)"
              + " VALUES (:c, :d, :t, :cap, 1) ON CONFLICT (canteen_id, meal_date, meal_type)"
              + " DO UPDATE SET taken = meal_capacity.taken + 1"
              + " WHERE meal_capacity.taken < meal_capacity.capacity RETURNING 1");
      params.put("cap", capacity);
    }
    StringBuilder quantity = new StringBuilder("CASE id");
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < portions.size(); i++) {
      quantity
          .append(" WHEN :m")
          .append(i)
          .append(" THEN CAST(:q")
          .append(i)
          .append(" AS integer)");
      params.put("m" + i, portions.get(i).menuItemId());
      params.put("q" + i, portions.get(i).quantity());
      ids.add(portions.get(i).menuItemId());
    }
    quantity.append(" END");
    params.put("items", ids);
    sql.append("), d AS (UPDATE meal_menu_item SET sold = sold + ")
        .append(quantity)
        .append(" WHERE id IN (:items) AND (daily_quantity IS NULL OR sold + ")
        .append(quantity)
        .append(" <= daily_quantity) RETURNING id)");
    if (donation != null) {
      sql.append(
          ", g AS (UPDATE meal_donation SET allocated_fen = allocated_fen + :a, remaining_fen ="
              + " remaining_fen - :a WHERE id = :g AND remaining_fen - :a >= pledged_fen * :rq / 4"
              + " RETURNING 1)");
      params.put("a", donation.amountFen());
      params.put("g", donation.donationId());
      params.put("rq", reserveQuarters);
    }
    // UNION ALL reads (and so runs) the parts in this order
    sql.append(" SELECT 'P', CAST(NULL AS uuid) FROM p UNION ALL SELECT 'D', id FROM d");
    if (donation != null) {
      sql.append(" UNION ALL SELECT 'G', CAST(NULL AS uuid) FROM g");
    }
    return rows(sql.toString(), params)
        .map(
            list -> {
              boolean place = false;
              boolean pledge = donation == null;
              Set<UUID> dishes = new HashSet<>();
              for (Object[] r : list) {
                switch ((String) r[0]) {
                  case "P" -> place = true;
                  case "D" -> dishes.add((UUID) r[1]);
                  default -> pledge = true;
                }
              }
              return new Taken(place, dishes, pledge);
            });
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

  /**
   * The share {@link #allocateDonation} would take now, read without a lock: the oldest pledge with
   * money beyond the reserve in the canteen's pool or a pool of a region containing it. Nothing is
   * taken: {@link #takeDonation} does that, as late as possible in the order's transaction. One HQL
   * statement without an IN list, so its plan is cached.
   */
  public Uni<Optional<Allocation>> donationCandidate(
      UUID canteenId, List<String> lineage, long wantedFen, int reserveQuarters) {
    if (wantedFen <= 0) {
      return Uni.createFrom().item(Optional.empty());
    }
    StringBuilder pools = new StringBuilder("d.canteenId = :c");
    for (int i = 0; i < lineage.size(); i++) {
      pools.append(" or d.regionCode = :r").append(i);
    }
    return Panache.getSession()
        .chain(
            s -> {
              var q =
                  s.createQuery(
                          "select d.id, d.amountPerMealFen, d.remainingFen - d.pledgedFen * :q / 4"
                              + " from Donation d where d.remainingFen > d.pledgedFen * :q / 4"
                              + " and ("
                              + pools
                              + ") order by d.createdAt, d.id",
                          Object[].class)
                      .setParameter("q", reserveQuarters)
                      .setParameter("c", canteenId)
                      .setMaxResults(1);
              for (int i = 0; i < lineage.size(); i++) {
                q.setParameter("r" + i, lineage.get(i));
              }
              return q.getResultList();
            })
        .map(
            list -> {
              if (list.isEmpty()) {
                return Optional.empty();
              }
              Object[] r = list.get(0);
              long amount =
                  Math.min(
                      wantedFen,
                      Math.min(((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
              return amount > 0
                  ? Optional.of(new Allocation((UUID) r[0], amount))
                  : Optional.empty();
            });
  }

  /**
   * Corrects the payable amount in an order's confirmation messages (still in the outbox, written
   * in the same transaction) when its donation share changed after they were recorded.
   */
  public Uni<Void> repriceConfirmation(UUID orderId, long payableFen) {
    return update(
            "UPDATE notification_outbox SET params = jsonb_set(params, ARRAY['payableFen'],"
                + " to_jsonb(CAST(:p AS bigint))) WHERE dedup_key = :k1 OR dedup_key = :k2",
            Map.of(
                "p",
                payableFen,
                "k1",
                "meal:" + orderId + ":confirmed",
                "k2",
                "meal:" + orderId + ":confirmed:family"))
        .replaceWithVoid();
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
