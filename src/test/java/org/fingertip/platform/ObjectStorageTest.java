package org.fingertip.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.storage.ObjectStorage;
import org.fingertip.platform.storage.StorageConfig;
import org.fingertip.platform.storage.StoredObject;
import org.junit.jupiter.api.Test;

/** A real MinIO-client round trip against the embedded S3 server. */
@QuarkusTest
class ObjectStorageTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject ObjectStorage storage;
  @Inject StorageConfig config;

  @Test
  void shouldRoundTripStreamedObjectWithEqualSha256() throws Exception {
    storage.ensureBucket().await().atMost(WAIT);
    MinioClient direct =
        MinioClient.builder()
            .endpoint(config.endpoint())
            .credentials(config.accessKey(), config.secretKey())
            .build();
    assertThat(direct.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build()))
        .isTrue();

    // 7 MiB of unknown length: sent as multipart, never held whole
    byte[] data = new byte[7 * 1024 * 1024 + 123];
    new Random(42).nextBytes(data);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    String key = "test/" + UUID.randomUUID();

    StoredObject stored =
        storage
            .put(key, new ByteArrayInputStream(data), -1, "application/pdf")
            .await()
            .atMost(WAIT);
    assertThat(stored.size()).isEqualTo(data.length);
    assertThat(stored.sha256()).isEqualTo(expected);

    StoredObject stat = storage.stat(key).await().atMost(WAIT);
    assertThat(stat.size()).isEqualTo(data.length);
    assertThat(stat.contentType()).isEqualTo("application/pdf");

    MessageDigest readBack = MessageDigest.getInstance("SHA-256");
    try (InputStream in = storage.get(key).await().atMost(WAIT)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        readBack.update(buffer, 0, n);
      }
    }
    assertThat(HexFormat.of().formatHex(readBack.digest())).isEqualTo(expected);

    storage.delete(key).await().atMost(WAIT);
    assertThatThrownBy(() -> storage.stat(key).await().atMost(WAIT))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
