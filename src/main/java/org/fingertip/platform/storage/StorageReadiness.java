package org.fingertip.platform.storage;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness says by name whether object storage answers. */
@Readiness
@ApplicationScoped
public class StorageReadiness implements AsyncHealthCheck {

  private final ObjectStorage storage;

  public StorageReadiness(ObjectStorage storage) {
    this.storage = storage;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return storage
        .isAvailable()
        .ifNoItem()
        .after(Duration.ofSeconds(3))
        .recoverWithItem(false)
        .map(
            up ->
                HealthCheckResponse.named("object-storage")
                    .status(up)
                    .withData("bucket", storage.bucket())
                    .build());
  }
}
