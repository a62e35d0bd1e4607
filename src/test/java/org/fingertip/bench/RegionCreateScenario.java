package org.fingertip.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write scenario: {@code POST /api/v1/admin/regions} with an {@code Idempotency-Key}, adding
 * villages (12-digit codes) below the seeded townships; every tenth request of a client is a retry
 * of its previous one (same key and body), which must replay the first answer. Correctness: the
 * villages in the database equal the fresh 2xx answers, every retry was replayed, and there is one
 * idempotency record per fresh 2xx. Raw: the transaction Idempotency.run and RegionService.add
 * issue (purge the expired key, claim it, parent and duplicate look-ups, the insert, the lineage
 * for the answer, the recorded response), or the replay look-up for a retry; committed each time.
 */
final class RegionCreateScenario implements Scenario {

  private static final String ROUTE = "POST /api/v1/admin/regions";
  private static final String APP_NAME = "新建村";
  private static final String RAW_NAME = "基线村";
  private static final String APP_CALLER = "bench-admin";
  private static final String RAW_CALLER = "bench-raw";

  private final int clients;
  private List<String> appTownships;
  private List<String> rawTownships;
  private String token;
  private final AtomicLong fresh2xx = new AtomicLong();
  private final AtomicLong replayed2xx = new AtomicLong();
  private final AtomicLong replayNotMarked = new AtomicLong();
  private final AtomicLong other = new AtomicLong();

  RegionCreateScenario(int clients) {
    this.clients = clients;
  }

  @Override
  public String name() {
    return "admin region create (write, Idempotency-Key)";
  }

  @Override
  public int clients() {
    return clients;
  }

  @Override
  public void prepare(BenchContext context) throws Exception {
    appTownships = new ArrayList<>();
    rawTownships = new ArrayList<>();
    List<String> all = context.seeded.townships();
    for (int i = 0; i < all.size(); i++) {
      (i % 2 == 0 ? appTownships : rawTownships).add(all.get(i));
    }
    token = context.token(APP_CALLER, "admin");
  }

  private static boolean isRetry(long seq) {
    return seq % 10 == 9;
  }

  /** The village a client's request creates; a retry repeats the previous request's village. */
  private String code(List<String> townships, int client, long seq) {
    long s = isRetry(seq) ? seq - 1 : seq;
    long k = s * clients + client;
    return townships.get((int) (k / 999)) + String.format("%03d", k % 999 + 1);
  }

  @Override
  public HttpRequest request(BenchContext context, int client, long seq) {
    String code = code(appTownships, client, seq);
    String body = body(code, APP_NAME);
    return HttpRequest.newBuilder(context.uri("/api/v1/admin/regions"))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", "bench-" + code)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static String body(String code, String name) {
    return "{\"code\":\""
        + code
        + "\",\"name\":\""
        + name
        + code.substring(9)
        + "\",\"parentCode\":\""
        + code.substring(0, 9)
        + "\"}";
  }

  @Override
  public void onResponse(int client, long seq, HttpResponse<byte[]> response) {
    if (response.statusCode() / 100 != 2) {
      other.incrementAndGet();
      return;
    }
    boolean replayed = response.headers().firstValue("Idempotent-Replayed").isPresent();
    if (isRetry(seq)) {
      (replayed ? replayed2xx : replayNotMarked).incrementAndGet();
    } else if (!replayed) {
      fresh2xx.incrementAndGet();
    } else {
      replayNotMarked.incrementAndGet();
    }
  }

  @Override
  public Correctness check(BenchContext context, Measurement app) throws Exception {
    long rows;
    long records;
    try (Connection c = context.connect()) {
      rows =
          Seeder.count(
              c,
              "SELECT count(*) FROM region WHERE level = 'VILLAGE' AND name LIKE '"
                  + APP_NAME
                  + "%'");
      records =
          Seeder.count(
              c,
              "SELECT count(*) FROM idempotency_record WHERE caller = '"
                  + APP_CALLER
                  + "' AND response_status = 201");
    }
    boolean ok =
        rows == fresh2xx.get()
            && records == fresh2xx.get()
            && replayNotMarked.get() == 0
            && other.get() == 0;
    return new Correctness(
        ok,
        String.format(
            "rows %d = fresh 2xx %d; records %d; replays %d (unmarked %d); non-2xx %d (all phases)",
            rows, fresh2xx.get(), records, replayed2xx.get(), replayNotMarked.get(), other.get()));
  }

  @Override
  public void raw(Connection c, int client, long seq) throws SQLException {
    String code = code(rawTownships, client, seq);
    String key = "bench-" + code;
    String parentCode = code.substring(0, 9);
    String body = body(code, RAW_NAME);
    String hash = sha256(ROUTE + "\n" + body);
    OffsetDateTime now = OffsetDateTime.now();
    c.setAutoCommit(false);
    try {
      Sql.update(
          c,
          "DELETE FROM idempotency_record WHERE caller = ? AND idem_key = ? AND expires_at < ?",
          RAW_CALLER,
          key,
          now);
      int claimed =
          Sql.update(
              c,
              "INSERT INTO idempotency_record (caller, idem_key, request_hash, created_at,"
                  + " expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (caller, idem_key) DO NOTHING",
              RAW_CALLER,
              key,
              hash,
              now,
              now.plusHours(24));
      if (claimed == 1) {
        String byCode = "select " + Sql.REGION_COLUMNS + " from region r1_0 where r1_0.code=?";
        List<Object[]> parent = Sql.rows(c, byCode, parentCode);
        Sql.query(c, byCode, code);
        String path = parent.get(0)[4] + code + "/";
        Sql.update(
            c,
            "insert into region (level,name,parent_code,path,code) values (?,?,?,?,?)",
            "VILLAGE",
            RAW_NAME + code.substring(9),
            parentCode,
            path,
            code);
        List<String> lineage =
            java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        Sql.query(
            c,
            "select "
                + Sql.REGION_COLUMNS
                + " from region r1_0 where r1_0.code in ("
                + Sql.marks(lineage.size())
                + ") order by r1_0.path",
            lineage.toArray());
        Sql.update(
            c,
            "UPDATE idempotency_record SET response_status = ?, response_body = ? WHERE caller = ?"
                + " AND idem_key = ?",
            201,
            "{\"code\":\"" + code + "\",\"name\":\"" + RAW_NAME + "\",\"level\":\"VILLAGE\"}",
            RAW_CALLER,
            key);
      } else {
        Sql.query(
            c,
            "SELECT request_hash, response_status, response_body FROM idempotency_record"
                + " WHERE caller = ? AND idem_key = ?",
            RAW_CALLER,
            key);
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
