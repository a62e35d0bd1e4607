package org.fingertip.assistance;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.identity.Caller;
import org.fingertip.platform.Roles;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;

/** Public notice online (公示) and objections. */
@Path("/api/v1")
@Tag(name = "Self-application")
@RolesAllowed({Roles.CITIZEN, Roles.CASEWORKER, Roles.ADMIN})
public class PublicNoticeResource {

  private final PublicNoticeService notices;
  private final JsonWebToken jwt;

  public PublicNoticeResource(PublicNoticeService notices, JsonWebToken jwt) {
    this.notices = notices;
    this.jwt = jwt;
  }

  /** Why the case should not be approved. */
  public record ObjectionRequest(@NotNull @Size(min = 1, max = 1000) String reason) {}

  @GET
  @Path("/public-notices")
  @Operation(summary = "Cases under public notice in a region: masked names, village, item, amount")
  public Uni<Page<PublicNoticeService.NoticeView>> list(
      @QueryParam("region") String region, @BeanParam PageRequest page) {
    return notices.list(region, page.validated());
  }

  @POST
  @Path("/public-notices/{id}/objections")
  @Operation(
      summary = "Object to a case under notice; holds the case until a caseworker resolves it")
  public Uni<Response> object(
      @PathParam("id") String id, @NotNull @Valid ObjectionRequest request) {
    java.util.UUID app;
    try {
      app = java.util.UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("NOTICE_NOT_FOUND", "未找到该公示，或公示已结束");
    }
    return notices
        .object(Caller.of(jwt).id(), app, request.reason())
        .replaceWith(
            Response.status(202)
                .entity(Map.of("status", "RECEIVED", "message", "异议已收到，工作人员将在公示期内核实处理"))
                .build());
  }
}
