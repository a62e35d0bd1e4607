package org.fingertip.policy.search;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.platform.Roles;
import org.fingertip.platform.idempotency.Idempotency;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.policy.PolicyDataVersion;

/** Admins maintain the abbreviations the policy search understands. */
@Path("/api/v1/admin/policy-synonyms")
@Tag(name = "Policies (admin)")
@RolesAllowed(Roles.ADMIN)
public class SynonymAdminResource {

  private final SynonymService service;
  private final Idempotency idempotency;
  private final SecurityIdentity identity;
  private final PolicyDataVersion dataVersion;

  public SynonymAdminResource(
      SynonymService service,
      Idempotency idempotency,
      SecurityIdentity identity,
      PolicyDataVersion dataVersion) {
    this.dataVersion = dataVersion;
    this.service = service;
    this.idempotency = idempotency;
    this.identity = identity;
  }

  /** When a query contains {@code term}, also search for {@code expansion} (one direction). */
  public record SynonymInput(
      @NotBlank @Size(max = 32) String term, @NotBlank @Size(max = 32) String expansion) {}

  @GET
  @Operation(summary = "The synonym list")
  public Uni<List<SynonymService.SynonymView>> list() {
    return service.list();
  }

  @POST
  @Operation(
      summary =
          "Add a synonym (one direction; add the reverse row for both); accepts Idempotency-Key")
  public Uni<Response> add(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid SynonymInput input) {
    return idempotency
        .run(
            key,
            identity.getPrincipal().getName(),
            "POST /api/v1/admin/policy-synonyms",
            input,
            201,
            () -> service.add(input.term(), input.expansion()))
        .invoke(dataVersion::forget);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Remove a synonym")
  public Uni<Response> delete(@PathParam("id") String id) {
    long parsed;
    try {
      parsed = Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.notFound("SYNONYM_NOT_FOUND", "未找到该同义词");
    }
    return service
        .delete(parsed)
        .invoke(dataVersion::forget)
        .map(v -> Response.noContent().build());
  }
}
