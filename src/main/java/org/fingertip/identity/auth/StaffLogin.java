package org.fingertip.identity.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.fingertip.identity.staff.Staff;
import org.fingertip.identity.staff.StaffRepository;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.AppClock;
import org.fingertip.platform.web.VertxContexts;

/**
 * Staff username/password login with bcrypt and a lockout after repeated failures. The hash check
 * runs on a worker thread between two short transactions, never inside one.
 */
@ApplicationScoped
public class StaffLogin {

  /** Compared against when the username is unknown, so timing does not reveal which names exist. */
  private static final String DUMMY_HASH =
      BCrypt.withDefaults().hashToString(10, "not-a-real-password".toCharArray());

  private final StaffRepository staff;
  private final AuthConfig config;
  private final AppClock clock;

  public StaffLogin(StaffRepository staff, AuthConfig config, AppClock clock) {
    this.staff = staff;
    this.config = config;
    this.clock = clock;
  }

  private record Candidate(UUID id, String hash, Instant lockedUntil) {}

  /** The authenticated member of staff, or a problem. */
  public Uni<Staff> login(String username, String password) {
    return load(username)
        .chain(
            candidate -> {
              if (candidate != null
                  && candidate.lockedUntil() != null
                  && candidate.lockedUntil().isAfter(clock.instant())) {
                return Uni.createFrom().failure(locked(candidate.lockedUntil()));
              }
              String hash = candidate == null ? DUMMY_HASH : candidate.hash();
              return VertxContexts.blocking(
                      () ->
                          BCrypt.verifyer()
                              .verify(
                                  password.getBytes(StandardCharsets.UTF_8),
                                  hash.getBytes(StandardCharsets.UTF_8))
                              .verified)
                  .chain(ok -> record(candidate, ok))
                  // the failure counts are committed first, then the caller hears "no"
                  .onItem()
                  .ifNull()
                  .failWith(StaffLogin::invalid);
            });
  }

  @WithTransaction
  Uni<Candidate> load(String username) {
    return staff
        .findByUsername(username)
        .map(s -> s == null ? null : new Candidate(s.id, s.passwordHash, s.lockedUntil));
  }

  /** Records the outcome; null when the password was wrong (or the user unknown). */
  @WithTransaction
  Uni<Staff> record(Candidate candidate, boolean ok) {
    if (candidate == null) {
      return Uni.createFrom().nullItem();
    }
    return staff
        .findById(candidate.id())
        .chain(
            s -> {
              if (ok) {
                s.failedLogins = 0;
                s.lockedUntil = null;
                return Uni.createFrom().item(s);
              }
              s.failedLogins++;
              if (s.failedLogins >= config.staffMaxFailures()) {
                s.lockedUntil = clock.instant().plus(config.staffLockout());
                s.failedLogins = 0;
              }
              return Uni.createFrom().<Staff>nullItem();
            });
  }

  private static ProblemException invalid() {
    return new ProblemException(401, "STAFF_CREDENTIALS_INVALID", "用户名或密码不正确");
  }

  private static ProblemException locked(Instant until) {
    return ProblemException.forbidden("STAFF_ACCOUNT_LOCKED", "连续多次密码错误，账号已临时锁定，请稍后再试或联系管理员")
        .with("lockedUntil", until.toString());
  }

  /** bcrypt at cost 12, for the admin bootstrap and staff management. */
  public static String hash(String password) {
    return BCrypt.withDefaults().hashToString(12, password.toCharArray());
  }
}
