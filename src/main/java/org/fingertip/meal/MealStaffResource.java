package org.fingertip.meal;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.identity.staff.StaffDirectory;
import org.fingertip.platform.Roles;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.Params;

/**
 * Elder meals for staff: menus, redemption at the counter, elder flags, missed meals, settlement.
 */
@Path("/api/v1")
@Tag(name = "Elder meals (staff)")
public class MealStaffResource {

  private final CanteenService canteens;
  private final OrderService orders;
  private final ElderService elders;
  private final SettlementService settlements;
  private final StaffDirectory staff;
  private final JsonWebToken jwt;

  public MealStaffResource(
      CanteenService canteens,
      OrderService orders,
      ElderService elders,
      SettlementService settlements,
      StaffDirectory staff,
      JsonWebToken jwt) {
    this.canteens = canteens;
    this.orders = orders;
    this.elders = elders;
    this.settlements = settlements;
    this.staff = staff;
    this.jwt = jwt;
  }

  /** The dishes of one meal's menu. */
  public record MenuRequest(List<CanteenService.MenuLine> items) {}

  /** The pickup code read out, or the QR token scanned. */
  public record RedemptionRequest(@NotNull String orderCode) {}

  /** How many orders were marked missed. */
  public record MissedRun(int marked) {}

  @PUT
  @Path("/staff/meals/canteens/{id}/menus/{date}/{mealType}")
  @RolesAllowed({Roles.CANTEEN_OPERATOR, Roles.ADMIN})
  @Operation(summary = "Operator: publish (replace) the menu of one meal on one date")
  public Uni<CanteenService.DayMenu> publish(
      @PathParam("id") String id,
      @PathParam("date") String date,
      @PathParam("mealType") String mealType,
      @NotNull MenuRequest request) {
    UUID canteenId = MealResource.canteenId(id);
    LocalDate day = Params.date(date, "date");
    MealType type = mealType(mealType);
    return staff
        .scopeOf(jwt)
        .chain(scope -> canteens.publish(scope, canteenId, day, type, request.items()));
  }

  @POST
  @Path("/staff/meals/redemptions")
  @RolesAllowed({Roles.CANTEEN_OPERATOR, Roles.ADMIN})
  @Operation(summary = "Operator: mark an order served (pickup code or QR token), once")
  public Uni<OrderService.RedemptionView> redeem(@NotNull RedemptionRequest request) {
    return staff.scopeOf(jwt).chain(scope -> orders.redeem(scope, request.orderCode()));
  }

  @PUT
  @Path("/staff/meals/elders/{citizenId}")
  @RolesAllowed({Roles.CASEWORKER, Roles.ADMIN})
  @Operation(
      summary =
          "Caseworker: record an elder's groups (DIBAO, TEKUN, DISABLED), delivery need, home")
  public Uni<ElderService.ProfileView> elder(
      @PathParam("citizenId") String citizenId, @NotNull ElderService.ProfileRequest request) {
    UUID id;
    try {
      id = UUID.fromString(citizenId);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("CITIZEN_NOT_FOUND", "未找到该居民");
    }
    return staff.scopeOf(jwt).chain(scope -> elders.record(scope, id, request));
  }

  @POST
  @Path("/staff/meals/missed-runs")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Admin: mark orders not collected by closing time as missed now")
  public Uni<MissedRun> missed() {
    return orders.markMissed().map(MissedRun::new);
  }

  @GET
  @Path("/staff/meals/settlements")
  @RolesAllowed({Roles.CASEWORKER, Roles.CANTEEN_OPERATOR, Roles.ADMIN})
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  @Operation(
      summary =
          "Monthly settlement of a canteen: JSON, or CSV (UTF-8 with BOM, for Excel) with"
              + " Accept: text/csv")
  public Uni<Response> settlement(
      @QueryParam("canteenId") String canteenId,
      @QueryParam("month") String month,
      @HeaderParam("Accept") String accept) {
    UUID id = requiredCanteen(canteenId);
    YearMonth m = month(month);
    boolean csv =
        accept != null
            && accept.contains("text/csv")
            && !accept.contains(MediaType.APPLICATION_JSON);
    return staff
        .scopeOf(jwt)
        .chain(scope -> settlements.settle(scope, id, m))
        .map(
            s ->
                csv
                    ? Response.ok(SettlementService.csv(s))
                        .type("text/csv; charset=UTF-8")
                        .header(
                            "Content-Disposition",
                            "attachment; filename=\"settlement-" + s.month() + ".csv\"")
                        .build()
                    : Response.ok(s).type(MediaType.APPLICATION_JSON_TYPE).build());
  }

  private static UUID requiredCanteen(String raw) {
    if (raw == null || raw.isBlank()) {
      throw ProblemException.invalidField("canteenId", "REQUIRED", "请选择助餐点");
    }
    return MealResource.canteenId(raw.trim());
  }

  private static YearMonth month(String raw) {
    if (raw == null || raw.isBlank()) {
      throw ProblemException.invalidField("month", "REQUIRED", "请提供结算月份，格式为 YYYY-MM");
    }
    try {
      return YearMonth.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw ProblemException.invalidField("month", "FORMAT", "月份格式应为 YYYY-MM");
    }
  }

  private static MealType mealType(String raw) {
    try {
      return MealType.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidField("mealType", "INVALID", "餐次应为 BREAKFAST、LUNCH 或 DINNER");
    }
  }
}
