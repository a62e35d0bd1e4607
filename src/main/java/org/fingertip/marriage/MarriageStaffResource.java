package org.fingertip.marriage;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.identity.staff.StaffDirectory;
import org.fingertip.platform.Roles;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.Params;

/** Registry clerks and admins: roster, check-in, no-shows, offices and their slots. */
@Path("/api/v1")
@Tag(name = "Marriage (staff)")
public class MarriageStaffResource {

  private final DeskService desk;
  private final OfficeService offices;
  private final StaffDirectory staff;
  private final JsonWebToken jwt;

  public MarriageStaffResource(
      DeskService desk, OfficeService offices, StaffDirectory staff, JsonWebToken jwt) {
    this.desk = desk;
    this.offices = offices;
    this.staff = staff;
    this.jwt = jwt;
  }

  /** The scanned QR code. */
  public record CheckInRequest(String token) {}

  /** A date range to materialise. */
  public record GenerateRequest(LocalDate from, LocalDate to) {}

  @GET
  @Path("/staff/marriage/roster")
  @RolesAllowed({Roles.REGISTRY_CLERK, Roles.ADMIN})
  @Operation(summary = "Clerk: the day's appointments of my office (names masked until check-in)")
  public Uni<DeskService.Roster> roster(
      @QueryParam("officeId") String officeId, @QueryParam("date") String date) {
    UUID office = MarriageResource.uuid(officeId, OfficeService::officeNotFound);
    LocalDate day = Params.date(date, "date");
    return staff.scopeOf(jwt).chain(scope -> desk.roster(scope, office, day));
  }

  @POST
  @Path("/staff/marriage/check-ins")
  @RolesAllowed({Roles.REGISTRY_CLERK, Roles.ADMIN})
  @Operation(summary = "Clerk: validate a scanned check-in QR token and mark arrival")
  public Uni<DeskService.RosterEntry> checkIn(@NotNull CheckInRequest request) {
    return staff.scopeOf(jwt).chain(scope -> desk.checkIn(scope, request.token()));
  }

  @POST
  @Path("/staff/marriage/appointments/{id}/no-show")
  @RolesAllowed({Roles.REGISTRY_CLERK, Roles.ADMIN})
  @Operation(summary = "Clerk: mark that the couple did not come")
  public Uni<DeskService.RosterEntry> noShow(@PathParam("id") String id) {
    UUID appointment = MarriageResource.uuid(id, AppointmentService::appointmentNotFound);
    return staff.scopeOf(jwt).chain(scope -> desk.noShow(scope, appointment));
  }

  @POST
  @Path("/staff/marriage/offices")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Admin: set up an office with its weekly slot pattern and special days")
  public Uni<Response> createOffice(@NotNull OfficeService.NewOffice request) {
    return staff
        .scopeOf(jwt)
        .chain(scope -> offices.create(scope, request))
        .map(view -> Response.status(201).entity(view).build());
  }

  @POST
  @Path("/staff/marriage/offices/{id}/slots/generate")
  @RolesAllowed({Roles.REGISTRY_CLERK, Roles.ADMIN})
  @Operation(summary = "Admin or clerk: materialise an office's slots for a date range")
  public Uni<Map<String, Integer>> generate(
      @PathParam("id") String id, @NotNull GenerateRequest request) {
    UUID office = MarriageResource.uuid(id, OfficeService::officeNotFound);
    if (request.from() == null || request.to() == null) {
      throw ProblemException.invalidField("from", "REQUIRED", "请提供开始和结束日期");
    }
    return staff
        .scopeOf(jwt)
        .chain(scope -> offices.generate(scope, office, request.from(), request.to()))
        .map(n -> Map.of("slotsWritten", n));
  }
}
