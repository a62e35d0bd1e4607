package org.fingertip.assistance;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.assistance.ApplicationViews.ApplicationSummary;
import org.fingertip.assistance.ApplicationViews.CaseView;
import org.fingertip.identity.staff.StaffDirectory;
import org.fingertip.platform.Roles;
import org.fingertip.platform.idempotency.Idempotency;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;

/** Caseworkers: the queue, the case view and the workflow decisions, within their scope. */
@Path("/api/v1")
@Tag(name = "Self-application")
@RolesAllowed({Roles.CASEWORKER, Roles.ADMIN})
public class StaffApplicationResource {

  private final CaseworkService casework;
  private final StaffDirectory staff;
  private final Idempotency idempotency;
  private final JsonWebToken jwt;
  private final org.fingertip.platform.web.AppClock clock;

  public StaffApplicationResource(
      CaseworkService casework,
      StaffDirectory staff,
      Idempotency idempotency,
      JsonWebToken jwt,
      org.fingertip.platform.web.AppClock clock) {
    this.clock = clock;
    this.casework = casework;
    this.staff = staff;
    this.idempotency = idempotency;
    this.jwt = jwt;
  }

  /** One workflow step. */
  public record DecisionRequest(
      @NotNull Workflow.Action action,
      @Size(max = 500) String comment,
      @Size(max = 2000) String internalNote,
      Long amountFen,
      @Size(max = 7) String startMonth,
      @Size(max = 20) List<String> missingMaterials,
      @Size(max = 500) String reason,
      Boolean creditBreach,
      @Size(max = 10) List<String> referItems) {}

  @GET
  @Path("/staff/applications")
  @Operation(summary = "Caseworker queue in my department and regions, ordered by due date")
  public Uni<Page<ApplicationSummary>> queue(
      @QueryParam("status") String status,
      @QueryParam("item") String item,
      @QueryParam("overdue") String overdue,
      @QueryParam("supplementOverdue") String supplementOverdue,
      @BeanParam PageRequest page) {
    PageRequest paging = page.validated();
    CaseworkService.QueueFilter filter =
        new CaseworkService.QueueFilter(
            status(status),
            item == null || item.isBlank() ? null : item.trim(),
            flag("overdue", overdue),
            flag("supplementOverdue", supplementOverdue));
    return staff.scopeOf(jwt).chain(scope -> casework.queue(scope, filter, paging));
  }

  @GET
  @Path("/staff/applications/{id}")
  @Operation(summary = "The case in full; personal data revealed and written to the access log")
  public Uni<CaseView> get(@PathParam("id") String id) {
    UUID app = ApplicationResource.uuid(id);
    return staff.scopeOf(jwt).chain(scope -> casework.caseView(scope, app));
  }

  @POST
  @Path("/staff/applications/{id}/decisions")
  @Operation(
      summary =
          "One workflow step (ACCEPT, REJECT, REQUEST_SUPPLEMENT, START_REVIEW,"
              + " START_PUBLIC_NOTICE, APPROVE, DENY, NOTE, RESOLVE_OBJECTION, GRANT_EMERGENCY,"
              + " REFER); accepts Idempotency-Key")
  public Uni<Response> decide(
      @HeaderParam(Idempotency.HEADER) String key,
      @PathParam("id") String id,
      @NotNull @Valid DecisionRequest request) {
    UUID app = ApplicationResource.uuid(id);
    return staff
        .scopeOf(jwt)
        .chain(
            scope ->
                idempotency.run(
                    key,
                    scope.staffId().toString(),
                    "POST /api/v1/staff/applications/" + app + "/decisions",
                    request,
                    200,
                    () ->
                        casework.decide(
                            scope,
                            app,
                            new CaseworkService.Decision(
                                request.action(),
                                request.comment(),
                                request.internalNote(),
                                request.amountFen(),
                                request.startMonth(),
                                request.missingMaterials(),
                                request.reason(),
                                request.creditBreach(),
                                request.referItems()))));
  }

  @GET
  @Path("/staff/statistics/assistance")
  @Operation(
      summary =
          "Counts and amounts by item, status and region for applications submitted in a period"
              + " (default: this year), within my scope")
  public Uni<AssistanceStatistics.Report> statistics(
      @QueryParam("from") String from, @QueryParam("to") String to) {
    java.time.LocalDate today = clock.today();
    java.time.LocalDate end = org.fingertip.platform.web.Params.dateOr(to, "to", today);
    java.time.LocalDate start =
        org.fingertip.platform.web.Params.dateOr(from, "from", end.withDayOfYear(1));
    if (start.isAfter(end)) {
      throw ProblemException.invalidField("from", "RANGE", "开始日期不能晚于结束日期");
    }
    return staff.scopeOf(jwt).chain(scope -> casework.statistics(scope, start, end));
  }

  private static ApplicationStatus status(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return ApplicationStatus.valueOf(raw.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidField("status", "UNKNOWN_STATUS", "没有这个办理状态");
    }
  }

  private static Boolean flag(String field, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ProblemException.invalidField(field, "TYPE_MISMATCH", "应为 true 或 false");
    };
  }
}
