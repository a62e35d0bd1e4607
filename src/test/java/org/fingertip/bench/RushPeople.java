package org.fingertip.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Distinct verified citizens for a rush scenario, inserted straight into PostgreSQL as the app
 * writes them after real-name binding (verified, birth date and sex from the ID number, a blind
 * index, masked forms), and their citizen tokens. The app never decrypts these rows' ciphertext in
 * the rush paths (bookings and orders read the masked name only), so it is a placeholder. Request
 * {@code (client, seq)} acts as person {@code seq * clients + client}: every attempt is another
 * citizen until the pool is used up (then it wraps, and the scenario's check says so).
 */
final class RushPeople {

  final String prefix;
  final int size;
  private final String[] tokens;

  RushPeople(String prefix, int size) {
    this.prefix = prefix;
    this.size = size;
    this.tokens = new String[size];
  }

  /**
   * Inserts {@link #size} citizens: born {@code firstBirth + (i % birthSpanDays)} days, sex
   * alternating (even i male), and mints the first {@code tokensUpFront} tokens in parallel.
   */
  void insert(BenchContext context, String firstBirth, int birthSpanDays, int tokensUpFront)
      throws Exception {
    try (Connection c = context.connect();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO citizen (id, mp_openid, real_name_enc, real_name_masked, id_number_enc,"
              + " id_number_hash, id_number_masked, phone_enc, phone_masked, birth_date, sex,"
              + " verified_at, offline, created_at)"
              + " SELECT md5('"
              + prefix
              + "' || i)::uuid, '"
              + prefix
              + "-' || i,"
              + " 'k2026:' || encode(sha256(('"
              + prefix
              + "n' || i)::bytea), 'base64'), '王*',"
              + " 'k2026:' || encode(sha256(('"
              + prefix
              + "id' || i)::bytea), 'base64'),"
              + " encode(sha256(('"
              + prefix
              + "h' || i)::bytea), 'hex'),"
              + " '3213**********' || lpad((i % 10000)::text, 4, '0'),"
              + " 'k2026:' || encode(sha256(('"
              + prefix
              + "p' || i)::bytea), 'base64'), '139****' || lpad((i % 10000)::text, 4, '0'),"
              + " date '"
              + firstBirth
              + "' + (i % "
              + birthSpanDays
              + "), CASE WHEN i % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END,"
              + " now() - interval '30 days', false, now() - interval '60 days'"
              + " FROM generate_series(0, "
              + (size - 1)
              + ") AS i");
      s.execute("ANALYZE citizen");
    }
    int upFront = Math.min(size, tokensUpFront);
    IntStream.range(0, upFront)
        .parallel()
        .forEach(
            i -> {
              try {
                tokens[i] = context.token(id(i).toString(), "citizen");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
  }

  /** The person request {@code (client, seq)} acts as. */
  int index(int clients, int client, long seq) {
    return (int) ((seq * clients + client) % size);
  }

  /** True when request {@code (client, seq)} reuses a person (the pool was used up). */
  boolean wrapped(int clients, int client, long seq) {
    return seq * clients + client >= size;
  }

  UUID id(int i) {
    byte[] d = digest("MD5", prefix + i);
    return new UUID(ByteBuffer.wrap(d, 0, 8).getLong(), ByteBuffer.wrap(d, 8, 8).getLong());
  }

  /** The blind index the rows carry (not the app's HMAC: no request looks them up by it). */
  String idHash(int i) {
    return HexFormat.of().formatHex(digest("SHA-256", prefix + "h" + i));
  }

  /** Idempotency.run's claim of the key. */
  static void claimKey(Connection c, UUID caller, String key, String body) throws SQLException {
    java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
    // one statement, as the app: a fresh claim, or taking over an expired record
    Sql.update(
        c,
        "INSERT INTO idempotency_record (caller, idem_key, request_hash, created_at, expires_at)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (caller, idem_key) DO UPDATE SET request_hash ="
            + " EXCLUDED.request_hash, created_at = EXCLUDED.created_at, expires_at ="
            + " EXCLUDED.expires_at, response_status = NULL, response_body = NULL"
            + " WHERE idempotency_record.expires_at < EXCLUDED.created_at",
        caller.toString(),
        key,
        hex(digest("SHA-256", body)),
        now,
        now.plusHours(24));
  }

  /** Idempotency.run's record of the fresh answer. */
  static void recordAnswer(Connection c, UUID caller, String key, String json) throws SQLException {
    Sql.update(
        c,
        "UPDATE idempotency_record SET response_status = 201, response_body = ? WHERE caller = ?"
            + " AND idem_key = ?",
        json,
        caller.toString(),
        key);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** 5xx answers and transport failures in the measured period. */
  static long serverErrors(Measurement m) {
    return m.outcomes.entrySet().stream()
        .filter(e -> e.getKey().startsWith("5") || !Character.isDigit(e.getKey().charAt(0)))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  static byte[] digest(String algorithm, String text) {
    try {
      return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String token(BenchContext context, int i) throws Exception {
    String t = tokens[i];
    if (t == null) {
      t = context.token(id(i).toString(), "citizen");
      tokens[i] = t;
    }
    return t;
  }
}
