package org.fingertip.identity.proxy;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.identity.Caller;
import org.fingertip.identity.staff.StaffDirectory;
import org.fingertip.platform.Roles;
import org.fingertip.platform.idempotency.Idempotency;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;

/** Family proxies, from both sides, and their verification by caseworkers. */
@Path("/api/v1")
@Tag(name = "Identity")
public class ProxyResource {

  private final ProxyService proxies;
  private final StaffDirectory staff;
  private final Idempotency idempotency;
  private final JsonWebToken jwt;

  public ProxyResource(
      ProxyService proxies, StaffDirectory staff, Idempotency idempotency, JsonWebToken jwt) {
    this.proxies = proxies;
    this.staff = staff;
    this.idempotency = idempotency;
    this.jwt = jwt;
  }

  /** Ask to act for a family member. */
  public record NewProxyRequest(
      @NotNull @Size(max = 60) String realName,
      @NotNull @Size(max = 32) String idNumber,
      @NotNull Relation relation,
      Set<ProxyScope> scopes,
      @Size(max = 12) String regionCode) {}

  /** Scopes the subject grants. */
  public record ScopesRequest(Set<ProxyScope> scopes) {}

  @GET
  @Path("/me/proxies")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Family members I act for, and who act for me")
  public Uni<ProxyService.MyProxies> mine() {
    return proxies.mine(Caller.of(jwt).id());
  }

  @POST
  @Path("/me/proxies")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Ask to act for a family member; accepts Idempotency-Key")
  public Uni<Response> request(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid NewProxyRequest request) {
    UUID me = Caller.of(jwt).id();
    return idempotency.run(
        key,
        me.toString(),
        "POST /api/v1/me/proxies",
        request,
        201,
        () ->
            proxies.request(
                me,
                new ProxyService.ProxyRequest(
                    request.realName(),
                    request.idNumber(),
                    request.relation(),
                    request.scopes(),
                    request.regionCode())));
  }

  @POST
  @Path("/me/proxies/{id}/accept")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "The subject accepts, choosing the scopes")
  public Uni<ProxyService.ProxyView> accept(@PathParam("id") String id, ScopesRequest request) {
    return proxies.accept(Caller.of(jwt).id(), uuid(id), request == null ? null : request.scopes());
  }

  @POST
  @Path("/me/proxies/{id}/reject")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "The subject declines")
  public Uni<ProxyService.ProxyView> reject(@PathParam("id") String id) {
    return proxies.reject(Caller.of(jwt).id(), uuid(id));
  }

  @PUT
  @Path("/me/proxies/{id}/scopes")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "The subject narrows or widens the scopes, effective at once")
  public Uni<ProxyService.ProxyView> scopes(
      @PathParam("id") String id, @NotNull @Valid ScopesRequest request) {
    return proxies.changeScopes(Caller.of(jwt).id(), uuid(id), request.scopes());
  }

  @DELETE
  @Path("/me/proxies/{id}")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "End a proxy relation (either side)")
  public Uni<ProxyService.ProxyView> end(@PathParam("id") String id) {
    return proxies.end(Caller.of(jwt).id(), uuid(id));
  }

  @GET
  @Path("/me/family/{citizenId}")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "A family member's profile and verification status (needs VIEW_STATUS)")
  public Uni<org.fingertip.identity.CitizenView> family(@PathParam("citizenId") String citizenId) {
    return proxies.subjectProfile(Caller.of(jwt).id(), uuid(citizenId));
  }

  @GET
  @Path("/me/proxy-actions")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "What family members did for me through a proxy")
  public Uni<Page<ProxyService.ActionView>> actions(@BeanParam PageRequest page) {
    return proxies.actionsFor(Caller.of(jwt).id(), page.validated());
  }

  @GET
  @Path("/staff/proxies")
  @RolesAllowed({Roles.CASEWORKER, Roles.ADMIN})
  @Operation(summary = "Caseworker: pending proxies of people without a phone, in my regions")
  public Uni<java.util.List<ProxyService.PendingForStaff>> pending() {
    return staff.scopeOf(jwt).chain(proxies::pendingForStaff);
  }

  @POST
  @Path("/staff/proxies/{id}/verify")
  @RolesAllowed({Roles.CASEWORKER, Roles.ADMIN})
  @Operation(summary = "Caseworker: confirm a proxy after checking both people in person")
  public Uni<ProxyService.ProxyView> verify(@PathParam("id") String id, ScopesRequest request) {
    return staff
        .scopeOf(jwt)
        .chain(
            scope ->
                proxies.verifyByStaff(scope, uuid(id), request == null ? null : request.scopes()));
  }

  static UUID uuid(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("PROXY_NOT_FOUND", "未找到该代办关系");
    }
  }
}
