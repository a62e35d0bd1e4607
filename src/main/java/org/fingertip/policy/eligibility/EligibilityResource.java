package org.fingertip.policy.eligibility;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 政策找人: household facts in, likely items with reasons and estimates out. No login. */
@Path("/api/v1/eligibility")
@Tag(name = "Eligibility")
public class EligibilityResource {

  private final EligibilityService service;

  public EligibilityResource(EligibilityService service) {
    this.service = service;
  }

  @POST
  @Path("/check")
  @PermitAll
  @Operation(
      summary =
          "Which assistance items a household is likely eligible for, with rule, standard, source"
              + " policy and estimate, plus near misses and why; nothing is stored")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = EligibilityService.CheckResult.class)))
  public Uni<Response> check(@NotNull @Valid Household household) {
    return service
        .check(household)
        .map(r -> Response.ok(r).header("Cache-Control", "no-store").build());
  }
}
