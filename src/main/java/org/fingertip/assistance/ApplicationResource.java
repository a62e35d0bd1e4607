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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.assistance.ApplicationViews.ApplicationSummary;
import org.fingertip.assistance.ApplicationViews.ApplicationView;
import org.fingertip.identity.Caller;
import org.fingertip.platform.Roles;
import org.fingertip.platform.idempotency.Idempotency;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;

/** The citizen's applications (指尖办). */
@Path("/api/v1")
@Tag(name = "Self-application")
@RolesAllowed(Roles.CITIZEN)
public class ApplicationResource {

  private final ApplicationService applications;
  private final Idempotency idempotency;
  private final JsonWebToken jwt;

  public ApplicationResource(
      ApplicationService applications, Idempotency idempotency, JsonWebToken jwt) {
    this.applications = applications;
    this.idempotency = idempotency;
    this.jwt = jwt;
  }

  /** A new application; {@code household} omitted = use my household profile. */
  public record NewApplicationRequest(
      @NotNull @Size(max = 64) String itemCode,
      @NotNull @Size(max = 12) String regionCode,
      UUID forCitizenId,
      Boolean submit,
      Map<String, Object> form,
      @Valid @Size(max = Household.MAX_MEMBERS) List<Household.Member> household,
      @Size(max = 30) List<UUID> documentIds,
      Boolean emergency,
      Boolean creditCommitmentSigned) {}

  /** Changes to a draft. */
  public record DraftChangesRequest(
      @Size(max = 12) String regionCode,
      Map<String, Object> form,
      @Size(max = Household.MAX_MEMBERS) List<Household.Member> household) {}

  /** An optional comment for withdraw and resubmit. */
  public record CommentRequest(@Size(max = 500) String comment) {}

  @POST
  @Path("/applications")
  @Operation(
      summary =
          "Apply for an assistance item, as a draft or submitted, for me or (as a proxy with"
              + " APPLY_ASSISTANCE) a family member; accepts Idempotency-Key")
  public Uni<Response> create(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid NewApplicationRequest request) {
    UUID me = Caller.of(jwt).id();
    return idempotency.run(
        key,
        me.toString(),
        "POST /api/v1/applications",
        request,
        201,
        () ->
            applications.create(
                me,
                new ApplicationService.NewApplication(
                    request.itemCode(),
                    request.regionCode(),
                    request.forCitizenId(),
                    request.submit(),
                    request.form(),
                    request.household(),
                    request.documentIds(),
                    request.emergency(),
                    request.creditCommitmentSigned())));
  }

  @GET
  @Path("/applications")
  @Operation(summary = "My applications and those I filed for family members")
  public Uni<Page<ApplicationSummary>> mine(@BeanParam PageRequest page) {
    return applications.mine(Caller.of(jwt).id(), page.validated());
  }

  @GET
  @Path("/applications/{id}")
  @Operation(summary = "One application with its documents and timeline")
  public Uni<ApplicationView> get(@PathParam("id") String id) {
    return applications.get(Caller.of(jwt).id(), uuid(id));
  }

  @PUT
  @Path("/applications/{id}")
  @Operation(summary = "Change a draft (region, form answers, household)")
  public Uni<ApplicationView> update(
      @PathParam("id") String id, @NotNull @Valid DraftChangesRequest request) {
    return applications.update(
        Caller.of(jwt).id(),
        uuid(id),
        new ApplicationService.DraftChanges(
            request.regionCode(), request.form(), request.household()));
  }

  @POST
  @Path("/applications/{id}/submit")
  @Operation(summary = "Submit a draft; accepts Idempotency-Key")
  public Uni<Response> submit(
      @HeaderParam(Idempotency.HEADER) String key, @PathParam("id") String id) {
    UUID me = Caller.of(jwt).id();
    UUID app = uuid(id);
    return idempotency.run(
        key,
        me.toString(),
        "POST /api/v1/applications/{id}/submit",
        app,
        200,
        () -> applications.submit(me, app));
  }

  @POST
  @Path("/applications/{id}/withdraw")
  @Operation(summary = "Withdraw before a decision; accepts Idempotency-Key")
  public Uni<Response> withdraw(
      @HeaderParam(Idempotency.HEADER) String key,
      @PathParam("id") String id,
      @Valid CommentRequest request) {
    UUID me = Caller.of(jwt).id();
    UUID app = uuid(id);
    String comment = request == null ? null : request.comment();
    return idempotency.run(
        key,
        me.toString(),
        "POST /api/v1/applications/{id}/withdraw",
        app + ":" + comment,
        200,
        () -> applications.withdraw(me, app, comment));
  }

  @POST
  @Path("/applications/{id}/resubmit")
  @Operation(summary = "Resubmit after uploading the requested materials; accepts Idempotency-Key")
  public Uni<Response> resubmit(
      @HeaderParam(Idempotency.HEADER) String key,
      @PathParam("id") String id,
      @Valid CommentRequest request) {
    UUID me = Caller.of(jwt).id();
    UUID app = uuid(id);
    String comment = request == null ? null : request.comment();
    return idempotency.run(
        key,
        me.toString(),
        "POST /api/v1/applications/{id}/resubmit",
        app + ":" + comment,
        200,
        () -> applications.resubmit(me, app, comment));
  }

  @GET
  @Path("/household-profile")
  @Operation(summary = "My (or a family member's) household as last declared, masked, to pre-fill")
  public Uni<List<Household.MaskedMember>> household(
      @QueryParam("forCitizenId") String forCitizenId) {
    UUID subject = null;
    if (forCitizenId != null && !forCitizenId.isBlank()) {
      try {
        subject = UUID.fromString(forCitizenId.trim());
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalidField("forCitizenId", "FORMAT", "应为家人的账号编号");
      }
    }
    return applications.householdProfile(Caller.of(jwt).id(), subject);
  }

  static UUID uuid(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw ApplicationService.notFound();
    }
  }
}
