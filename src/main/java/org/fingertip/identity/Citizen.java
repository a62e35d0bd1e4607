package org.fingertip.identity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A citizen: found by WeChat identity, bound to a real name and ID number. Personal data is held
 * only encrypted ({@code *Enc}), found by blind index, shown masked.
 */
@Entity
@Table(name = "citizen")
public class Citizen extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "mp_openid")
  public String miniProgramOpenid;

  @Column(name = "app_openid")
  public String appOpenid;

  public String unionid;

  @Column(name = "real_name_enc")
  public String realNameEnc;

  @Column(name = "real_name_masked")
  public String realNameMasked;

  @Column(name = "id_number_enc")
  public String idNumberEnc;

  @Column(name = "id_number_hash")
  public String idNumberHash;

  @Column(name = "id_number_masked")
  public String idNumberMasked;

  @Column(name = "phone_enc")
  public String phoneEnc;

  @Column(name = "phone_masked")
  public String phoneMasked;

  @Column(name = "birth_date")
  public LocalDate birthDate;

  @Enumerated(EnumType.STRING)
  public IdNumber.Sex sex;

  @Column(name = "verified_at")
  public Instant verifiedAt;

  public boolean offline;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  public boolean verified() {
    return verifiedAt != null;
  }
}
