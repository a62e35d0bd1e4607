package org.fingertip.policy.household;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.assistance.ApplicationViews.ApplicationView;
import org.fingertip.identity.Caller;
import org.fingertip.platform.Roles;
import org.fingertip.platform.idempotency.Idempotency;
import org.fingertip.platform.problem.ProblemException;

/** 政策找人 for a logged-in citizen: my saved household facts (with consent, encrypted). */
@Path("/api/v1/me/household-facts")
@Tag(name = "Eligibility")
@RolesAllowed(Roles.CITIZEN)
public class HouseholdFactsResource {

  private final HouseholdFactsService service;
  private final Idempotency idempotency;
  private final JsonWebToken jwt;

  public HouseholdFactsResource(
      HouseholdFactsService service, Idempotency idempotency, JsonWebToken jwt) {
    this.service = service;
    this.idempotency = idempotency;
    this.jwt = jwt;
  }

  /** An application draft started from the saved facts. */
  public record StartApplicationRequest(
      @NotBlank @Size(max = 64) String itemCode,
      @Pattern(regexp = "\\d{9}|\\d{12}", message = "请选择办理的乡镇（街道）或村（社区）") String regionCode) {}

  @PUT
  @Operation(
      summary =
          "Save my household facts (the eligibility check's body plus consent: true), encrypted;"
              + " evaluates them once and returns the result; I am told of new matches later")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(schema = @Schema(implementation = HouseholdFactsService.SavedFactsView.class)))
  public Uni<Response> save(@NotNull @Valid HouseholdFactsInput input) {
    if (!Boolean.TRUE.equals(input.consent())) {
      throw ProblemException.badRequest(
          "CONSENT_REQUIRED", "保存家庭情况需要您的同意（consent: true）；不同意也可以直接测算，信息不会被保存");
    }
    return service.save(me(), input.household()).map(HouseholdFactsResource::noStore);
  }

  @GET
  @Operation(summary = "My saved household facts and the items they matched at the last evaluation")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(schema = @Schema(implementation = HouseholdFactsService.SavedFactsView.class)))
  public Uni<Response> get() {
    return service.get(me()).map(HouseholdFactsResource::noStore);
  }

  @DELETE
  @Operation(summary = "Withdraw consent: my saved household facts are deleted")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Uni<Response> delete() {
    return service.delete(me()).map(v -> Response.noContent().build());
  }

  @POST
  @Path("/applications")
  @Operation(
      summary =
          "Start an application draft for an item from my saved facts (form pre-filled where it"
              + " asks for household size and income); regionCode defaults to the facts' region;"
              + " accepts Idempotency-Key")
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = ApplicationView.class)))
  public Uni<Response> startApplication(
      @HeaderParam(Idempotency.HEADER) String key,
      @NotNull @Valid StartApplicationRequest request) {
    UUID me = me();
    return idempotency.run(
        key,
        me.toString(),
        "POST /api/v1/me/household-facts/applications",
        request,
        201,
        () -> service.startApplication(me, request.itemCode().strip(), request.regionCode()));
  }

  private UUID me() {
    return Caller.of(jwt).id();
  }

  private static Response noStore(Object entity) {
    return Response.ok(entity).header("Cache-Control", "no-store").build();
  }
}
