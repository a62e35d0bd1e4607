package org.fingertip.policy;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.PageRequest;
import org.fingertip.platform.web.Params;
import org.fingertip.policy.PolicyViews.PolicyDetail;

/** Public policy lookup: search and read published policies. */
@Path("/api/v1/policies")
@Tag(name = "Policies")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

  static final int MAX_FILTER_LENGTH = 100;

  private final PolicyService service;
  private final HttpCaching caching;
  private final PolicyReadCache cache;

  public PolicyResource(PolicyService service, HttpCaching caching, PolicyReadCache cache) {
    this.service = service;
    this.caching = caching;
    this.cache = cache;
  }

  /** A page of {@link PolicyViews.PolicyHit}s, for the OpenAPI document. */
  @Schema(name = "PolicyHitPage")
  public record HitPage(
      java.util.List<PolicyViews.PolicyHit> items, int page, int size, long total) {}

  @GET
  @Operation(
      summary =
          "Search published policies (ranked, highlighted) or list them; region includes the"
              + " policies of its ancestors; date keeps those in force on that day")
  @APIResponse(
      responseCode = "200",
      description = "A page of hits; ETag and Cache-Control set, 304 on If-None-Match",
      content = @Content(schema = @Schema(implementation = HitPage.class)))
  public Uni<Response> search(
      @QueryParam("q") String q,
      @QueryParam("category") String category,
      @QueryParam("department") String department,
      @QueryParam("region") String region,
      @QueryParam("date") String date,
      @BeanParam PageRequest page,
      @HeaderParam("If-None-Match") String ifNoneMatch,
      @Context UriInfo uri) {
    PageRequest request = page.validated();
    // "?q=" and "?q" arrive as null: a present but empty query is still a mistake to point out
    String query = q == null && uri.getQueryParameters().containsKey("q") ? "" : q;
    var criteria =
        new PolicyService.Criteria(
            query,
            filter(category, "category"),
            filter(department, "department"),
            region == null || region.isBlank() ? null : region.trim(),
            date == null || date.isBlank() ? null : Params.date(date, "date"));
    return cache
        .get(
            version ->
                new PolicyReadCache.SearchKey(
                    PolicyReadCache.normalise(criteria.q()),
                    criteria.category(),
                    criteria.department(),
                    criteria.regionCode(),
                    criteria.date(),
                    request.page(),
                    request.size(),
                    version),
            version -> service.search(criteria, request, version))
        .map(body -> caching.respond(body, ifNoneMatch));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A published policy: full text, the standards it sets, version history")
  @APIResponse(
      responseCode = "200",
      description = "The current published version; ETag and Cache-Control set",
      content = @Content(schema = @Schema(implementation = PolicyDetail.class)))
  public Uni<Response> get(
      @PathParam("id") String id, @HeaderParam("If-None-Match") String ifNoneMatch) {
    long policyId = parseId(id);
    return cache
        .get(
            version -> new PolicyReadCache.DetailKey(policyId, version),
            version -> service.published(policyId))
        .map(body -> caching.respond(body, ifNoneMatch));
  }

  static long parseId(String id) {
    try {
      long value = Long.parseLong(id.trim());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through: an id that cannot exist is simply not found
    }
    throw ProblemException.notFound("POLICY_NOT_FOUND", "未找到该政策，或该政策尚未发布");
  }

  private static String filter(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_FILTER_LENGTH) {
      throw ProblemException.invalidField(field, "TOO_LONG", "筛选条件过长");
    }
    return value.strip();
  }
}
