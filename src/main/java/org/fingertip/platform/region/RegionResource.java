package org.fingertip.platform.region;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.platform.Roles;
import org.fingertip.platform.idempotency.Idempotency;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;

/** The shared region tree (province → city → county → township → village). */
@Path("/api/v1")
@Tag(name = "Regions")
public class RegionResource {

  private final RegionService service;
  private final Idempotency idempotency;
  private final SecurityIdentity identity;

  public RegionResource(RegionService service, Idempotency idempotency, SecurityIdentity identity) {
    this.service = service;
    this.idempotency = idempotency;
    this.identity = identity;
  }

  /** An admin adds a township or village the tree lacks. */
  public record NewRegionRequest(
      @NotBlank @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}", message = "行政区划代码应为 6、9 或 12 位数字")
          String code,
      @NotBlank @Size(max = 64) String name,
      @Pattern(regexp = "\\d{6}|\\d{9}", message = "上级区划代码应为 6 或 9 位数字") String parentCode) {}

  @GET
  @Path("/regions")
  @PermitAll
  @Operation(summary = "Children of a region (provinces when no parent is given)")
  public Uni<Page<RegionService.RegionView>> children(
      @QueryParam("parent") String parent, @BeanParam PageRequest page) {
    PageRequest request = page.validated();
    if (parent != null && !parent.isBlank()) {
      return service.require(parent.trim()).chain(p -> service.children(p.code, request));
    }
    return service.children(null, request);
  }

  @GET
  @Path("/regions/{code}")
  @PermitAll
  @Operation(summary = "One region with its full name")
  public Uni<RegionService.RegionView> get(@PathParam("code") String code) {
    return service.get(code);
  }

  @POST
  @Path("/admin/regions")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Add a region (admin); accepts Idempotency-Key")
  public Uni<Response> add(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid NewRegionRequest request) {
    return idempotency.run(
        key,
        identity.getPrincipal().getName(),
        "POST /api/v1/admin/regions",
        request,
        201,
        () ->
            service.add(
                new RegionService.NewRegion(request.code(), request.name(), request.parentCode())));
  }
}
