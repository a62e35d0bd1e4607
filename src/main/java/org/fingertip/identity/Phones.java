package org.fingertip.identity;

import java.util.regex.Pattern;

/** Mainland China mobile numbers: 11 digits starting 13–19. */
public final class Phones {

  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

  private Phones() {}

  /** The normalised number (spaces, dashes and a +86 prefix removed), or null if not valid. */
  public static String normalise(String raw) {
    if (raw == null) {
      return null;
    }
    String digits = raw.replaceAll("[\\s-]", "");
    if (digits.startsWith("+86")) {
      digits = digits.substring(3);
    } else if (digits.startsWith("0086")) {
      digits = digits.substring(4);
    }
    return MOBILE.matcher(digits).matches() ? digits : null;
  }
}
