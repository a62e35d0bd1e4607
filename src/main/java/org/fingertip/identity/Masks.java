package org.fingertip.identity;

/** How personal data is shown: enough to recognise, never enough to use. */
public final class Masks {

  private Masks() {}

  /** {@code 3201**********1234}. */
  public static String idNumber(String id) {
    if (id == null || id.length() < 8) {
      return id == null ? null : "*".repeat(id.length());
    }
    return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
  }

  /** {@code 138****5678}. */
  public static String phone(String phone) {
    if (phone == null || phone.length() < 7) {
      return phone == null ? null : "*".repeat(phone.length());
    }
    return phone.substring(0, 3)
        + "*".repeat(phone.length() - 7)
        + phone.substring(phone.length() - 4);
  }

  /** {@code 张*华}, {@code 李*}; names of one character stay as they are. */
  public static String name(String name) {
    if (name == null) {
      return null;
    }
    int[] cps = name.codePoints().toArray();
    if (cps.length <= 1) {
      return name;
    }
    StringBuilder sb = new StringBuilder().appendCodePoint(cps[0]);
    if (cps.length == 2) {
      return sb.append('*').toString();
    }
    sb.append("*".repeat(cps.length - 2));
    return sb.appendCodePoint(cps[cps.length - 1]).toString();
  }
}
