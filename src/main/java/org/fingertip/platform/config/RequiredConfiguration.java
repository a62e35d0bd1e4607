package org.fingertip.platform.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.fingertip.platform.storage.StorageConfig;

/**
 * Holds every setting production must supply. Injecting the mappings registers them for validation,
 * which Quarkus runs before any datasource or bean starts: a missing one stops start-up with one
 * message listing each missing property and the variable that would fill it.
 */
@ApplicationScoped
public class RequiredConfiguration {

  private final DatabaseConfig database;
  private final StorageConfig storage;

  public RequiredConfiguration(
      DatabaseConfig database, JwtConfig jwt, PiiConfig pii, StorageConfig storage) {
    this.database = database;
    this.storage = storage;
  }

  void onStart(@Observes StartupEvent event) {
    // endpoints only: never a credential in a log line
    Log.infof(
        "Database %s, object storage %s (bucket %s)",
        database.url().replaceAll("//[^@/]*@", "//"), storage.endpoint(), storage.bucket());
  }
}
