package org.fingertip.platform.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Object storage (MinIO in production, the embedded S3 server in dev and test). */
@ConfigMapping(prefix = "fingertip.storage")
public interface StorageConfig {

  /** e.g. {@code http://minio.fingertip.svc:9000}. */
  String endpoint();

  String accessKey();

  String secretKey();

  @WithDefault("fingertip-documents")
  String bucket();

  @WithDefault("us-east-1")
  String region();

  @WithDefault("2s")
  Duration connectTimeout();

  @WithDefault("30s")
  Duration readTimeout();
}
