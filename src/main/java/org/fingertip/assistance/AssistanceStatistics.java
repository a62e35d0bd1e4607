package org.fingertip.assistance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The figures the bureaus report (people covered, money granted, average amount), by item, status
 * and region, computed from the applications a staff member may see. Pure.
 */
public final class AssistanceStatistics {

  private AssistanceStatistics() {}

  /** One group's figures; amounts are the approved monthly amounts in fen. */
  public record Bucket(
      String key,
      String label,
      long applications,
      long approved,
      long peopleCovered,
      long approvedAmountFen,
      long averageApprovedAmountFen) {}

  /** The report for a period. */
  public record Report(
      LocalDate from,
      LocalDate to,
      long applications,
      long approved,
      long peopleCovered,
      long approvedAmountFen,
      long averageApprovedAmountFen,
      Map<String, Long> byStatus,
      List<Bucket> byItem,
      List<Bucket> byRegion) {}

  /** One application reduced to what counts. */
  public record Row(
      String itemCode,
      String itemName,
      String regionCode,
      ApplicationStatus status,
      Long amountFen,
      int householdSize) {}

  public static Report of(LocalDate from, LocalDate to, List<Row> rows) {
    Map<String, Long> byStatus = new TreeMap<>();
    rows.forEach(r -> byStatus.merge(r.status().name(), 1L, Long::sum));
    Bucket all = bucket("ALL", "合计", rows);
    return new Report(
        from,
        to,
        all.applications(),
        all.approved(),
        all.peopleCovered(),
        all.approvedAmountFen(),
        all.averageApprovedAmountFen(),
        byStatus,
        group(rows, Row::itemCode, Row::itemName),
        group(rows, Row::regionCode, Row::regionCode));
  }

  private static List<Bucket> group(
      List<Row> rows, Function<Row, String> key, Function<Row, String> label) {
    Map<String, List<Row>> groups = new TreeMap<>();
    rows.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
    return groups.entrySet().stream()
        .map(e -> bucket(e.getKey(), label.apply(e.getValue().get(0)), e.getValue()))
        .toList();
  }

  private static Bucket bucket(String key, String label, List<Row> rows) {
    long approved = 0;
    long people = 0;
    long amount = 0;
    for (Row r : rows) {
      if (r.status() == ApplicationStatus.APPROVED) {
        approved++;
        people += Math.max(1, r.householdSize());
        amount += r.amountFen() == null ? 0 : r.amountFen();
      }
    }
    return new Bucket(
        key, label, rows.size(), approved, people, amount, approved == 0 ? 0 : amount / approved);
  }
}
