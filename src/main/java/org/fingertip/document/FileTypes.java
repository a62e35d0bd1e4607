package org.fingertip.document;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The file types citizens may upload, recognised by their first bytes (magic numbers) rather than
 * by what the client claims. Pure.
 */
public final class FileTypes {

  public static final String PDF = "application/pdf";
  public static final String JPEG = "image/jpeg";
  public static final String PNG = "image/png";
  public static final String HEIC = "image/heic";

  public static final Set<String> SUPPORTED = Set.of(PDF, JPEG, PNG, HEIC);

  /** How many leading bytes {@link #detect} needs. */
  public static final int HEADER_LENGTH = 12;

  private static final Map<String, String> ALIASES =
      Map.of(
          "image/jpg", JPEG,
          "image/pjpeg", JPEG,
          "image/heif", HEIC,
          "image/x-png", PNG,
          "application/x-pdf", PDF);

  private static final Map<String, String> EXTENSIONS =
      Map.of("pdf", PDF, "jpg", JPEG, "jpeg", JPEG, "png", PNG, "heic", HEIC, "heif", HEIC);

  private FileTypes() {}

  /** The type the bytes are, or null when they are none of the supported ones. */
  public static String detect(byte[] head, int length) {
    if (length >= 4 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F') {
      return PDF;
    }
    if (length >= 3
        && (head[0] & 0xff) == 0xFF
        && (head[1] & 0xff) == 0xD8
        && (head[2] & 0xff) == 0xFF) {
      return JPEG;
    }
    if (length >= 4
        && (head[0] & 0xff) == 0x89
        && head[1] == 'P'
        && head[2] == 'N'
        && head[3] == 'G') {
      return PNG;
    }
    if (length >= 12) {
      String brand = new String(head, 4, 8, StandardCharsets.US_ASCII);
      if (brand.equals("ftypheic") || brand.equals("ftypmif1")) {
        return HEIC;
      }
    }
    return null;
  }

  /**
   * The declared type in canonical form: the part's Content-Type, or, when the client sent none (or
   * only {@code application/octet-stream}), the one the file name suggests. Null if unknown.
   */
  public static String declared(String contentType, String fileName) {
    String type =
        contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    type = ALIASES.getOrDefault(type, type);
    if (!type.isEmpty() && !type.equals("application/octet-stream")) {
      return type;
    }
    if (fileName != null) {
      int dot = fileName.lastIndexOf('.');
      if (dot >= 0) {
        return EXTENSIONS.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
      }
    }
    return null;
  }
}
