package org.fingertip.marriage;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.UUID;
import org.fingertip.identity.Citizen;
import org.fingertip.identity.Masks;
import org.fingertip.platform.crypto.PiiCipher;

/**
 * The other spouse as a booking, waitlist entry or lottery entry stores them: the citizen when they
 * have an account, their name and ID number encrypted, masked, and the ID number's blind index.
 * Null on the entity for a service without a partner (Hibernate loads all-null columns as null).
 */
@Embeddable
public class StoredPartner {

  @Column(name = "partner_citizen_id")
  public UUID citizenId;

  @Column(name = "partner_name_enc")
  public String nameEnc;

  @Column(name = "partner_name_masked")
  public String nameMasked;

  @Column(name = "partner_id_enc")
  public String idEnc;

  @Column(name = "partner_id_hash")
  public String idHash;

  @Column(name = "partner_id_masked")
  public String idMasked;

  /** The partner the applicant named; null when the service has none. */
  static StoredPartner of(PartnerIdentity named, Citizen account, PiiCipher cipher) {
    if (named.partnerId() == null) {
      return null;
    }
    StoredPartner p = new StoredPartner();
    p.citizenId = account == null ? null : account.id;
    p.nameEnc = cipher.encrypt(named.partnerName());
    p.nameMasked = Masks.name(named.partnerName());
    p.idEnc = cipher.encrypt(named.partnerId().value());
    p.idHash = named.partnerHash();
    p.idMasked = named.partnerId().masked();
    return p;
  }

  /** The same partner for another row (an entry becoming a booking or a waitlist entry). */
  static StoredPartner copyOf(StoredPartner p) {
    if (p == null) {
      return null;
    }
    StoredPartner c = new StoredPartner();
    c.citizenId = p.citizenId;
    c.nameEnc = p.nameEnc;
    c.nameMasked = p.nameMasked;
    c.idEnc = p.idEnc;
    c.idHash = p.idHash;
    c.idMasked = p.idMasked;
    return c;
  }

  /** {@code p}, or an empty partner to read nulls from. */
  static StoredPartner orNone(StoredPartner p) {
    return p == null ? new StoredPartner() : p;
  }
}
