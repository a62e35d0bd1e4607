package org.fingertip.marriage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The published draw algorithm, pure so anyone can re-run it: each entry's key is the lowercase hex
 * SHA-256 of {@code seed + ":" + entryId} (the entry id in its canonical lowercase form); entries
 * are drawn in ascending key order (ties, which SHA-256 makes practically impossible, by entry id).
 * The seed is 32 random bytes in hex chosen when the day becomes a lottery; its SHA-256 is public
 * before the draw, so the seed revealed afterwards cannot have been picked to suit the entries.
 */
public final class LotteryDraw {

  /** How the public draw view names the algorithm. */
  public static final String ALGORITHM =
      "sort entries by hex(SHA-256(seed + \":\" + entryId)) ascending";

  private static final SecureRandom RANDOM = new SecureRandom();

  private LotteryDraw() {}

  public static String newSeed() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String key(String seed, UUID entryId) {
    return sha256Hex(seed + ":" + entryId);
  }

  /** The entries in draw order. */
  public static List<UUID> order(String seed, List<UUID> entryIds) {
    return entryIds.stream()
        .sorted(Comparator.comparing((UUID id) -> key(seed, id)).thenComparing(UUID::toString))
        .toList();
  }
}
