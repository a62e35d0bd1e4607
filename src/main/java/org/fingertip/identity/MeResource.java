package org.fingertip.identity;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.platform.Roles;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;
import org.fingertip.platform.web.Paging;

/** The logged-in citizen: profile, real-name binding, and who read their data. */
@Path("/api/v1")
@Tag(name = "Identity")
@RolesAllowed(Roles.CITIZEN)
public class MeResource {

  private final IdentityService identity;
  private final JsonWebToken jwt;

  public MeResource(IdentityService identity, JsonWebToken jwt) {
    this.identity = identity;
    this.jwt = jwt;
  }

  /** Real-name binding request. */
  public record IdentityRequest(
      @NotBlank @Size(max = 60) String realName,
      @NotBlank @Size(max = 32) String idNumber,
      @NotBlank @Size(max = 20) String phone) {}

  /** One entry of the citizen's access log (PIPL right to know). */
  public record AccessLogView(
      Instant accessedAt, String staffRole, String staffUnit, String purpose, String fields) {}

  @GET
  @Path("/me")
  @Operation(summary = "My profile: masked ID and phone, verified flag")
  public Uni<CitizenView> me() {
    return identity.require(Caller.of(jwt).id()).map(CitizenView::of);
  }

  @PUT
  @Path("/me/identity")
  @Operation(summary = "Real-name binding: name, ID number, mobile phone")
  public Uni<CitizenView> bind(@NotNull @Valid IdentityRequest request) {
    return identity
        .bind(Caller.of(jwt).id(), request.realName(), request.idNumber(), request.phone())
        .map(CitizenView::of);
  }

  @GET
  @Path("/me/access-log")
  @WithSession
  @Operation(summary = "Which staff read my personal data, when and why")
  public Uni<Page<AccessLogView>> accessLog(@BeanParam PageRequest page) {
    PageRequest request = page.validated();
    var query =
        PiiAccessLogEntry.<PiiAccessLogEntry>find(
            "citizenId = ?1 order by accessedAt desc", Caller.of(jwt).id());
    return Paging.page(
        query,
        request,
        e -> new AccessLogView(e.accessedAt, e.staffRole, e.staffUnit, e.purpose, e.fields));
  }
}
