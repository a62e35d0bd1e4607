package org.fingertip.meal;

import org.fingertip.platform.problem.ProblemException;

/** Coordinates (WGS-84 as the mini-program's wx.getLocation gives them) and distances. Pure. */
public final class Geo {

  private static final double EARTH_RADIUS_M = 6_371_008.8;

  private Geo() {}

  public record Point(double latitude, double longitude) {}

  /** Great-circle distance in metres (haversine). */
  public static double distanceMetres(Point a, Point b) {
    double lat1 = Math.toRadians(a.latitude());
    double lat2 = Math.toRadians(b.latitude());
    double dLat = lat2 - lat1;
    double dLng = Math.toRadians(b.longitude() - a.longitude());
    double h =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /** Parses {@code "lat,lng"}; anything else, or out of range, is a 400 on the field. */
  public static Point parse(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String[] parts = raw.split(",");
    if (parts.length != 2) {
      throw bad(field);
    }
    try {
      double lat = Double.parseDouble(parts[0].trim());
      double lng = Double.parseDouble(parts[1].trim());
      if (!Double.isFinite(lat)
          || !Double.isFinite(lng)
          || lat < -90
          || lat > 90
          || lng < -180
          || lng > 180) {
        throw bad(field);
      }
      return new Point(lat, lng);
    } catch (NumberFormatException e) {
      throw bad(field);
    }
  }

  private static ProblemException bad(String field) {
    return ProblemException.invalidField(
        field, "COORDINATES_INVALID", "坐标格式应为“纬度,经度”，纬度在 -90 到 90 之间，经度在 -180 到 180 之间");
  }
}
