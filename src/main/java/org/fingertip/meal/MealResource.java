package org.fingertip.meal;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.identity.Caller;
import org.fingertip.platform.Roles;
import org.fingertip.platform.idempotency.Idempotency;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.AppClock;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;
import org.fingertip.platform.web.Params;
import org.fingertip.platform.web.RateLimiter;

/** Elder meals for citizens: canteens and menus (public), orders, donations. */
@Path("/api/v1")
@Tag(name = "Elder meals")
public class MealResource {

  private final CanteenService canteens;
  private final OrderService orders;
  private final DonationService donations;
  private final Idempotency idempotency;
  private final RateLimiter rateLimiter;
  private final MealConfig config;
  private final AppClock clock;
  private final JsonWebToken jwt;

  public MealResource(
      CanteenService canteens,
      OrderService orders,
      DonationService donations,
      Idempotency idempotency,
      RateLimiter rateLimiter,
      MealConfig config,
      AppClock clock,
      JsonWebToken jwt) {
    this.canteens = canteens;
    this.orders = orders;
    this.donations = donations;
    this.idempotency = idempotency;
    this.rateLimiter = rateLimiter;
    this.config = config;
    this.clock = clock;
    this.jwt = jwt;
  }

  /** An order as the mini-program sends it. */
  public record OrderRequest(
      UUID canteenId,
      LocalDate date,
      MealType mealType,
      List<OrderService.Line> items,
      Fulfilment fulfilment,
      UUID forCitizenId) {}

  /** The day (and optionally another meal) to repeat an order for. */
  public record ReorderRequest(@NotNull LocalDate date, MealType mealType) {}

  /** A pledge. */
  public record DonationRequest(
      UUID canteenId, String regionCode, Integer meals, Long amountPerMealFen, String donorName) {}

  @GET
  @Path("/meals/canteens")
  @PermitAll
  @Operation(
      summary = "Canteens, nearest first when near=lat,lng is given; filter by region and open day")
  public Uni<List<CanteenService.CanteenView>> canteens(
      @QueryParam("near") String near,
      @QueryParam("region") String region,
      @QueryParam("openOn") String openOn) {
    Geo.Point point = Geo.parse(near, "near");
    LocalDate date = openOn == null || openOn.isBlank() ? null : Params.date(openOn, "openOn");
    return canteens.list(point, region, date);
  }

  @GET
  @Path("/meals/canteens/{id}/menus")
  @PermitAll
  @Operation(
      summary = "A canteen's menus for a date: dishes, prices in fen, tags, places left, cutoff")
  public Uni<CanteenService.DayMenu> menu(
      @PathParam("id") String id, @QueryParam("date") String date) {
    return canteens.menu(canteenId(id), Params.dateOr(date, "date", clock.today()));
  }

  @POST
  @Path("/meals/orders")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Order a meal for myself or an elder I act for; accepts Idempotency-Key")
  public Uni<Response> placeOrder(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull OrderRequest request) {
    UUID me = Caller.of(jwt).id();
    limit(me);
    OrderService.PlaceOrder order =
        new OrderService.PlaceOrder(
            request.canteenId(),
            request.date(),
            request.mealType(),
            request.items(),
            request.fulfilment(),
            request.forCitizenId());
    return idempotency.<OrderService.OrderView>runAnswering(
        key,
        me.toString(),
        "POST /api/v1/meals/orders",
        request,
        201,
        answer -> orders.place(me, order, null, answer));
  }

  @GET
  @Path("/meals/orders")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "My orders and those I placed for (or may place for) family")
  public Uni<Page<OrderService.OrderView>> orders(@BeanParam PageRequest page) {
    return orders.list(Caller.of(jwt).id(), page.validated());
  }

  @GET
  @Path("/meals/orders/{id}")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "One order with its price breakdown, pickup code and QR token")
  public Uni<OrderService.OrderView> getOrder(@PathParam("id") String id) {
    return orders.get(Caller.of(jwt).id(), orderId(id));
  }

  @DELETE
  @Path("/meals/orders/{id}")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Cancel before the cutoff; frees the place and the day's subsidy")
  public Uni<OrderService.OrderView> cancel(@PathParam("id") String id) {
    return orders.cancel(Caller.of(jwt).id(), orderId(id));
  }

  @POST
  @Path("/meals/orders/{id}/reorder")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(
      summary =
          "Repeat an order for another day, re-priced and re-checked; accepts Idempotency-Key")
  public Uni<Response> reorder(
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @NotNull ReorderRequest request) {
    UUID me = Caller.of(jwt).id();
    UUID original = orderId(id);
    limit(me);
    return idempotency.<OrderService.OrderView>runAnswering(
        key,
        me.toString(),
        "POST /api/v1/meals/orders/{id}/reorder " + original,
        request,
        201,
        answer ->
            orders
                .reorderRequest(me, original, request.date(), request.mealType())
                .chain(order -> orders.place(me, order, original, answer)));
  }

  @POST
  @Path("/meals/donations")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "我为老人助一餐: pledge meals to a canteen or region pool; accepts Idempotency-Key")
  public Uni<Response> donate(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull DonationRequest request) {
    UUID me = Caller.of(jwt).id();
    return idempotency.run(
        key,
        me.toString(),
        "POST /api/v1/meals/donations",
        request,
        201,
        () ->
            donations.pledge(
                me,
                new DonationService.Pledge(
                    request.canteenId(),
                    request.regionCode(),
                    request.meals(),
                    request.amountPerMealFen(),
                    request.donorName())));
  }

  @GET
  @Path("/meals/donations")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "My pledges, their ledger, and the meals they paid for")
  public Uni<List<DonationService.DonationView>> myDonations() {
    return donations.mine(Caller.of(jwt).id());
  }

  @GET
  @Path("/meals/donations/{id}")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "One pledge and the meals it paid for (canteen, date, meal, elder category)")
  public Uni<DonationService.DonationView> donation(@PathParam("id") String id) {
    try {
      return donations.get(Caller.of(jwt).id(), UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("DONATION_NOT_FOUND", "未找到该捐助");
    }
  }

  private void limit(UUID me) {
    rateLimiter.check("meal-order:" + me, config.ordersPerMinute(), Duration.ofMinutes(1));
  }

  static UUID canteenId(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw CanteenService.canteenNotFound();
    }
  }

  static UUID orderId(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw OrderService.orderNotFound();
    }
  }
}
