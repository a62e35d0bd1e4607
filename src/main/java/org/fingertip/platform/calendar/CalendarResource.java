package org.fingertip.platform.calendar;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.platform.Roles;
import org.fingertip.platform.web.Params;

/** The State Council holiday calendar and working-day deadlines. */
@Path("/api/v1")
@Tag(name = "Calendar")
public class CalendarResource {

  private final CalendarService service;

  public CalendarResource(CalendarService service) {
    this.service = service;
  }

  /** A year's exceptions to the weekday rule. */
  public record YearView(int year, List<CalendarService.DayView> days) {}

  /** What an admin sends to replace a year's exceptions. */
  public record YearUpdate(@NotNull @Size(max = 80) @Valid List<CalendarService.DayView> days) {}

  /** A deadline computed in working days. */
  public record DueDate(LocalDate from, int workingDays, LocalDate due) {}

  @GET
  @Path("/calendar/{year}")
  @PermitAll
  @Operation(summary = "Statutory holidays and make-up workdays of a year")
  public Uni<YearView> year(@PathParam("year") String year) {
    int y = Params.integer(year, "year", 2000, 2100);
    return service.year(y).map(days -> new YearView(y, days));
  }

  @GET
  @Path("/calendar/working-days")
  @PermitAll
  @Operation(summary = "The date a number of working days after a start date")
  public Uni<DueDate> due(@QueryParam("from") String from, @QueryParam("days") String days) {
    LocalDate start = Params.date(from, "from");
    int n = Params.integer(days, "days", 0, 365);
    return service.calendar().map(c -> new DueDate(start, n, c.addWorkingDays(start, n)));
  }

  @PUT
  @Path("/admin/calendar/{year}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Replace a year's holidays and make-up workdays (admin)")
  public Uni<YearView> replace(@PathParam("year") String year, @NotNull @Valid YearUpdate update) {
    int y = Params.integer(year, "year", 2000, 2100);
    return service.replaceYear(y, update.days()).map(days -> new YearView(y, days));
  }
}
