package org.fingertip.assistance;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;

/** The public catalog of assistance items. */
@Path("/api/v1")
@Tag(name = "Self-application")
public class CatalogResource {

  private final CatalogService catalog;

  public CatalogResource(CatalogService catalog) {
    this.catalog = catalog;
  }

  @GET
  @Path("/assistance-items")
  @PermitAll
  @Operation(summary = "Catalog of assistance items (search, department, offering region)")
  public Uni<Page<CatalogService.ItemSummary>> search(
      @QueryParam("q") String q,
      @QueryParam("department") String department,
      @QueryParam("region") String region,
      @BeanParam PageRequest page) {
    return catalog.search(
        q,
        department == null || department.isBlank() ? null : department,
        region,
        page.validated());
  }

  @GET
  @Path("/assistance-items/{code}")
  @PermitAll
  @Operation(summary = "One item: required materials, form schema, time limit, offering regions")
  public Uni<CatalogService.ItemView> get(@PathParam("code") String code) {
    return catalog.get(code);
  }
}
