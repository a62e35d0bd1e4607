package org.fingertip.policy.standard;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.platform.Roles;
import org.fingertip.platform.idempotency.Idempotency;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.AppClock;
import org.fingertip.platform.web.Params;
import org.fingertip.policy.HttpCaching;
import org.fingertip.policy.PolicyDataVersion;

/** Standards (amounts in fen, or factors) in force for a region on a date. */
@Path("/api/v1")
@Tag(name = "Standards")
public class StandardResource {

  private final StandardService service;
  private final HttpCaching caching;
  private final AppClock clock;
  private final Idempotency idempotency;
  private final SecurityIdentity identity;
  private final PolicyDataVersion dataVersion;

  public StandardResource(
      StandardService service,
      HttpCaching caching,
      AppClock clock,
      Idempotency idempotency,
      SecurityIdentity identity,
      PolicyDataVersion dataVersion) {
    this.dataVersion = dataVersion;
    this.service = service;
    this.caching = caching;
    this.clock = clock;
    this.idempotency = idempotency;
    this.identity = identity;
  }

  /** A standard an admin adds, linked to the policy that sets it. */
  public record StandardInput(
      @NotNull @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}", message = "行政区划代码应为 6、9 或 12 位数字")
          String regionCode,
      @NotNull StandardType type,
      @PositiveOrZero Long amountFen,
      BigDecimal factor,
      @NotNull LocalDate effectiveFrom,
      @NotNull Long policyId,
      @Size(max = 200) String note) {}

  @GET
  @Path("/standards")
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Standards in force on a date (default today), each from the nearest region up the tree"
              + " that sets it, with its source policy and history")
  @APIResponse(
      responseCode = "200",
      description = "ETag and Cache-Control set; 304 on If-None-Match",
      content = @Content(schema = @Schema(implementation = StandardService.StandardsView.class)))
  public Uni<Response> inForce(
      @QueryParam("region") String region,
      @QueryParam("type") String type,
      @QueryParam("date") String date,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    if (region == null || region.isBlank()) {
      throw ProblemException.invalidField("region", "REQUIRED", "请提供行政区划代码 region");
    }
    StandardType parsedType = null;
    if (type != null && !type.isBlank()) {
      parsedType = StandardType.find(type.trim());
      if (parsedType == null) {
        throw ProblemException.invalidField("type", "ENUM", "未知的标准类型 " + type.trim());
      }
    }
    LocalDate day = Params.dateOr(date, "date", clock.today());
    return service
        .inForce(region.trim(), parsedType, day)
        .map(v -> caching.respond(v, ifNoneMatch));
  }

  @POST
  @Path("/admin/standards")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Set a standard for a region from a date on (admin); accepts Idempotency-Key")
  @APIResponse(responseCode = "201", description = "The stored standard")
  public Uni<Response> add(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid StandardInput input) {
    if (input.factor() != null && input.factor().signum() <= 0) {
      throw ProblemException.invalidField("factor", "RANGE", "倍数应大于 0");
    }
    return idempotency
        .run(
            key,
            identity.getPrincipal().getName(),
            "POST /api/v1/admin/standards",
            input,
            201,
            () ->
                service.add(
                    new StandardService.NewStandard(
                        input.regionCode(),
                        input.type(),
                        input.amountFen(),
                        input.factor(),
                        input.effectiveFrom(),
                        input.policyId(),
                        input.note())))
        .invoke(dataVersion::forget);
  }
}
