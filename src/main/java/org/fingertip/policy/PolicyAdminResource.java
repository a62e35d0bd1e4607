package org.fingertip.policy;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.platform.Roles;
import org.fingertip.platform.idempotency.Idempotency;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;
import org.fingertip.policy.PolicyViews.AdminPolicy;
import org.fingertip.policy.PolicyViews.PolicyInput;
import org.fingertip.policy.PolicyViews.PublishRequest;

/** Admins write policies: draft, edit, publish (a new version each time), archive. */
@Path("/api/v1/admin/policies")
@Tag(name = "Policies (admin)")
@RolesAllowed(Roles.ADMIN)
public class PolicyAdminResource {

  private final PolicyService service;
  private final Idempotency idempotency;
  private final SecurityIdentity identity;
  private final PolicyDataVersion dataVersion;

  public PolicyAdminResource(
      PolicyService service,
      Idempotency idempotency,
      SecurityIdentity identity,
      PolicyDataVersion dataVersion) {
    this.dataVersion = dataVersion;
    this.service = service;
    this.idempotency = idempotency;
    this.identity = identity;
  }

  @GET
  @Operation(summary = "Working copies of policies, any status, latest edited first")
  public Uni<Page<AdminPolicy>> list(
      @QueryParam("status") String status, @BeanParam PageRequest page) {
    PageRequest request = page.validated();
    return service.adminList(status(status), request);
  }

  @POST
  @Operation(summary = "Create a draft policy; accepts Idempotency-Key")
  public Uni<Response> create(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid PolicyInput input) {
    return idempotency.run(
        key,
        identity.getPrincipal().getName(),
        "POST /api/v1/admin/policies",
        input,
        201,
        () -> service.create(input));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "The working copy of a policy with its published versions")
  public Uni<AdminPolicy> get(@PathParam("id") String id) {
    return service.adminGet(id(id));
  }

  @PUT
  @Path("/{id}")
  @Operation(summary = "Replace the working copy; citizens see it after the next publish")
  public Uni<AdminPolicy> update(@PathParam("id") String id, @NotNull @Valid PolicyInput input) {
    return service.update(id(id), input).invoke(dataVersion::forget);
  }

  @POST
  @Path("/{id}/publish")
  @Operation(
      summary = "Publish the working copy as the next version; JSON body {changeNote} (may be {})")
  public Uni<AdminPolicy> publish(@PathParam("id") String id, @Valid PublishRequest request) {
    return service
        .publish(
            id(id),
            request == null ? null : request.changeNote(),
            identity.getPrincipal().getName())
        .invoke(dataVersion::forget);
  }

  @POST
  @Path("/{id}/archive")
  @Operation(summary = "Withdraw a policy from citizens (its history stays)")
  public Uni<AdminPolicy> archive(@PathParam("id") String id) {
    return service.archive(id(id)).invoke(dataVersion::forget);
  }

  private static long id(String id) {
    try {
      return Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.notFound("POLICY_NOT_FOUND", "未找到编号为 " + id + " 的政策");
    }
  }

  private static PolicyStatus status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return PolicyStatus.valueOf(value.trim());
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidField("status", "ENUM", "状态应为 DRAFT、PUBLISHED 或 ARCHIVED");
    }
  }
}
