package org.fingertip.marriage;

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

/** Marriage registration for citizens: offices and slots (public), appointments, divorce. */
@Path("/api/v1")
@Tag(name = "Marriage")
public class MarriageResource {

  private final OfficeService offices;
  private final AppointmentService appointments;
  private final DivorceService divorces;
  private final Idempotency idempotency;
  private final RateLimiter rateLimiter;
  private final MarriageConfig config;
  private final AppClock clock;
  private final JsonWebToken jwt;

  public MarriageResource(
      OfficeService offices,
      AppointmentService appointments,
      DivorceService divorces,
      Idempotency idempotency,
      RateLimiter rateLimiter,
      MarriageConfig config,
      AppClock clock,
      JsonWebToken jwt) {
    this.offices = offices;
    this.appointments = appointments;
    this.divorces = divorces;
    this.idempotency = idempotency;
    this.rateLimiter = rateLimiter;
    this.config = config;
    this.clock = clock;
    this.jwt = jwt;
  }

  /** The other spouse. */
  public record PartnerRequest(String realName, String idNumber) {}

  /** {@code POST /marriage/appointments}. */
  public record BookingRequest(
      UUID officeId, UUID slotId, RegistryService service, PartnerRequest partner) {}

  /** {@code POST /marriage/appointments/{id}/reschedule}. */
  public record RescheduleRequest(UUID slotId) {}

  @GET
  @Path("/marriage/offices")
  @PermitAll
  @Operation(
      summary = "Registry offices (under a region, if given), with services and hours, paged")
  public Uni<Page<OfficeService.OfficeView>> offices(
      @QueryParam("region") String region, @BeanParam PageRequest page) {
    return offices.list(region, page.validated());
  }

  @GET
  @Path("/marriage/offices/{id}/slots")
  @PermitAll
  @Operation(
      summary = "An office's slots on a date, with places left and release time",
      description =
          "A plain array, not a page: one office has a few dozen slots a day at most. Slots of an"
              + " undrawn lottery day show lottery = true and are not bookable first-come.")
  public Uni<List<OfficeService.SlotView>> slots(
      @PathParam("id") String id,
      @QueryParam("date") String date,
      @QueryParam("service") String service) {
    return offices.slotsOf(
        uuid(id, OfficeService::officeNotFound), Params.date(date, "date"), service(service));
  }

  @POST
  @Path("/marriage/appointments")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Book a slot (real-name bound citizens); accepts Idempotency-Key")
  public Uni<Response> book(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull BookingRequest request) {
    UUID me = Caller.of(jwt).id();
    rateLimiter.check("marriage-book:" + me, config.bookingsPerMinute(), Duration.ofMinutes(1));
    return idempotency.run(
        key,
        me.toString(),
        "POST /api/v1/marriage/appointments",
        request,
        201,
        () ->
            appointments.book(
                me,
                new AppointmentService.Booking(
                    request.officeId(),
                    request.slotId(),
                    request.service(),
                    request.partner() == null
                        ? null
                        : new AppointmentService.Partner(
                            request.partner().realName(), request.partner().idNumber()))));
  }

  @GET
  @Path("/marriage/appointments")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "My appointments, as applicant or named partner, with check-in QR token")
  public Uni<Page<AppointmentService.AppointmentView>> mine(@BeanParam PageRequest page) {
    return appointments.mine(Caller.of(jwt).id(), page.validated());
  }

  @GET
  @Path("/marriage/appointments/{id}")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "One of my appointments")
  public Uni<AppointmentService.AppointmentView> get(@PathParam("id") String id) {
    return appointments.get(Caller.of(jwt).id(), uuid(id, AppointmentService::appointmentNotFound));
  }

  @DELETE
  @Path("/marriage/appointments/{id}")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Cancel until the cutoff before the slot; the place is freed at once")
  public Uni<AppointmentService.AppointmentView> cancel(@PathParam("id") String id) {
    return appointments.cancel(
        Caller.of(jwt).id(), uuid(id, AppointmentService::appointmentNotFound));
  }

  @POST
  @Path("/marriage/appointments/{id}/reschedule")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Move to another slot atomically (new place taken before the old is freed)")
  public Uni<AppointmentService.AppointmentView> reschedule(
      @PathParam("id") String id, @NotNull RescheduleRequest request) {
    UUID me = Caller.of(jwt).id();
    rateLimiter.check("marriage-book:" + me, config.bookingsPerMinute(), Duration.ofMinutes(1));
    return appointments.reschedule(
        me, uuid(id, AppointmentService::appointmentNotFound), request.slotId());
  }

  /** {@code POST /marriage/slots/{id}/waitlist}. */
  public record WaitlistRequest(RegistryService service, PartnerRequest partner) {}

  @POST
  @Path("/marriage/slots/{id}/waitlist")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Join the waitlist of a full slot (same checks as booking)")
  public Uni<Response> joinWaitlist(@PathParam("id") String id, @NotNull WaitlistRequest request) {
    UUID me = Caller.of(jwt).id();
    rateLimiter.check("marriage-book:" + me, config.bookingsPerMinute(), Duration.ofMinutes(1));
    return appointments
        .joinWaitlist(
            me,
            uuid(id, AppointmentService::slotNotFound),
            request.service(),
            request.partner() == null
                ? null
                : new AppointmentService.Partner(
                    request.partner().realName(), request.partner().idNumber()))
        .map(view -> Response.status(201).entity(view).build());
  }

  @GET
  @Path("/marriage/waitlist")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "My waitlist places, with position or the hold's end")
  public Uni<List<AppointmentService.WaitlistView>> myWaitlist() {
    return appointments.myWaitlist(Caller.of(jwt).id());
  }

  @POST
  @Path("/marriage/waitlist/{id}/claim")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Take the place held for me before the hold ends")
  public Uni<Response> claim(@PathParam("id") String id) {
    return appointments
        .claim(Caller.of(jwt).id(), uuid(id, AppointmentService::waitlistNotFound))
        .map(view -> Response.status(201).entity(view).build());
  }

  @DELETE
  @Path("/marriage/waitlist/{id}")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Leave the waitlist; a held place passes to the next at once")
  public Uni<AppointmentService.WaitlistView> leaveWaitlist(@PathParam("id") String id) {
    return appointments.leaveWaitlist(
        Caller.of(jwt).id(), uuid(id, AppointmentService::waitlistNotFound));
  }

  @GET
  @Path("/marriage/divorce-applications")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Divorce applications I am a spouse of, with cooling-off dates")
  public Uni<List<DivorceService.DivorceView>> divorceApplications() {
    return divorces.mine(Caller.of(jwt).id());
  }

  @POST
  @Path("/marriage/divorce-applications/{id}/withdraw")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Either spouse withdraws the application during the 30-day cooling-off")
  public Uni<DivorceService.DivorceView> withdraw(@PathParam("id") String id) {
    return divorces.withdraw(
        Caller.of(jwt).id(),
        uuid(id, () -> ProblemException.notFound("DIVORCE_APPLICATION_NOT_FOUND", "未找到该离婚登记申请")));
  }

  static RegistryService service(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return RegistryService.valueOf(raw.trim());
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidField(
          "service",
          "UNKNOWN_SERVICE",
          "业务应为 MARRIAGE、DIVORCE_APPLICATION、DIVORCE_CERTIFICATE、REISSUE 或 CEREMONY");
    }
  }

  static UUID uuid(String raw, java.util.function.Supplier<ProblemException> notFound) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw notFound.get();
    }
  }
}
