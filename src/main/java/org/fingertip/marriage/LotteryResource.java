package org.fingertip.marriage;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.identity.Caller;
import org.fingertip.platform.Roles;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;
import org.fingertip.platform.web.RateLimiter;

/** Lottery for peak days: entries, confirmation of a win, and the public record of each draw. */
@Path("/api/v1")
@Tag(name = "Marriage")
public class LotteryResource {

  private final LotteryService lottery;
  private final AppointmentService appointments;
  private final RateLimiter rateLimiter;
  private final MarriageConfig config;
  private final JsonWebToken jwt;

  public LotteryResource(
      LotteryService lottery,
      AppointmentService appointments,
      RateLimiter rateLimiter,
      MarriageConfig config,
      JsonWebToken jwt) {
    this.lottery = lottery;
    this.appointments = appointments;
    this.rateLimiter = rateLimiter;
    this.config = config;
    this.jwt = jwt;
  }

  /** {@code POST /marriage/lottery-entries}: the preferred slot of a lottery day. */
  public record EntryRequest(
      UUID slotId, RegistryService service, MarriageResource.PartnerRequest partner) {}

  @POST
  @Path("/marriage/lottery-entries")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(
      summary = "Enter the lottery of a peak day for a slot (same checks as booking)",
      description =
          "Only during the day's registration window; one entry per couple, day and service.")
  public Uni<Response> enter(@NotNull EntryRequest request) {
    UUID me = Caller.of(jwt).id();
    rateLimiter.check("marriage-book:" + me, config.bookingsPerMinute(), Duration.ofMinutes(1));
    return lottery
        .register(
            me,
            new LotteryService.EntryRequest(
                request.slotId(),
                request.service(),
                request.partner() == null
                    ? null
                    : new AppointmentService.Partner(
                        request.partner().realName(), request.partner().idNumber())))
        .map(view -> Response.status(201).entity(view).build());
  }

  @GET
  @Path("/marriage/lottery-entries")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "My lottery entries, with draw position, result and confirm deadline")
  public Uni<Page<LotteryService.EntryView>> mine(@BeanParam PageRequest page) {
    return lottery.mine(Caller.of(jwt).id(), page.validated());
  }

  @GET
  @Path("/marriage/lottery-entries/{id}")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "One of my lottery entries")
  public Uni<LotteryService.EntryView> get(@PathParam("id") String id) {
    return lottery.get(Caller.of(jwt).id(), entry(id));
  }

  @DELETE
  @Path("/marriage/lottery-entries/{id}")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(
      summary =
          "Withdraw my entry before the draw, or give a won place back before the confirmation"
              + " deadline (it goes to the slot's waitlist at once)")
  public Uni<LotteryService.EntryView> withdraw(@PathParam("id") String id) {
    return lottery.withdraw(Caller.of(jwt).id(), entry(id));
  }

  @POST
  @Path("/marriage/lottery-entries/{id}/confirm")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Confirm a won place before the deadline: it becomes a booking")
  public Uni<Response> confirm(@PathParam("id") String id) {
    UUID me = Caller.of(jwt).id();
    return lottery
        .confirm(me, entry(id))
        .chain(appointment -> appointments.get(me, appointment))
        .map(view -> Response.status(201).entity(view).build());
  }

  @GET
  @Path("/marriage/lotteries/{specialDayId}")
  @PermitAll
  @Operation(
      summary = "Public record of a lottery day: seed commitment, then seed and drawn order",
      description =
          "Before the draw: the window, the SHA-256 of the secret seed and the entry count. After:"
              + " the seed and every entry's id, preferred slot, position and result (no names),"
              + " so anyone can re-run the published algorithm and compare.")
  public Uni<LotteryService.DrawView> draw(@PathParam("specialDayId") String id) {
    return lottery.drawView(MarriageResource.uuid(id, LotteryService::lotteryNotFound));
  }

  private static UUID entry(String id) {
    return MarriageResource.uuid(id, LotteryService::entryNotFound);
  }
}
