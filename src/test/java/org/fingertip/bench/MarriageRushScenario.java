package org.fingertip.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The 5.20 rush (issue 6): an office opens a popular special day — {@link #SLOTS} marriage slots of
 * {@code bench.rushCapacity} places each (default 20), released (the day lies inside the office's
 * 7-day release window on the real clock) — and every request is another real-name-bound citizen
 * booking {@code POST /api/v1/marriage/appointments} with an {@code Idempotency-Key}, as a client
 * that retries safely sends it, and a partner (valid ID number, opposite sex, of legal age), aimed
 * round-robin at the slots. Once the places are gone the losers get {@code 409 SLOT_FULL} with the
 * next slots. Correctness over the whole app run (warm-up included): no place overbooked
 * (appointments per slot never above capacity, {@code booked} equals the appointments),
 * appointments in the database equal the {@code 201}s, every other answer a {@code 409 SLOT_FULL},
 * no 5xx. Raw: the statements {@code Idempotency.run} and {@code AppointmentService.book} issue
 * (claim the key, the booking's reads, locks and conditional UPDATE, the insert and the recorded
 * answer, or the next-slots query and a rollback), on a second office's slots.
 */
final class MarriageRushScenario implements Scenario {

  static final int SLOTS = 10;

  /** About the size of the app's AppointmentView JSON, for the recorded idempotent answer. */
  private static final String RAW_ANSWER =
      "{\"role\":\"APPLICANT\",\"officeName\":\"宿城区婚姻登记处（基线）\",\"officeAddress\":"
          + "\"宿迁市宿城区发展大道 1 号\",\"service\":\"MARRIAGE\",\"serviceLabel\":\"结婚登记\","
          + "\"status\":\"BOOKED\",\"applicantName\":\"王*\",\"partnerName\":\"李*梅\","
          + "\"checkInToken\":\""
          + "x".repeat(160)
          + "\"}";

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final String[] PARTNER_NAMES = {"李晓梅", "陈静", "刘思雨", "赵雪", "孙婷婷", "周敏"};

  private final int clients;
  private final int capacity = Integer.getInteger("bench.rushCapacity", 20);
  private final RushPeople people =
      new RushPeople("rush-m-", Integer.getInteger("bench.rushCitizens", 40_000));
  private UUID appOffice;
  private UUID rawOffice;
  private final List<UUID> appSlots = new ArrayList<>();
  private final List<UUID> rawSlots = new ArrayList<>();
  private LocalDate day;
  private final LongAdder attempts = new LongAdder();
  private final LongAdder created = new LongAdder();
  private final LongAdder slotFull = new LongAdder();
  private final LongAdder wrapped = new LongAdder();
  private final Map<String, LongAdder> other = new ConcurrentHashMap<>();

  MarriageRushScenario(int clients) {
    this.clients = clients;
  }

  @Override
  public String name() {
    return "rush: 5.20 marriage booking (write, " + SLOTS + "×" + capacity + " places)";
  }

  @Override
  public int clients() {
    return clients;
  }

  @Override
  public void prepare(BenchContext context) throws Exception {
    // a day inside the 7-day release window, in the app's zone, on the real clock
    day = LocalDate.now(ZONE).plusDays(3);
    appOffice = office(context, "宿城区婚姻登记处（5.20 压测）", appSlots);
    rawOffice = office(context, "宿城区婚姻登记处（基线）", rawSlots);
    // applicants born 1990-1997: of legal age for either sex on the day
    people.insert(context, "1990-01-01", 2900, 24_000);
  }

  private UUID office(BenchContext context, String name, List<UUID> slots) throws SQLException {
    UUID id = UUID.randomUUID();
    try (Connection c = context.connect()) {
      Sql.update(
          c,
          "INSERT INTO marriage_office (id, name, region_code, region_path, address, latitude,"
              + " longitude, phone, hours, services, release_days, created_at)"
              + " SELECT ?, ?, code, path, '宿迁市宿城区发展大道 1 号', 33.96, 118.28, '0527-84300000',"
              + " '周一至周五 8:30-12:00 13:30-17:00', ARRAY['MARRIAGE'], 7, now()"
              + " FROM region WHERE code = '321302'",
          id,
          name);
      Sql.update(
          c,
          "INSERT INTO marriage_special_day (id, office_id, day, name, extra_capacity,"
              + " opens_closed) VALUES (?, ?, ?, '5.20', 0, true)",
          UUID.randomUUID(),
          id,
          day);
      LocalTime start = LocalTime.of(8, 30);
      for (int i = 0; i < SLOTS; i++) {
        UUID slot = UUID.randomUUID();
        LocalTime from = start.plusMinutes(45L * i);
        Sql.update(
            c,
            "INSERT INTO marriage_slot (id, office_id, day, start_time, end_time, service,"
                + " capacity, booked, special) VALUES (?, ?, ?, ?, ?, 'MARRIAGE', ?, 0, '5.20')",
            slot,
            id,
            day,
            from,
            from.plusMinutes(45),
            capacity);
        slots.add(slot);
      }
    }
    return id;
  }

  /** A valid 18-digit ID number for a woman born in 1995-1999 (321302 宿城区), unique per i. */
  static String partnerIdNumber(int i) {
    LocalDate birth = LocalDate.of(1995, 1, 1).plusDays(i % 1800);
    int seq = (i / 1800) % 500; // 0..499, times 2 below: an even 17th digit is a woman
    String body =
        "321302"
            + String.format(
                "%04d%02d%02d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
            + String.format("%03d", seq * 2);
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int k = 0; k < 17; k++) {
      sum += (body.charAt(k) - '0') * weights[k];
    }
    return body + "10X98765432".charAt(sum % 11);
  }

  @Override
  public HttpRequest request(BenchContext context, int client, long seq) throws Exception {
    int i = people.index(clients, client, seq);
    String body =
        "{\"officeId\":\""
            + appOffice
            + "\",\"slotId\":\""
            + appSlots.get(i % SLOTS)
            + "\",\"service\":\"MARRIAGE\",\"partner\":{\"realName\":\""
            + PARTNER_NAMES[i % PARTNER_NAMES.length]
            + "\",\"idNumber\":\""
            + partnerIdNumber(i)
            + "\"}}";
    if (people.wrapped(clients, client, seq)) {
      wrapped.increment();
    }
    return HttpRequest.newBuilder(context.uri("/api/v1/marriage/appointments"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + people.token(context, i))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", "rush-m-" + i)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  @Override
  public void onResponse(int client, long seq, HttpResponse<byte[]> response) {
    attempts.increment();
    int status = response.statusCode();
    String text = new String(response.body(), StandardCharsets.UTF_8);
    if (status == 201) {
      created.increment();
    } else if (status == 409 && text.contains("\"SLOT_FULL\"")) {
      slotFull.increment();
    } else {
      String code = text.replaceAll("(?s).*\"code\"\\s*:\\s*\"([A-Z_]+)\".*", "$1");
      String key = status + (code.length() < 40 ? " " + code : "");
      other.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
  }

  @Override
  public void raw(Connection c, int client, long seq) throws SQLException {
    int i = people.index(clients, client, seq);
    UUID me = people.id(i);
    UUID slot = rawSlots.get(i % SLOTS);
    String myHash = people.idHash(i);
    String partnerId = partnerIdNumber(i);
    String partnerHash = RushPeople.hex(RushPeople.digest("SHA-256", "raw" + partnerId));
    LocalDate today = LocalDate.now(ZONE);
    c.setAutoCommit(false);
    try {
      RushPeople.claimKey(c, me, "rush-m-" + i, slot + partnerId);
      // AppointmentService.book: the slot with its office first; a full slot answers SLOT_FULL
      // at once (the next-slots hint is computed at most once a second)
      List<Object[]> found =
          Sql.rows(
              c,
              "SELECT s.booked >= s.capacity, s.*, o.* FROM marriage_slot s JOIN marriage_office o ON o.id = s.office_id"
                  + " WHERE s.id = ?",
              slot);
      if (Boolean.TRUE.equals(found.get(0)[0])) {
        long second = System.currentTimeMillis() / 1000;
        if (NEXT_SLOTS_SECOND.getAndSet(second) != second) {
          Sql.rows(
              c,
              "SELECT * FROM marriage_slot WHERE office_id = ? AND service = 'MARRIAGE'"
                  + " AND booked < capacity AND day <= ? AND (day > ? OR (day = ? AND start_time"
                  + " > ?)) ORDER BY day, start_time LIMIT 3",
              rawOffice,
              today.plusDays(7),
              today,
              today,
              LocalTime.now(ZONE));
        }
        c.rollback();
        return;
      }
      Sql.rows(c, "SELECT * FROM citizen WHERE id = ?", me);
      Sql.rows(
          c,
          "SELECT * FROM marriage_appointment WHERE applicant_id = ? AND status = 'NO_SHOW'"
              + " AND day >= ?",
          me,
          today.minusDays(210));
      Sql.rows(c, "SELECT * FROM citizen WHERE id_number_hash = ?", partnerHash);
      List<String> hashes = new ArrayList<>(List.of(myHash, partnerHash));
      hashes.sort(null);
      // both advisory locks in one statement, in sorted order
      Sql.rows(
          c,
          "SELECT pg_advisory_xact_lock(hashtextextended(?, 6)),"
              + " pg_advisory_xact_lock(hashtextextended(?, 6))",
          "marriage:" + hashes.get(0),
          "marriage:" + hashes.get(1));
      Sql.rows(
          c,
          "SELECT * FROM marriage_appointment WHERE service = 'MARRIAGE' AND status = 'BOOKED'"
              + " AND day >= ? AND (applicant_id_hash = ? OR partner_id_hash = ? OR"
              + " applicant_id_hash = ? OR partner_id_hash = ?)",
          today,
          hashes.get(0),
          hashes.get(0),
          hashes.get(1),
          hashes.get(1));
      int taken =
          Sql.update(
              c,
              "UPDATE marriage_slot SET booked = booked + 1 WHERE id = ? AND booked < capacity",
              slot);
      if (taken == 0) {
        c.rollback();
        return;
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO marriage_appointment (id, office_id, slot_id, day, service,"
                  + " applicant_id, applicant_id_hash, partner_citizen_id, partner_name_enc,"
                  + " partner_name_masked, partner_id_enc, partner_id_hash, partner_id_masked,"
                  + " status, created_at) VALUES (?, ?, ?, ?, 'MARRIAGE', ?, ?, NULL, ?, ?, ?, ?,"
                  + " ?, 'BOOKED', ?)")) {
        ps.setObject(1, UUID.randomUUID());
        ps.setObject(2, rawOffice);
        ps.setObject(3, slot);
        ps.setObject(4, day);
        ps.setObject(5, me);
        ps.setString(6, myHash);
        ps.setString(7, "k2026:" + partnerHash.substring(0, 24));
        ps.setString(8, "李*梅");
        ps.setString(9, "k2026:" + partnerHash.substring(24, 56));
        ps.setString(10, partnerHash);
        ps.setString(11, partnerId.substring(0, 4) + "**********" + partnerId.substring(14));
        ps.setTimestamp(12, Timestamp.from(Instant.now()));
        ps.executeUpdate();
      }
      RushPeople.recordAnswer(c, me, "rush-m-" + i, RAW_ANSWER);
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** The second in which the raw side last ran the next-slots search (the app's hint cache). */
  private static final java.util.concurrent.atomic.AtomicLong NEXT_SLOTS_SECOND =
      new java.util.concurrent.atomic.AtomicLong();

  @Override
  public Correctness check(BenchContext context, Measurement app) throws Exception {
    long overbooked;
    long counterMismatch;
    long rows;
    long booked;
    try (Connection c = context.connect()) {
      Object[] r =
          Sql.rows(
                  c,
                  "SELECT COALESCE(sum(GREATEST(0, n - s.capacity)), 0),"
                      + " count(*) FILTER (WHERE n <> s.booked), COALESCE(sum(n), 0),"
                      + " COALESCE(sum(s.booked), 0)"
                      + " FROM marriage_slot s CROSS JOIN LATERAL (SELECT count(*) AS n FROM"
                      + " marriage_appointment a WHERE a.slot_id = s.id AND a.status = 'BOOKED') a"
                      + " WHERE s.office_id = ?",
                  appOffice)
              .get(0);
      overbooked = ((Number) r[0]).longValue();
      counterMismatch = ((Number) r[1]).longValue();
      rows = ((Number) r[2]).longValue();
      booked = ((Number) r[3]).longValue();
    }
    long fivexx = RushPeople.serverErrors(app);
    Map<String, Long> others = new TreeMap<>();
    other.forEach((k, v) -> others.put(k, v.sum()));
    long otherTotal = others.values().stream().mapToLong(Long::longValue).sum();
    boolean ok =
        overbooked == 0
            && counterMismatch == 0
            && rows == created.sum()
            && booked <= (long) SLOTS * capacity
            && otherTotal == 0
            && fivexx == 0;
    return new Correctness(
        ok,
        String.format(
            "whole run: attempts %d, confirmed 201 %d, 409 SLOT_FULL %d, other %s;"
                + " overbooked places %d; DB appointments %d = 201s %d, slot counters %d/%d"
                + " (mismatched slots %d); pool wraps %d",
            attempts.sum(),
            created.sum(),
            slotFull.sum(),
            others.isEmpty() ? "none" : others.toString(),
            overbooked,
            rows,
            created.sum(),
            booked,
            (long) SLOTS * capacity,
            counterMismatch,
            wrapped.sum()));
  }
}
