package org.fingertip.platform.region;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Region codes: 6 digits for province/city/county (GB/T 2260: 32 0000 province, 3213 00 city,
 * 321302 county), 9 digits for a township, 12 for a village. The level and the parent follow from
 * the digits.
 */
public final class RegionCode {

  private static final Pattern DIGITS = Pattern.compile("\\d{6}|\\d{9}|\\d{12}");

  private RegionCode() {}

  public static boolean isWellFormed(String code) {
    if (code == null || !DIGITS.matcher(code).matches()) {
      return false;
    }
    return !code.startsWith("00")
        && (code.length() != 6 || !code.substring(2, 4).equals("00") || code.endsWith("0000"));
  }

  public static RegionLevel levelOf(String code) {
    if (code.length() == 12) {
      return RegionLevel.VILLAGE;
    }
    if (code.length() == 9) {
      return RegionLevel.TOWNSHIP;
    }
    if (code.endsWith("0000")) {
      return RegionLevel.PROVINCE;
    }
    if (code.endsWith("00")) {
      return RegionLevel.CITY;
    }
    return RegionLevel.COUNTY;
  }

  /**
   * The parent the digits imply. Counties of municipalities directly under the central government
   * and a few county-level cities hang off a city code that may not exist in the data; the caller
   * checks existence.
   */
  public static Optional<String> impliedParent(String code) {
    return switch (levelOf(code)) {
      case PROVINCE -> Optional.empty();
      case CITY -> Optional.of(code.substring(0, 2) + "0000");
      case COUNTY -> Optional.of(code.substring(0, 4) + "00");
      case TOWNSHIP -> Optional.of(code.substring(0, 6));
      case VILLAGE -> Optional.of(code.substring(0, 9));
    };
  }

  /**
   * Whether {@code parent} may sit directly above {@code code}: a township or village extends its
   * parent's digits; a city or county stays inside its province (some counties hang directly off
   * the province).
   */
  public static boolean canBeParentOf(String parent, String code) {
    if (!isWellFormed(parent) || !isWellFormed(code) || parent.length() > code.length()) {
      return false;
    }
    if (code.length() > 6) {
      return parent.length() == code.length() - 3 && code.startsWith(parent);
    }
    return !parent.equals(code)
        && parent.substring(0, 2).equals(code.substring(0, 2))
        && levelOf(parent).ordinal() < levelOf(code).ordinal();
  }
}
