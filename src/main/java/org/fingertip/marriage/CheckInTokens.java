package org.fingertip.marriage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The QR code shown at the counter: the appointment id and an HMAC-SHA256 of it under a server key,
 * so it cannot be guessed or forged from an id, and needs no storage. Whether it was used already
 * is the appointment's own state (checked in once).
 */
@ApplicationScoped
public class CheckInTokens {

  private static final String PREFIX = "MR1.";
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  @Inject
  public CheckInTokens(MarriageConfig config) {
    this(config.checkInKey());
  }

  CheckInTokens(String secret) {
    if (secret == null || secret.length() < 32) {
      throw new IllegalStateException("fingertip.marriage.check-in-key needs 32+ characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String issue(UUID appointmentId) {
    byte[] id = bytes(appointmentId);
    return PREFIX + ENC.encodeToString(id) + "." + ENC.encodeToString(mac(id));
  }

  /** The appointment id when the token is genuine, empty when it is malformed or forged. */
  public Optional<UUID> verify(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    String[] parts = token.substring(PREFIX.length()).split("\\.");
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      byte[] id = DEC.decode(parts[0]);
      if (id.length != 16) {
        return Optional.empty();
      }
      // compare the canonical encoding: base64 has spare bits, a variant must not verify
      byte[] expected = ENC.encodeToString(mac(id)).getBytes(StandardCharsets.US_ASCII);
      if (!MessageDigest.isEqual(expected, parts[1].getBytes(StandardCharsets.US_ASCII))) {
        return Optional.empty();
      }
      ByteBuffer b = ByteBuffer.wrap(id);
      return Optional.of(new UUID(b.getLong(), b.getLong()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(byte[] id) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(id);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }
}
