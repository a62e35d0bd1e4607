package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fingertip.identity.staff.StaffScope;
import org.fingertip.platform.Roles;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.RegionService;

/**
 * Monthly settlement of one canteen: meals served by elder category, the subsidy the government
 * owes, what donations paid, what elders paid. Missed meals are counted but owe nothing.
 */
@ApplicationScoped
public class SettlementService {

  private final RegionService regions;

  public SettlementService(RegionService regions) {
    this.regions = regions;
  }

  /** One category's line. */
  public record Line(
      ElderCategory category,
      String label,
      long servedMeals,
      long dishTotalFen,
      long subsidyFen,
      long donationFen,
      long elderPaidFen) {}

  /** The month's settlement. */
  public record Settlement(
      UUID canteenId,
      String canteenName,
      String month,
      List<Line> lines,
      Line total,
      long missedMeals) {}

  @WithSession
  public Uni<Settlement> settle(StaffScope staff, UUID canteenId, YearMonth month) {
    if (!staff.isAdmin()
        && !Roles.CASEWORKER.equals(staff.role())
        && !Roles.CANTEEN_OPERATOR.equals(staff.role())) {
      return Uni.createFrom().failure(ProblemException.forbidden("FORBIDDEN", "您没有权限查看结算"));
    }
    return Canteen.<Canteen>findById(canteenId)
        .chain(
            c -> {
              if (c == null) {
                return Uni.createFrom().failure(CanteenService.canteenNotFound());
              }
              return regions
                  .require(c.regionCode)
                  .map(
                      r -> {
                        boolean allowed =
                            staff.isAdmin()
                                || (Roles.CANTEEN_OPERATOR.equals(staff.role())
                                    && staff.coversCanteen(c.id.toString()))
                                || (Roles.CASEWORKER.equals(staff.role())
                                    && staff.coversRegion(r.lineage()));
                        if (!allowed) {
                          throw CanteenService.canteenNotFound();
                        }
                        return c;
                      });
            })
        .chain(c -> totals(c, month));
  }

  private Uni<Settlement> totals(Canteen c, YearMonth month) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "SELECT category, status, count(*), sum(dish_total_fen), sum(subsidy_fen),"
                            + " sum(donation_fen), sum(payable_fen) FROM meal_order WHERE"
                            + " canteen_id IN (:c) AND meal_date >= :from AND meal_date <= :to AND"
                            + " status IN ('SERVED', 'MISSED') GROUP BY category, status",
                        Object[].class)
                    // a list: no cached plan (NativeSelects)
                    .setParameter("c", List.of(c.id))
                    .setParameter("from", month.atDay(1))
                    .setParameter("to", month.atEndOfMonth())
                    .getResultList())
        .map(
            rows -> {
              List<Line> lines = new ArrayList<>();
              long missed = 0;
              long[] t = new long[5];
              for (ElderCategory category : ElderCategory.values()) {
                for (Object[] r : rows) {
                  if (!category.name().equals(r[0])) {
                    continue;
                  }
                  if ("MISSED".equals(r[1])) {
                    missed += ((Number) r[2]).longValue();
                    continue;
                  }
                  Line line =
                      new Line(
                          category, category.label, n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6]));
                  lines.add(line);
                  t[0] += line.servedMeals();
                  t[1] += line.dishTotalFen();
                  t[2] += line.subsidyFen();
                  t[3] += line.donationFen();
                  t[4] += line.elderPaidFen();
                }
              }
              return new Settlement(
                  c.id,
                  c.name,
                  month.toString(),
                  lines,
                  new Line(null, "合计", t[0], t[1], t[2], t[3], t[4]),
                  missed);
            });
  }

  private static long n(Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }

  /** The settlement as CSV for Excel: UTF-8 with a byte order mark, amounts in yuan. */
  public static String csv(Settlement s) {
    StringBuilder b = new StringBuilder("\uFEFF");
    b.append("助餐点,").append(s.canteenName()).append("\r\n");
    b.append("结算月份,").append(s.month()).append("\r\n");
    b.append("老人类别,用餐份数,餐费合计(元),政府补贴(元),爱心捐助(元),老人自付(元)\r\n");
    for (Line l : s.lines()) {
      row(b, l);
    }
    row(b, s.total());
    b.append("未取餐(不予补贴),").append(s.missedMeals()).append("\r\n");
    return b.toString();
  }

  private static void row(StringBuilder b, Line l) {
    b.append(l.label())
        .append(',')
        .append(l.servedMeals())
        .append(',')
        .append(yuan(l.dishTotalFen()))
        .append(',')
        .append(yuan(l.subsidyFen()))
        .append(',')
        .append(yuan(l.donationFen()))
        .append(',')
        .append(yuan(l.elderPaidFen()))
        .append("\r\n");
  }

  static String yuan(long fen) {
    return (fen < 0 ? "-" : "")
        + Math.abs(fen) / 100
        + "."
        + String.format("%02d", Math.abs(fen) % 100);
  }
}
