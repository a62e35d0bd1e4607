package org.fingertip.platform.config;

import io.smallrye.config.ConfigMapping;

/**
 * Keys for encrypting personal data at rest (AES-256-GCM). {@code keys} holds {@code id:base64}
 * pairs separated by commas; new values are written under {@code activeKeyId}, older ids stay
 * listed until every value written under them has been re-encrypted.
 */
@ConfigMapping(prefix = "fingertip.pii")
public interface PiiConfig {

  String activeKeyId();

  String keys();

  /**
   * Key of the blind index (HMAC-SHA256) used to find a citizen by ID number without storing it in
   * plain text. Unlike the encryption keys it cannot rotate without re-indexing, so it is separate.
   */
  String blindIndexKey();
}
