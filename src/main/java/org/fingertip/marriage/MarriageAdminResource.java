package org.fingertip.marriage;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.identity.staff.StaffDirectory;
import org.fingertip.platform.Roles;

/**
 * Admins, and registry clerks for their own office: edit offices, weekly templates and special
 * days, and trigger a lottery draw whose time has passed. Another office's ids answer 404.
 */
@Path("/api/v1")
@Tag(name = "Marriage (staff)")
@RolesAllowed({Roles.REGISTRY_CLERK, Roles.ADMIN})
public class MarriageAdminResource {

  private final OfficeAdminService admin;
  private final LotteryService lottery;
  private final StaffDirectory staff;
  private final JsonWebToken jwt;

  public MarriageAdminResource(
      OfficeAdminService admin, LotteryService lottery, StaffDirectory staff, JsonWebToken jwt) {
    this.admin = admin;
    this.lottery = lottery;
    this.staff = staff;
    this.jwt = jwt;
  }

  @PUT
  @Path("/staff/marriage/offices/{id}")
  @Operation(summary = "Update an office (name, address, hours, services, release days …)")
  public Uni<OfficeService.OfficeView> updateOffice(
      @PathParam("id") String id, @NotNull OfficeAdminService.OfficeUpdate request) {
    return staff.scopeOf(jwt).chain(s -> admin.updateOffice(s, office(id), request));
  }

  @GET
  @Path("/staff/marriage/offices/{id}/templates")
  @Operation(summary = "An office's weekly slot templates")
  public Uni<List<OfficeAdminService.TemplateView>> templates(@PathParam("id") String id) {
    return staff.scopeOf(jwt).chain(s -> admin.templates(s, office(id)));
  }

  @POST
  @Path("/staff/marriage/offices/{id}/templates")
  @Operation(summary = "Add a weekly window; future slots are generated from it")
  public Uni<Response> addTemplate(
      @PathParam("id") String id, @NotNull OfficeAdminService.TemplateEdit request) {
    return staff
        .scopeOf(jwt)
        .chain(s -> admin.addTemplate(s, office(id), request))
        .map(v -> Response.status(201).entity(v).build());
  }

  @PUT
  @Path("/staff/marriage/offices/{id}/templates/{templateId}")
  @Operation(
      summary = "Change a weekly window; booked places are kept",
      description =
          "Only future generated slots change; a capacity below the places already booked in"
              + " any of them is refused with CAPACITY_BELOW_BOOKED.")
  public Uni<OfficeAdminService.TemplateView> updateTemplate(
      @PathParam("id") String id,
      @PathParam("templateId") String templateId,
      @NotNull OfficeAdminService.TemplateEdit request) {
    return staff
        .scopeOf(jwt)
        .chain(s -> admin.updateTemplate(s, office(id), template(templateId), request));
  }

  @DELETE
  @Path("/staff/marriage/offices/{id}/templates/{templateId}")
  @Operation(
      summary = "Remove a weekly window",
      description =
          "Its future slots without bookings disappear; slots with bookings stay, closed to new"
              + " bookings.")
  public Uni<Response> deleteTemplate(
      @PathParam("id") String id, @PathParam("templateId") String templateId) {
    return staff
        .scopeOf(jwt)
        .chain(s -> admin.deleteTemplate(s, office(id), template(templateId)))
        .replaceWith(Response.noContent().build());
  }

  @GET
  @Path("/staff/marriage/offices/{id}/special-days")
  @Operation(summary = "An office's special days, with lottery settings")
  public Uni<List<OfficeAdminService.SpecialDayView>> specialDays(@PathParam("id") String id) {
    return staff.scopeOf(jwt).chain(s -> admin.specialDays(s, office(id)));
  }

  @POST
  @Path("/staff/marriage/offices/{id}/special-days")
  @Operation(summary = "Add a special day (extra places, longer hours, opening, or a lottery)")
  public Uni<Response> addSpecialDay(
      @PathParam("id") String id, @NotNull OfficeAdminService.SpecialDayEdit request) {
    return staff
        .scopeOf(jwt)
        .chain(s -> admin.addSpecialDay(s, office(id), request))
        .map(v -> Response.status(201).entity(v).build());
  }

  @PUT
  @Path("/staff/marriage/offices/{id}/special-days/{dayId}")
  @Operation(summary = "Change a special day (date and mode are fixed once couples have entered)")
  public Uni<OfficeAdminService.SpecialDayView> updateSpecialDay(
      @PathParam("id") String id,
      @PathParam("dayId") String dayId,
      @NotNull OfficeAdminService.SpecialDayEdit request) {
    return staff
        .scopeOf(jwt)
        .chain(s -> admin.updateSpecialDay(s, office(id), day(dayId), request));
  }

  @DELETE
  @Path("/staff/marriage/offices/{id}/special-days/{dayId}")
  @Operation(summary = "Remove a special day that has no lottery entries")
  public Uni<Response> deleteSpecialDay(
      @PathParam("id") String id, @PathParam("dayId") String dayId) {
    return staff
        .scopeOf(jwt)
        .chain(s -> admin.deleteSpecialDay(s, office(id), day(dayId)))
        .replaceWith(Response.noContent().build());
  }

  @POST
  @Path("/staff/marriage/lotteries/{specialDayId}/draw")
  @Operation(
      summary = "Draw a lottery day now that its draw time has passed (the job does it too)",
      description = "A day is drawn once: a second trigger gets 409 LOTTERY_ALREADY_DRAWN.")
  public Uni<LotteryService.DrawView> draw(@PathParam("specialDayId") String id) {
    return staff
        .scopeOf(jwt)
        .chain(
            s ->
                lottery.drawAsStaff(s, MarriageResource.uuid(id, LotteryService::lotteryNotFound)));
  }

  private static UUID office(String id) {
    return MarriageResource.uuid(id, OfficeService::officeNotFound);
  }

  private static UUID template(String id) {
    return MarriageResource.uuid(id, OfficeAdminService::templateNotFound);
  }

  private static UUID day(String id) {
    return MarriageResource.uuid(id, OfficeAdminService::specialDayNotFound);
  }
}
