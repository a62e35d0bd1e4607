package org.fingertip.identity;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.fingertip.identity.staff.StaffScope;
import org.fingertip.platform.crypto.PiiCipher;
import org.fingertip.platform.web.AppClock;

/**
 * The only way staff see a citizen's personal data in full: each reveal writes an access-log entry
 * in the same transaction (call it inside one), which the citizen reads at {@code GET
 * /api/v1/me/access-log}. The caller has already checked the staff member's scope.
 */
@ApplicationScoped
public class PiiAccess {

  private final PiiCipher cipher;
  private final AppClock clock;

  public PiiAccess(PiiCipher cipher, AppClock clock) {
    this.cipher = cipher;
    this.clock = clock;
  }

  /** A citizen's personal data in full, for staff in scope. */
  public record Revealed(UUID citizenId, String realName, String idNumber, String phone) {}

  public Uni<Revealed> reveal(Citizen citizen, StaffScope staff, String purpose) {
    PiiAccessLogEntry entry = new PiiAccessLogEntry();
    entry.id = UUID.randomUUID();
    entry.citizenId = citizen.id;
    entry.staffId = staff.staffId();
    entry.staffRole = staff.role();
    entry.staffUnit = truncate(staff.unit(), 128);
    entry.purpose = truncate(purpose, 200);
    entry.fields = "姓名,身份证号,手机号";
    entry.accessedAt = clock.instant();
    return entry
        .persist()
        .replaceWith(
            () ->
                new Revealed(
                    citizen.id,
                    cipher.decrypt(citizen.realNameEnc),
                    cipher.decrypt(citizen.idNumberEnc),
                    cipher.decrypt(citizen.phoneEnc)));
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
