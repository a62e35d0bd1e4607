package org.fingertip.meal;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pickup codes and signed QR tokens. The short code is random (8 characters from an alphabet
 * without look-alikes, about 10^12 values); the QR token is the order id with an HMAC, so a scanned
 * token cannot be forged or pointed at another order.
 */
@ApplicationScoped
public class QrTokens {

  private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  public QrTokens(MealConfig config) {
    this.key = config.qrKey().getBytes(StandardCharsets.UTF_8);
  }

  public static String newCode() {
    char[] code = new char[8];
    for (int i = 0; i < code.length; i++) {
      code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(code);
  }

  public String token(UUID orderId, String code) {
    return orderId + "." + mac(orderId + "|" + code);
  }

  /** The order id a token claims (check it with {@link #matches}); empty for a plain code. */
  public static Optional<UUID> orderIdOf(String token) {
    int dot = token.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    try {
      UUID id = UUID.fromString(token.substring(0, dot));
      return Optional.of(id);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** True when {@code token} is the token of this order. */
  public boolean matches(String token, UUID orderId, String code) {
    return MessageDigest.isEqual(
        token.getBytes(StandardCharsets.UTF_8),
        token(orderId, code).getBytes(StandardCharsets.UTF_8));
  }

  private String mac(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
