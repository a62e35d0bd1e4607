package org.fingertip.notification;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.identity.Caller;
import org.fingertip.platform.Roles;
import org.fingertip.platform.database.NativeSelects;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.AppClock;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;
import org.fingertip.platform.web.Paging;

/** The citizen's in-app inbox, and dead letters for admins. */
@Path("/api/v1")
@Tag(name = "Notifications")
public class MessageResource {

  private final JsonWebToken jwt;
  private final AppClock clock;

  public MessageResource(JsonWebToken jwt, AppClock clock) {
    this.jwt = jwt;
    this.clock = clock;
  }

  /** One inbox message. */
  public record MessageView(
      UUID id, String template, String title, String body, Instant createdAt, boolean read) {}

  /** A notification that could not be delivered to WeChat, with the reason. */
  public record DeadLetter(
      UUID id,
      UUID recipientId,
      String template,
      int attempts,
      String lastError,
      Instant createdAt) {}

  @GET
  @Path("/me/messages")
  @RolesAllowed(Roles.CITIZEN)
  @WithSession
  @Operation(summary = "My in-app messages, newest first")
  public Uni<Page<MessageView>> messages(
      @BeanParam PageRequest page, @QueryParam("unreadOnly") boolean unreadOnly) {
    PageRequest request = page.validated();
    UUID me = Caller.of(jwt).id();
    var query =
        unreadOnly
            ? InboxMessage.<InboxMessage>find(
                "recipientId = ?1 and readAt is null order by createdAt desc, id", me)
            : InboxMessage.<InboxMessage>find("recipientId = ?1 order by createdAt desc, id", me);
    return Paging.page(
        query,
        request,
        m -> new MessageView(m.id, m.template, m.title, m.body, m.createdAt, m.readAt != null));
  }

  @POST
  @Path("/me/messages/{id}/read")
  @RolesAllowed(Roles.CITIZEN)
  @WithTransaction
  @Operation(summary = "Mark one of my messages as read")
  public Uni<MessageView> read(@PathParam("id") String id) {
    UUID me = Caller.of(jwt).id();
    UUID messageId;
    try {
      messageId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("MESSAGE_NOT_FOUND", "未找到该消息");
    }
    return InboxMessage.<InboxMessage>findById(messageId)
        .map(
            m -> {
              if (m == null || !m.recipientId.equals(me)) {
                throw ProblemException.notFound("MESSAGE_NOT_FOUND", "未找到该消息");
              }
              if (m.readAt == null) {
                m.readAt = clock.instant();
              }
              return new MessageView(m.id, m.template, m.title, m.body, m.createdAt, true);
            });
  }

  @GET
  @Path("/admin/notifications/dead-letters")
  @RolesAllowed(Roles.ADMIN)
  @WithSession
  @Operation(summary = "Admin: notifications given up on, with WeChat's reason")
  public Uni<List<DeadLetter>> deadLetters() {
    return io.quarkus.hibernate.reactive.panache.Panache.getSession()
        .chain(
            s ->
                NativeSelects.uncached(
                        s.createNativeQuery(
                            "SELECT id, recipient_id, template, attempts, last_error, created_at FROM"
                                + " notification_outbox WHERE status = 'DEAD' AND "
                                + NativeSelects.CONDITION
                                + " ORDER BY created_at DESC LIMIT 200",
                            Object[].class))
                    .getResultList())
        .map(
            rows ->
                rows.stream()
                    .map(
                        r ->
                            new DeadLetter(
                                (UUID) r[0],
                                (UUID) r[1],
                                (String) r[2],
                                ((Number) r[3]).intValue(),
                                (String) r[4],
                                r[5] instanceof Instant i
                                    ? i
                                    : ((java.time.OffsetDateTime) r[5]).toInstant()))
                    .toList());
  }
}
