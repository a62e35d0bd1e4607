package org.fingertip.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.fingertip.platform.crypto.PiiCipher;
import org.junit.jupiter.api.Test;

/** AES-GCM with key ids: values survive a key rotation and can be re-encrypted. */
class PiiCipherTest {

  private static String key() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  @Test
  void shouldRotateKeysWithoutLosingOldValues() {
    String k1 = key();
    String k2 = key();
    String index = key();
    PiiCipher before = new PiiCipher("k1", "k1:" + k1, index);
    String stored = before.encrypt("320102199001011234");
    assertThat(stored).startsWith("k1:").doesNotContain("320102199001011234");
    assertThat(before.decrypt(stored)).isEqualTo("320102199001011234");

    PiiCipher after = new PiiCipher("k2", "k2:" + k2 + ",k1:" + k1, index);
    assertThat(after.decrypt(stored)).isEqualTo("320102199001011234");
    assertThat(after.needsReEncryption(stored)).isTrue();
    String rewritten = after.reEncrypt(stored);
    assertThat(rewritten).startsWith("k2:");
    assertThat(after.decrypt(rewritten)).isEqualTo("320102199001011234");
    // the blind index does not change with the encryption keys
    assertThat(after.blindIndex("320102199001011234"))
        .isEqualTo(before.blindIndex("320102199001011234"));

    PiiCipher k1Retired = new PiiCipher("k2", "k2:" + k2, index);
    assertThat(k1Retired.decrypt(rewritten)).isEqualTo("320102199001011234");
    assertThatThrownBy(() -> k1Retired.decrypt(stored)).hasMessageContaining("k1");
  }

  @Test
  void shouldNeverEncryptTheSameValueTheSameWay() {
    PiiCipher cipher = new PiiCipher("k1", "k1:" + key(), key());
    assertThat(cipher.encrypt("13800001234")).isNotEqualTo(cipher.encrypt("13800001234"));
  }
}
