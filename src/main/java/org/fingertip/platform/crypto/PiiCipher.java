package org.fingertip.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts personal data at rest (PIPL: ID numbers, phones, names, income, disability) with
 * AES-256-GCM. A stored value reads {@code keyId:base64(iv || ciphertext+tag)}, so keys rotate: new
 * values use the active key, old values stay readable while their key is still listed, and {@link
 * #needsReEncryption} finds values to rewrite. The blind index (HMAC-SHA256 under a separate,
 * non-rotating key) finds a value by equality without storing it in clear.
 */
public final class PiiCipher {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(SecureRandom::new);

  private final String activeKeyId;
  private final Map<String, SecretKeySpec> keys;
  private final SecretKeySpec indexKey;

  /**
   * @param activeKeyId id of the key new values are written with
   * @param keys {@code id:base64} pairs, comma separated, each key 32 bytes
   * @param blindIndexKey base64, at least 32 bytes
   */
  public PiiCipher(String activeKeyId, String keys, String blindIndexKey) {
    this.keys = parseKeys(keys);
    if (!this.keys.containsKey(activeKeyId)) {
      throw new IllegalArgumentException(
          "fingertip.pii.active-key-id '" + activeKeyId + "' is not among fingertip.pii.keys");
    }
    this.activeKeyId = activeKeyId;
    byte[] index = Base64.getDecoder().decode(blindIndexKey.trim());
    if (index.length < 32) {
      throw new IllegalArgumentException("fingertip.pii.blind-index-key must be at least 32 bytes");
    }
    this.indexKey = new SecretKeySpec(index, "HmacSHA256");
  }

  private static Map<String, SecretKeySpec> parseKeys(String keys) {
    Map<String, SecretKeySpec> parsed = new LinkedHashMap<>();
    for (String entry : keys.split(",")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("fingertip.pii.keys entries are id:base64");
      }
      byte[] key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
      if (key.length != 32) {
        throw new IllegalArgumentException(
            "PII key " + trimmed.substring(0, colon) + " must be 32 bytes (AES-256)");
      }
      parsed.put(trimmed.substring(0, colon), new SecretKeySpec(key, "AES"));
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException("fingertip.pii.keys holds no key");
    }
    return parsed;
  }

  /** Null stays null: absent data is not encrypted into something. */
  public String encrypt(String plain) {
    if (plain == null) {
      return null;
    }
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.get().nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
      return activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PII encryption failed", e);
    }
  }

  public String decrypt(String stored) {
    if (stored == null) {
      return null;
    }
    int colon = stored.indexOf(':');
    String keyId = stored.substring(0, colon);
    SecretKeySpec key = keys.get(keyId);
    if (key == null) {
      throw new IllegalStateException("PII key " + keyId + " is no longer configured");
    }
    try {
      byte[] all = Base64.getDecoder().decode(stored.substring(colon + 1));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PII decryption failed for key " + keyId, e);
    }
  }

  /** True when the value was written under a key other than the active one. */
  public boolean needsReEncryption(String stored) {
    return stored != null && !stored.startsWith(activeKeyId + ":");
  }

  /** Re-encrypts under the active key (rotation). */
  public String reEncrypt(String stored) {
    return needsReEncryption(stored) ? encrypt(decrypt(stored)) : stored;
  }

  /** Deterministic keyed hash for equality look-ups (hex). */
  public String blindIndex(String plain) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(indexKey);
      return HexFormat.of().formatHex(mac.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String activeKeyId() {
    return activeKeyId;
  }
}
