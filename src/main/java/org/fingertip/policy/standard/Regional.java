package org.fingertip.policy.standard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * "Nearest region up the tree that says something, as of a date": the inheritance rule shared by
 * standards and eligibility rules. A row is in force from its date until the next row of the same
 * region and key; a region that has nothing in force on the date defers to its parent.
 */
public final class Regional {

  private Regional() {}

  /** What was in force, where it was set, and every row of that region and key in date order. */
  public record Resolution<T>(T inForce, String regionCode, List<T> history) {}

  /**
   * @param lineage region codes from the province down to the region asked about
   * @param rows candidate rows of one key (any region of the lineage)
   */
  public static <T> Optional<Resolution<T>> resolve(
      List<String> lineage,
      List<T> rows,
      LocalDate date,
      Function<T, String> regionOf,
      Function<T, LocalDate> fromOf) {
    for (int i = lineage.size() - 1; i >= 0; i--) {
      String region = lineage.get(i);
      List<T> own = new ArrayList<>();
      for (T row : rows) {
        if (region.equals(regionOf.apply(row))) {
          own.add(row);
        }
      }
      own.sort(Comparator.comparing(fromOf));
      T inForce = null;
      for (T row : own) {
        if (!fromOf.apply(row).isAfter(date)) {
          inForce = row;
        }
      }
      if (inForce != null) {
        return Optional.of(new Resolution<>(inForce, region, List.copyOf(own)));
      }
    }
    return Optional.empty();
  }
}
