package org.fingertip.document;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.identity.Caller;
import org.fingertip.identity.staff.StaffDirectory;
import org.fingertip.platform.Roles;
import org.fingertip.platform.problem.ProblemException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Documents: upload as {@code wx.uploadFile} sends them, attach from the wallet, read, delete. */
@Path("/api/v1")
@Tag(name = "Self-application")
public class DocumentResource {

  private final DocumentService documents;
  private final StaffDirectory staff;
  private final JsonWebToken jwt;

  public DocumentResource(DocumentService documents, StaffDirectory staff, JsonWebToken jwt) {
    this.documents = documents;
    this.staff = staff;
    this.jwt = jwt;
  }

  /** Attach a document already in the owner's wallet. */
  public record AttachRequest(@NotNull UUID documentId) {}

  /**
   * {@code multipart/form-data} with {@code type} and {@code file}. The multipart handler has
   * already spooled the file part to a temporary file on disk (never to the heap) and removes it
   * when the request ends; the HTTP body limit cut off anything over 11M before that.
   */
  @POST
  @Path("/applications/{id}/documents")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Upload a document (multipart: type, file) to a draft or a supplement step")
  public Uni<Response> upload(
      @PathParam("id") String id,
      @RestForm("type") String type,
      @RestForm("file") FileUpload file) {
    UUID me = Caller.of(jwt).id();
    DocumentService.Upload upload =
        file == null
            ? null
            : new DocumentService.Upload(
                file.uploadedFile(), file.fileName(), file.contentType(), file.size());
    return documents
        .upload(me, applicationId(id), type, upload)
        .map(view -> Response.status(201).entity(view).build());
  }

  @POST
  @Path("/applications/{id}/documents")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.CITIZEN)
  @Operation(summary = "Attach a document from my wallet (JSON: documentId)")
  public Uni<List<DocumentView>> attach(
      @PathParam("id") String id, @NotNull @Valid AttachRequest request) {
    return documents.attach(Caller.of(jwt).id(), applicationId(id), request.documentId());
  }

  @GET
  @Path("/documents/{id}/content")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  @RolesAllowed({Roles.CITIZEN, Roles.CASEWORKER, Roles.ADMIN})
  @Operation(
      summary = "The file, streamed, to its owner, an active proxy, or a caseworker in scope")
  public RestMulti<byte[]> content(@PathParam("id") String id) {
    UUID documentId = documentId(id);
    Caller caller = Caller.of(jwt);
    Uni<DocumentService.Content> content =
        caller.isCitizen()
            ? documents.contentForCitizen(caller.id(), documentId)
            : staff.scopeOf(jwt).chain(scope -> documents.contentForStaff(scope, documentId));
    return RestMulti.fromUniResponse(
        content,
        DocumentService.Content::bytes,
        c ->
            Map.of(
                "Content-Type", List.of(c.document().contentType),
                "Content-Length", List.of(Long.toString(c.document().sizeBytes)),
                "Content-Disposition", List.of(disposition(c.document())),
                "X-Content-Type-Options", List.of("nosniff"),
                "Cache-Control", List.of("private, no-store")),
        c -> 200);
  }

  @DELETE
  @Path("/documents/{id}")
  @RolesAllowed(Roles.CITIZEN)
  @Operation(
      summary =
          "Remove a document from a draft or a supplement step (applicationId: only from that"
              + " one); it is deleted once no application uses it")
  public Uni<Response> delete(
      @PathParam("id") String id, @QueryParam("applicationId") String applicationId) {
    UUID app = null;
    if (applicationId != null && !applicationId.isBlank()) {
      try {
        app = UUID.fromString(applicationId.trim());
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalidField("applicationId", "FORMAT", "申请编号格式不正确");
      }
    }
    return documents
        .delete(Caller.of(jwt).id(), documentId(id), app)
        .replaceWith(Response.noContent().build());
  }

  private static String disposition(Document d) {
    String ext =
        switch (d.contentType) {
          case FileTypes.PDF -> "pdf";
          case FileTypes.JPEG -> "jpg";
          case FileTypes.PNG -> "png";
          default -> "heic";
        };
    String name = d.type.toLowerCase() + "-" + d.id + "." + ext;
    String utf8 = d.fileName == null ? name : d.fileName;
    return "attachment; filename=\""
        + name
        + "\"; filename*=UTF-8''"
        + URLEncoder.encode(utf8, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static UUID applicationId(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("APPLICATION_NOT_FOUND", "未找到该申请");
    }
  }

  private static UUID documentId(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw DocumentRecords.notFound();
    }
  }
}
