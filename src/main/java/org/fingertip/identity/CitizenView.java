package org.fingertip.identity;

import java.time.LocalDate;
import java.util.UUID;

/** A citizen as every response shows them: personal data masked, never in full. */
public record CitizenView(
    UUID id,
    boolean verified,
    String realName,
    String idNumber,
    String phone,
    LocalDate birthDate,
    IdNumber.Sex sex,
    boolean miniProgramLinked,
    boolean appLinked) {

  public static CitizenView of(Citizen c) {
    return new CitizenView(
        c.id,
        c.verified(),
        c.realNameMasked,
        c.idNumberMasked,
        c.phoneMasked,
        c.birthDate,
        c.sex,
        c.miniProgramOpenid != null,
        c.appOpenid != null);
  }
}
