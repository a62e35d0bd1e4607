package org.fingertip.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Set;

/**
 * A resident ID number (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence
 * (odd = male), and an ISO 7064 MOD 11-2 check character. Parsing normalises a lowercase {@code x}.
 */
public record IdNumber(String value, LocalDate birthDate, Sex sex) {

  /** Sex as the sequence digit encodes it. */
  public enum Sex {
    MALE,
    FEMALE
  }

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  /** First two digits of the provinces, autonomous regions, municipalities, Taiwan, HK, Macao. */
  private static final Set<String> PROVINCES =
      Set.of(
          "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
          "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
          "65", "71", "81", "82", "83", "91");

  /** Why a number was refused; each maps to a stable problem code. */
  public enum Defect {
    FORMAT,
    REGION,
    BIRTH_DATE,
    FUTURE_BIRTH_DATE,
    CHECKSUM
  }

  /** Thrown by {@link #parse} with the defect found. */
  public static final class InvalidIdNumberException extends IllegalArgumentException {
    private final Defect defect;

    InvalidIdNumberException(Defect defect) {
      super("Invalid ID number: " + defect);
      this.defect = defect;
    }

    public Defect defect() {
      return defect;
    }
  }

  /**
   * @param today to refuse birth dates in the future (from the service clock)
   */
  public static IdNumber parse(String raw, LocalDate today) {
    if (raw == null) {
      throw new InvalidIdNumberException(Defect.FORMAT);
    }
    String value = raw.trim().toUpperCase();
    if (!value.matches("\\d{17}[\\dX]")) {
      throw new InvalidIdNumberException(Defect.FORMAT);
    }
    if (!PROVINCES.contains(value.substring(0, 2)) || value.startsWith("0000", 2)) {
      throw new InvalidIdNumberException(Defect.REGION);
    }
    LocalDate birth;
    try {
      birth =
          LocalDate.of(
              Integer.parseInt(value.substring(6, 10)),
              Integer.parseInt(value.substring(10, 12)),
              Integer.parseInt(value.substring(12, 14)));
    } catch (DateTimeException e) {
      throw new InvalidIdNumberException(Defect.BIRTH_DATE);
    }
    if (birth.getYear() < 1880) {
      throw new InvalidIdNumberException(Defect.BIRTH_DATE);
    }
    if (birth.isAfter(today)) {
      throw new InvalidIdNumberException(Defect.FUTURE_BIRTH_DATE);
    }
    if (checkCharacter(value.substring(0, 17)) != value.charAt(17)) {
      throw new InvalidIdNumberException(Defect.CHECKSUM);
    }
    Sex sex = (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    return new IdNumber(value, birth, sex);
  }

  /** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }

  /** Age in whole years on a date (a birthday counts from that day). */
  public int ageOn(LocalDate date) {
    return Period.between(birthDate, date).getYears();
  }

  /** {@code 3201**********1234}: region prefix and last four only. */
  public String masked() {
    return Masks.idNumber(value);
  }

  public String regionCode() {
    return value.substring(0, 6);
  }

  @Override
  public String toString() {
    return masked();
  }
}
