package org.fingertip.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The morning rush (issue 7): one canteen's lunch, {@code bench.mealCapacity} places (default
 * 2,500), with a limited dish ({@code bench.mealDish} portions, default 200) and a canteen donation
 * pool; the cutoff lies later today on the real clock (tomorrow's lunch, ordered the evening before
 * — the app's clock cannot be moved in the prod profile). Every request is another real-name-bound
 * elder (61 to 86 on the meal date) ordering {@code POST /api/v1/meals/orders} (with an {@code
 * Idempotency-Key}) for pickup: a main dish, and every tenth elder the limited dish too. Losers get
 * {@code 409 MEAL_CAPACITY_FULL} or {@code 409 DISH_SOLD_OUT}. Correctness over the whole app run:
 * nothing oversold (places taken and confirmed orders never above capacity, limited dish never
 * above its quantity, counters equal the orders), orders in the database equal the {@code 201}s,
 * the donation ledger balances (pledged = allocated + remaining, allocated = the allocations = the
 * orders' donation parts), no 5xx. Raw: the statements {@code OrderService.place} issues, on a
 * second canteen.
 */
final class MealRushScenario implements Scenario {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final List<String> LINEAGE = List.of("320000", "321300", "321302");

  /** About the size of the app's OrderView JSON, for the recorded idempotent answer. */
  private static final String RAW_ANSWER =
      "{\"code\":\"A7K2M9\",\"canteenName\":\"幸福街道长者食堂（基线）\",\"mealType\":\"LUNCH\","
          + "\"fulfilment\":\"PICKUP\",\"status\":\"CONFIRMED\",\"category\":\"AGE_70_79\","
          + "\"items\":[{\"name\":\"番茄炒蛋套餐\",\"unitPriceFen\":1200,\"quantity\":1}],"
          + "\"price\":{\"dishTotalFen\":1200,\"subsidyFen\":400,\"donationFen\":0,"
          + "\"payableFen\":800},\"qrToken\":\""
          + "x".repeat(120)
          + "\"}";

  private final int clients;
  private final int capacity = Integer.getInteger("bench.mealCapacity", 2_500);
  private final int limited = Integer.getInteger("bench.mealDish", 200);
  private final RushPeople people =
      new RushPeople("rush-e-", Integer.getInteger("bench.rushCitizens", 40_000));

  /** The warm-up's elders and the raw side's: never the measured lunch's. */
  private final RushPeople warmUpPeople = new RushPeople("rush-ew-", 60_000);

  private final RushPeople rawPeople =
      new RushPeople("rush-er-", Integer.getInteger("bench.rushCitizens", 40_000));

  private final LongAdder wraps = new LongAdder();
  private LocalDate day;
  private Canteen app;
  private Canteen raw;
  private final LongAdder attempts = new LongAdder();
  private final LongAdder created = new LongAdder();
  private final LongAdder warmCreated = new LongAdder();
  private final LongAdder warmRefused = new LongAdder();

  /** Per client, the last sequence number sent in the warm-up (each client sends in order). */
  private long[] lastWarmUpSeq;

  private final LongAdder full = new LongAdder();
  private final LongAdder soldOut = new LongAdder();
  private final Map<String, LongAdder> other = new ConcurrentHashMap<>();

  private record Canteen(UUID id, UUID main, UUID extra, UUID mainItem, UUID extraItem) {}

  /** The warm-up's meal: the same canteen's dinner, with places for every warm-up order. */
  private static final int WARM_UP_PLACES = 1_000_000;

  /** Every fourth warm-up order goes to the canteen's breakfast, sold out after one order. */
  private static boolean warmUpLoser(int i) {
    return i % 4 == 0;
  }

  MealRushScenario(int clients) {
    this.clients = clients;
  }

  @Override
  public String name() {
    return "rush: elder lunch orders (write, " + capacity + " places)";
  }

  @Override
  public int clients() {
    return clients;
  }

  /**
   * Longer than the other scenarios' (default 40 s, {@code bench.rushWarmup}): on 2 cores the JIT
   * compiler is still busy with the order path after 10 s of it.
   */
  @Override
  public Duration warmUp(Duration configured) {
    return Duration.ofSeconds(Long.getLong("bench.rushWarmup", 40));
  }

  /**
   * None: the raw run's measured period must start on an unsold lunch too, as the app's does, and
   * there is no JIT compiler between JDBC and PostgreSQL worth warming up.
   */
  @Override
  public Duration rawWarmUp(Duration configured) {
    return Duration.ZERO;
  }

  @Override
  public void prepare(BenchContext context) throws Exception {
    day = LocalDate.now(ZONE).plusDays(1);
    lastWarmUpSeq = new long[clients];
    java.util.Arrays.fill(lastWarmUpSeq, -1);
    // elders born 1940-01-01 .. 1965-09: 61 to 86 on the meal date, all three age bands
    people.insert(context, "1940-01-01", 9400, 24_000);
    // tokens minted during the warm-up, which is not measured; the raw side needs none
    warmUpPeople.insert(context, "1940-01-01", 9400, 0);
    rawPeople.insert(context, "1940-01-01", 9400, 0);
    LocalTime now = LocalTime.now(ZONE);
    LocalTime cutoff =
        now.isAfter(LocalTime.of(22, 0)) ? LocalTime.of(23, 59, 59) : now.plusHours(2);
    try (Connection c = context.connect()) {
      app = canteen(c, "幸福街道长者食堂（压测）", cutoff);
      raw = canteen(c, "幸福街道长者食堂（基线）", cutoff);
      warmUpDinner(c, app, cutoff);
      String[][] rules = {{"AGE_60_69", "300"}, {"AGE_70_79", "400"}, {"AGE_80_PLUS", "600"}};
      for (String[] r : rules) {
        Sql.update(
            c,
            "INSERT INTO meal_subsidy_rule (id, region_code, category, amount_fen, effective_from,"
                + " note) VALUES (?, '321300', ?, ?, date '2020-01-01', '宿迁市助餐补贴（压测）')",
            UUID.randomUUID(),
            r[0],
            Long.parseLong(r[1]));
      }
    }
  }

  private Canteen canteen(Connection c, String name, LocalTime cutoff) throws SQLException {
    UUID id = UUID.randomUUID();
    Sql.update(
        c,
        "INSERT INTO meal_canteen (id, name, region_code, address, latitude, longitude,"
            + " operator_name, phone, opening, delivery_offered, delivery_radius_m, created_at)"
            + " VALUES (?, ?, '321302', '宿迁市宿城区幸福路 8 号', 33.95, 118.29, '宿城区颐养服务中心',"
            + " '0527-84301234', 'DAILY', false, 0, now())",
        id,
        name);
    Sql.update(
        c,
        "INSERT INTO meal_service (canteen_id, meal_type, capacity, cutoff_time,"
            + " cutoff_days_before, serve_from, serve_until) VALUES (?, 'LUNCH', ?, ?, 1,"
            + " time '11:00', time '13:00')",
        id,
        capacity,
        cutoff);
    UUID main = UUID.randomUUID();
    UUID extra = UUID.randomUUID();
    Sql.update(
        c,
        "INSERT INTO meal_dish (id, canteen_id, name, tags) VALUES (?, ?, '番茄炒蛋套餐',"
            + " ARRAY['软食']), (?, ?, '清蒸鲈鱼', ARRAY['低盐'])",
        main,
        id,
        extra,
        id);
    UUID mainItem = UUID.randomUUID();
    UUID extraItem = UUID.randomUUID();
    Sql.update(
        c,
        "INSERT INTO meal_menu_item (id, canteen_id, meal_date, meal_type, dish_id, price_fen,"
            + " daily_quantity, sold) VALUES (?, ?, ?, 'LUNCH', ?, 1200, NULL, 0),"
            + " (?, ?, ?, 'LUNCH', ?, 800, ?, 0)",
        mainItem,
        id,
        day,
        main,
        extraItem,
        id,
        day,
        extra,
        limited);
    // 我为老人助一餐: 20,000 meals x 3 yuan for this canteen, donated by one of the citizens
    Sql.update(
        c,
        "INSERT INTO meal_donation (id, donor_id, donor_name, canteen_id, meals,"
            + " amount_per_meal_fen, pledged_fen, allocated_fen, remaining_fen, created_at)"
            + " VALUES (?, ?, '宿迁爱心企业', ?, 20000, 300, 6000000, 0, 6000000, now())",
        UUID.randomUUID(),
        people.id(people.size - 1),
        id);
    return new Canteen(id, main, extra, mainItem, extraItem);
  }

  /**
   * The warm-up orders the same dishes for the canteen's dinner, so the JIT compiler has done its
   * work before the measured period and the lunch's places are all still there when it starts (the
   * app of a real morning rush has been serving since the morning).
   */
  private void warmUpDinner(Connection c, Canteen canteen, LocalTime cutoff) throws SQLException {
    // dinner for the winners' path; breakfast (one place) for the refused orders' path
    String[][] meals = {
      {"DINNER", String.valueOf(WARM_UP_PLACES), "17:00", "19:00"},
      {"BREAKFAST", "1", "07:00", "08:30"}
    };
    for (String[] meal : meals) {
      Sql.update(
          c,
          "INSERT INTO meal_service (canteen_id, meal_type, capacity, cutoff_time,"
              + " cutoff_days_before, serve_from, serve_until) VALUES (?, ?, ?, ?, 1,"
              + " CAST(? AS time), CAST(? AS time))",
          canteen.id(),
          meal[0],
          Integer.parseInt(meal[1]),
          cutoff,
          meal[2],
          meal[3]);
      Sql.update(
          c,
          "INSERT INTO meal_menu_item (id, canteen_id, meal_date, meal_type, dish_id, price_fen,"
              + " daily_quantity, sold) VALUES (?, ?, ?, ?, ?, 1200, NULL, 0),"
              + " (?, ?, ?, ?, ?, 800, ?, 0)",
          UUID.randomUUID(),
          canteen.id(),
          day,
          meal[0],
          canteen.main(),
          UUID.randomUUID(),
          canteen.id(),
          day,
          meal[0],
          canteen.extra(),
          WARM_UP_PLACES);
    }
  }

  private static boolean wantsExtra(int i) {
    return i % 10 == 0;
  }

  @Override
  public HttpRequest request(BenchContext context, int client, long seq) throws Exception {
    return request(context, client, seq, false);
  }

  @Override
  public HttpRequest request(BenchContext context, int client, long seq, boolean warmUp)
      throws Exception {
    // the measured lunch's elders are counted from 0 when the measured period starts, so none of
    // them ordered before and the first 24,000 hold a token minted before the clock started
    RushPeople pool = warmUp ? warmUpPeople : people;
    long n = warmUp ? seq : seq - lastWarmUpSeq[client] - 1;
    if (warmUp) {
      lastWarmUpSeq[client] = seq;
    } else if (people.wrapped(clients, client, n)) {
      wraps.increment();
    }
    int i = pool.index(clients, client, n);
    String items =
        "{\"dishId\":\""
            + app.main()
            + "\",\"quantity\":1}"
            + (wantsExtra(i) ? ",{\"dishId\":\"" + app.extra() + "\",\"quantity\":1}" : "");
    String body =
        "{\"canteenId\":\""
            + app.id()
            + "\",\"date\":\""
            + day
            + "\",\"mealType\":\""
            + (!warmUp ? "LUNCH" : warmUpLoser(i) ? "BREAKFAST" : "DINNER")
            + "\",\"items\":["
            + items
            + "],\"fulfilment\":\"PICKUP\"}";
    return HttpRequest.newBuilder(context.uri("/api/v1/meals/orders"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + pool.token(context, i))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", (warmUp ? "rush-ew-" : "rush-e-") + i)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  @Override
  public void onResponse(int client, long seq, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    String text = new String(response.body(), StandardCharsets.UTF_8);
    boolean warmUp = seq <= lastWarmUpSeq[client];
    if (!warmUp) {
      attempts.increment();
    }
    if (warmUp && status == 201 && text.contains("\"mealType\":\"DINNER\"")) {
      warmCreated.increment();
    } else if (warmUp && status == 409 && text.contains("\"MEAL_CAPACITY_FULL\"")) {
      warmRefused.increment();
    } else if (warmUp && status == 201) {
      // the breakfast's one place
      warmCreated.increment();
    } else if (status == 201) {
      created.increment();
    } else if (status == 409 && text.contains("\"MEAL_CAPACITY_FULL\"")) {
      full.increment();
    } else if (status == 409 && text.contains("\"DISH_SOLD_OUT\"")) {
      soldOut.increment();
    } else {
      String code = text.replaceAll("(?s).*\"code\"\\s*:\\s*\"([A-Z_]+)\".*", "$1");
      String key = status + (code.length() < 40 ? " " + code : "");
      other.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
  }

  /**
   * The statements {@code OrderService.place} issues for a winner (as logged with {@code
   * bench.logSql}): the claim, the reads, the elder's subsidy claim, the donation share read
   * without a lock, the order's INSERTs, and only then the guarded counter statements (places, the
   * dishes by menu item id, the pledge), then the recorded answer and COMMIT.
   */
  @Override
  public void raw(Connection c, int client, long seq) throws SQLException {
    int i = rawPeople.index(clients, client, seq);
    UUID me = rawPeople.id(i);
    boolean extra = wantsExtra(i);
    List<UUID> dishes = extra ? List.of(raw.main(), raw.extra()) : List.of(raw.main());
    c.setAutoCommit(false);
    try {
      RushPeople.claimKey(c, me, "rush-e-" + i, raw.id() + day.toString() + dishes);
      // elder, profile, meal, canteen and the day's place counter in one statement
      List<Object[]> context =
          Sql.rows(
              c,
              "SELECT e.*, ep.*, s.*, cn.*, p.* FROM meal_service s JOIN meal_canteen cn ON"
                  + " cn.id = s.canteen_id JOIN citizen e ON e.id = ? LEFT JOIN meal_elder_profile"
                  + " ep ON ep.citizen_id = e.id LEFT JOIN meal_capacity p ON p.canteen_id ="
                  + " s.canteen_id AND p.meal_type = s.meal_type AND p.meal_date = ? WHERE"
                  + " s.canteen_id = ? AND s.meal_type = 'LUNCH'",
              me,
              day,
              raw.id());
      if (context.isEmpty()) {
        c.rollback();
        return;
      }
      Sql.rows(
          c,
          "SELECT m.*, d.name FROM meal_menu_item m JOIN meal_dish d ON d.id = m.dish_id"
              + " WHERE m.canteen_id = ? AND m.meal_date = ? AND m.meal_type = 'LUNCH'",
          raw.id(),
          day);
      Sql.rows(
          c,
          "SELECT * FROM meal_subsidy_rule WHERE region_code = ? OR region_code = ? OR"
              + " region_code = ?",
          LINEAGE.toArray());
      UUID orderId = UUID.randomUUID();
      boolean subsidised =
          Sql.update(
                  c,
                  "INSERT INTO meal_subsidy_use (citizen_id, meal_date, meal_type, order_id)"
                      + " VALUES (?, ?, 'LUNCH', ?) ON CONFLICT DO NOTHING",
                  me,
                  day,
                  orderId)
              == 1;
      LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(i % 9400);
      int age = birth.until(day).getYears();
      String category = age >= 80 ? "AGE_80_PLUS" : age >= 70 ? "AGE_70_79" : "AGE_60_69";
      long total = extra ? 2000 : 1200;
      long subsidy = subsidised ? (age >= 80 ? 600 : age >= 70 ? 400 : 300) : 0;
      long donation = 0;
      UUID donationId = null;
      if (subsidised && age >= 80) {
        // the share read without a lock; taken by the guarded UPDATE at the end
        List<Object[]> pick =
            Sql.rows(
                c,
                "SELECT id, amount_per_meal_fen, remaining_fen - pledged_fen * ? / 4 FROM"
                    + " meal_donation WHERE remaining_fen > pledged_fen * ? / 4 AND (canteen_id ="
                    + " ? OR region_code = ? OR region_code = ? OR region_code = ?) ORDER BY"
                    + " created_at, id LIMIT 1",
                Sql.concat(List.of(2, 2, raw.id()), LINEAGE.toArray()));
        if (!pick.isEmpty()) {
          donationId = (UUID) pick.get(0)[0];
          donation =
              Math.min(
                  total - subsidy,
                  Math.min(
                      ((Number) pick.get(0)[1]).longValue(),
                      ((Number) pick.get(0)[2]).longValue()));
        }
      }
      Timestamp now = Timestamp.from(Instant.now());
      Sql.update(
          c,
          "INSERT INTO notification_outbox (id, recipient_id, template, params, dedup_key,"
              + " created_at, next_attempt_at) VALUES (?, ?, 'MEAL_ORDER_CONFIRMED',"
              + " CAST(CAST(? AS varchar) AS jsonb), ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING",
          UUID.randomUUID(),
          me,
          "{\"canteen\":\"幸福街道长者食堂（基线）\",\"date\":\"" + day + "\",\"meal\":\"午餐\"}",
          "meal:" + orderId + ":confirmed",
          now,
          now);
      Sql.update(
          c,
          "INSERT INTO meal_order (id, code, citizen_id, placed_by, canteen_id, meal_date,"
              + " meal_type, fulfilment, status, category, subsidised, dish_total_fen,"
              + " subsidy_fen, donation_fen, payable_fen, price_note, reordered_from, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, 'LUNCH', 'PICKUP', 'CONFIRMED', ?, ?, ?, ?, ?, ?, ?,"
              + " NULL, ?)",
          orderId,
          orderId.toString().substring(24),
          me,
          me,
          raw.id(),
          day,
          category,
          subsidised,
          total,
          subsidy,
          donation,
          total - subsidy - donation,
          subsidised ? null : "当日已享受过一次补贴，本单按原价",
          now);
      List<UUID> items = extra ? List.of(raw.mainItem(), raw.extraItem()) : List.of(raw.mainItem());
      List<UUID> dishIds = extra ? List.of(raw.main(), raw.extra()) : List.of(raw.main());
      for (int k = 0; k < items.size(); k++) {
        Sql.update(
            c,
            "INSERT INTO meal_order_item (order_id, menu_item_id, dish_id, name, unit_price_fen,"
                + " quantity) VALUES (?, ?, ?, ?, ?, 1)",
            orderId,
            items.get(k),
            dishIds.get(k),
            k == 0 ? "番茄炒蛋套餐" : "清蒸鲈鱼",
            k == 0 ? 1200L : 800L);
      }
      if (donationId != null) {
        Sql.update(
            c,
            "INSERT INTO meal_donation_allocation (id, donation_id, order_id, amount_fen,"
                + " canteen_id, meal_date, meal_type, elder_category, created_at) VALUES (?, ?,"
                + " ?, ?, ?, ?, 'LUNCH', 'AGE_80_PLUS', ?)",
            UUID.randomUUID(),
            donationId,
            orderId,
            donation,
            raw.id(),
            day,
            now);
      }
      // the recorded answer, then the hot rows in one statement: the place, the dishes, the pledge
      RushPeople.recordAnswer(c, me, "rush-e-" + i, RAW_ANSWER);
      List<UUID> byId = new java.util.ArrayList<>(items);
      byId.sort(null);
      StringBuilder quantity = new StringBuilder("CASE id");
      List<Object> params = new java.util.ArrayList<>(List.of(raw.id(), day, capacity));
      for (UUID item : byId) {
        quantity.append(" WHEN ? THEN CAST(? AS integer)");
      }
      quantity.append(" END");
      String hot =
          "WITH p AS (INSERT INTO meal_capacity (canteen_id, meal_date, meal_type, capacity,"
              + " taken) VALUES (?, ?, 'LUNCH', ?, 1) ON CONFLICT (canteen_id, meal_date,"
              + " meal_type) DO UPDATE SET taken = meal_capacity.taken + 1 WHERE"
              + " meal_capacity.taken < meal_capacity.capacity RETURNING 1), d AS (UPDATE"
              + " meal_menu_item SET sold = sold + "
              + quantity
              + " WHERE id IN ("
              + String.join(", ", java.util.Collections.nCopies(byId.size(), "?"))
              + ") AND (daily_quantity IS NULL OR sold + "
              + quantity
              + " <= daily_quantity) RETURNING id)"
              + (donationId == null
                  ? ""
                  : ", g AS (UPDATE meal_donation SET allocated_fen = allocated_fen + ?,"
                      + " remaining_fen = remaining_fen - ? WHERE id = ? AND remaining_fen - ? >="
                      + " pledged_fen * ? / 4 RETURNING 1)")
              + " SELECT 'P', CAST(NULL AS uuid) FROM p UNION ALL SELECT 'D', id FROM d"
              + (donationId == null ? "" : " UNION ALL SELECT 'G', CAST(NULL AS uuid) FROM g");
      for (int round = 0; round < 2; round++) {
        for (UUID item : byId) {
          params.add(item);
          params.add(1);
        }
        if (round == 0) {
          params.addAll(byId);
        }
      }
      if (donationId != null) {
        params.addAll(List.of(donation, donation, donationId, donation, 2));
      }
      List<Object[]> taken = Sql.rows(c, hot, params.toArray());
      long places = taken.stream().filter(r -> "P".equals(r[0])).count();
      long dishesTaken = taken.stream().filter(r -> "D".equals(r[0])).count();
      boolean pledge = donationId == null || taken.stream().anyMatch(r -> "G".equals(r[0]));
      if (places == 0 || dishesTaken < byId.size()) {
        c.rollback();
        return;
      }
      if (!pledge) {
        // drawn down meanwhile (the app re-allocates under the lock; rare): give up the share
        Sql.update(c, "DELETE FROM meal_donation_allocation WHERE order_id = ?", orderId);
        Sql.update(
            c,
            "UPDATE meal_order SET donation_fen = 0, payable_fen = ? WHERE id = ?",
            total - subsidy,
            orderId);
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  @Override
  public Correctness check(BenchContext context, Measurement m) throws Exception {
    Object[] r;
    Object[] ledger;
    try (Connection c = context.connect()) {
      String counts =
          ("SELECT (SELECT count(*) FROM meal_order WHERE canteen_id = ?1 AND meal_type ="
                  + " 'LUNCH' AND status = 'CONFIRMED'),"
                  + " (SELECT COALESCE(max(taken), 0) FROM meal_capacity WHERE canteen_id = ?1"
                  + " AND meal_type = 'LUNCH'),"
                  + " (SELECT sold FROM meal_menu_item WHERE id = ?2),"
                  + " (SELECT COALESCE(sum(i.quantity), 0) FROM meal_order_item i JOIN"
                  + " meal_order o ON o.id = i.order_id WHERE i.menu_item_id = ?2 AND o.status"
                  + " = 'CONFIRMED'),"
                  + " (SELECT sold FROM meal_menu_item WHERE id = ?3),"
                  + " (SELECT COALESCE(sum(i.quantity), 0) FROM meal_order_item i JOIN"
                  + " meal_order o ON o.id = i.order_id WHERE i.menu_item_id = ?3 AND o.status"
                  + " = 'CONFIRMED'),"
                  + " (SELECT count(*) FROM meal_subsidy_use u JOIN meal_order o ON o.id ="
                  + " u.order_id WHERE o.canteen_id = ?1 AND o.meal_type = 'LUNCH'),"
                  + " (SELECT count(*) FROM meal_order WHERE canteen_id = ?1 AND meal_type ="
                  + " 'LUNCH' AND subsidised),"
                  + " (SELECT count(*) FROM meal_order WHERE canteen_id = ?1 AND meal_type IN"
                  + " ('DINNER', 'BREAKFAST') AND status = 'CONFIRMED')")
              .replace("?1", "'" + app.id() + "'")
              .replace("?2", "'" + app.extraItem() + "'")
              .replace("?3", "'" + app.mainItem() + "'");
      r = Sql.rows(c, counts).get(0);
      ledger =
          Sql.rows(
                  c,
                  "SELECT d.pledged_fen, d.allocated_fen, d.remaining_fen,"
                      + " (SELECT COALESCE(sum(amount_fen), 0) FROM meal_donation_allocation a"
                      + " WHERE a.donation_id = d.id),"
                      + " (SELECT COALESCE(sum(donation_fen), 0) FROM meal_order o WHERE"
                      + " o.canteen_id = d.canteen_id),"
                      + " (SELECT count(*) FROM meal_donation_allocation a WHERE a.donation_id ="
                      + " d.id)"
                      + " FROM meal_donation d WHERE d.canteen_id = ?",
                  app.id())
              .get(0);
    }
    long orders = num(r[0]);
    long taken = num(r[1]);
    long extraSold = num(r[2]);
    long extraOrdered = num(r[3]);
    long mainSold = num(r[4]);
    long mainOrdered = num(r[5]);
    long subsidyUses = num(r[6]);
    long subsidisedOrders = num(r[7]);
    long warmUpOrders = num(r[8]);
    long oversold =
        Math.max(0, orders - capacity)
            + Math.max(0, taken - capacity)
            + Math.max(0, extraSold - limited)
            + Math.max(0, extraOrdered - limited);
    long pledged = num(ledger[0]);
    long allocated = num(ledger[1]);
    long remaining = num(ledger[2]);
    long allocations = num(ledger[3]);
    long orderDonations = num(ledger[4]);
    boolean ledgerOk =
        pledged == allocated + remaining
            && allocated == allocations
            && allocated == orderDonations
            && remaining >= 0;
    Map<String, Long> others = new TreeMap<>();
    other.forEach((k, v) -> others.put(k, v.sum()));
    long otherTotal = others.values().stream().mapToLong(Long::longValue).sum();
    boolean ok =
        oversold == 0
            && ledgerOk
            && orders == created.sum()
            && warmUpOrders == warmCreated.sum()
            && taken == orders
            && extraSold == extraOrdered
            && mainSold == mainOrdered
            && subsidyUses == subsidisedOrders
            && otherTotal == 0
            && RushPeople.serverErrors(m) == 0
            && wraps.sum() == 0;
    return new Correctness(
        ok,
        String.format(
            "warm-up: %d orders (dinner, one breakfast) = DB %d, %d refused (breakfast full);"
                + " lunch: attempts %d, confirmed 201 %d, 409 MEAL_CAPACITY_FULL %d, 409"
                + " DISH_SOLD_OUT %d, other %s; oversold %d (places %d/%d, limited dish %d/%d);"
                + " DB orders %d = 201s %d, counters: places %d, dishes %d=%d and %d=%d, subsidy"
                + " uses %d = subsidised %d; ledger %s: pledged %d = allocated %d + remaining %d,"
                + " allocations %d (%d meals), orders' donation parts %d; pool wraps %d",
            warmCreated.sum(),
            warmUpOrders,
            warmRefused.sum(),
            attempts.sum(),
            created.sum(),
            full.sum(),
            soldOut.sum(),
            others.isEmpty() ? "none" : others.toString(),
            oversold,
            orders,
            capacity,
            extraOrdered,
            limited,
            orders,
            created.sum(),
            taken,
            mainSold,
            mainOrdered,
            extraSold,
            extraOrdered,
            subsidyUses,
            subsidisedOrders,
            ledgerOk ? "OK" : "BROKEN",
            pledged,
            allocated,
            remaining,
            allocations,
            num(ledger[5]),
            orderDonations,
            wraps.sum()));
  }

  private static long num(Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }
}
