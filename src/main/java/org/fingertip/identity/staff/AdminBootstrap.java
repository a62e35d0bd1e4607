package org.fingertip.identity.staff;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fingertip.identity.auth.StaffLogin;
import org.fingertip.platform.web.AppClock;

/** On the first start of a fresh database, creates the one admin from configuration. */
@ApplicationScoped
public class AdminBootstrap {

  private final StaffRepository staff;
  private final AppClock clock;
  private final String username;
  private final String initialPassword;

  public AdminBootstrap(
      StaffRepository staff,
      AppClock clock,
      @ConfigProperty(name = "fingertip.admin.username", defaultValue = "admin") String username,
      @ConfigProperty(name = "fingertip.admin.initial-password") String initialPassword) {
    this.staff = staff;
    this.clock = clock;
    this.username = username;
    this.initialPassword = initialPassword;
  }

  void onStart(@Observes StartupEvent event) throws Throwable {
    // hashing happens here, on the main thread at start-up, not inside the transaction
    String hash = StaffLogin.hash(initialPassword);
    boolean created = VertxContextSupport.subscribeAndAwait(() -> createIfNone(hash));
    if (created) {
      Log.infof(
          "Created the initial admin '%s'; change its password after the first login", username);
    }
  }

  @WithTransaction
  Uni<Boolean> createIfNone(String hash) {
    return staff
        .countAdmins()
        .chain(
            n -> {
              if (n > 0) {
                return Uni.createFrom().item(false);
              }
              Staff admin = new Staff();
              admin.id = UUID.randomUUID();
              admin.username = username;
              admin.passwordHash = hash;
              admin.displayName = "系统管理员";
              admin.role = "admin";
              admin.createdAt = clock.instant();
              return staff.persist(admin).replaceWith(true);
            });
  }
}
