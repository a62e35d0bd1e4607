package org.fingertip.document;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.fingertip.assistance.Application;
import org.fingertip.assistance.ApplicationService;
import org.fingertip.assistance.AssistanceItem;
import org.fingertip.assistance.CaseworkService;
import org.fingertip.identity.PiiAccessLogEntry;
import org.fingertip.identity.proxy.ProxyScope;
import org.fingertip.identity.proxy.ProxyService;
import org.fingertip.identity.staff.StaffScope;
import org.fingertip.platform.database.NativeSelects;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.AppClock;

/**
 * The database side of documents, each method one session or transaction. Object storage is never
 * called from here: uploads store the bytes before {@link #save}, deletions remove them after.
 */
@ApplicationScoped
public class DocumentRecords {

  private final ApplicationService applications;
  private final CaseworkService casework;
  private final ProxyService proxies;
  private final DocumentLinks links;
  private final AppClock clock;

  public DocumentRecords(
      ApplicationService applications,
      CaseworkService casework,
      ProxyService proxies,
      DocumentLinks links,
      AppClock clock) {
    this.applications = applications;
    this.casework = casework;
    this.proxies = proxies;
    this.links = links;
    this.clock = clock;
  }

  /** Where an upload goes: the application (editable now) and its item. */
  public record Target(Application application, AssistanceItem item) {}

  /** A document to delete from storage once the row is gone (null key: nothing to delete). */
  public record Removal(String objectKey) {}

  @WithSession
  public Uni<Target> target(UUID me, UUID applicationId) {
    return applications
        .actingOn(me, applicationId)
        .chain(
            app -> {
              if (!app.acceptsDocuments()) {
                return Uni.createFrom().failure(frozen());
              }
              return applications.item(app).map(item -> new Target(app, item));
            });
  }

  /** Writes the metadata of a stored object and attaches it, if the application still allows. */
  @WithTransaction
  public Uni<DocumentView> save(UUID me, UUID applicationId, Document document) {
    return applications
        .actingOn(me, applicationId)
        .chain(
            app -> {
              if (!app.acceptsDocuments()) {
                return Uni.createFrom().failure(frozen());
              }
              document.ownerId = app.subjectId;
              // flush: the link below is a native insert that must see the row
              return document
                  .persist()
                  .chain(() -> Panache.getSession().chain(s -> s.flush()))
                  .chain(() -> links.attach(app.id, document.id, clock.instant()))
                  .chain(
                      () ->
                          proxies.recordAction(
                              me, app.subjectId, "UPLOAD_DOCUMENT", "document:" + document.id))
                  .replaceWith(() -> DocumentView.of(document));
            });
  }

  /** Attaches a document of the subject's wallet to an editable application. */
  @WithTransaction
  public Uni<List<DocumentView>> attach(UUID me, UUID applicationId, UUID documentId) {
    return applications
        .actingOn(me, applicationId)
        .chain(
            app -> {
              if (!app.acceptsDocuments()) {
                return Uni.createFrom().failure(frozen());
              }
              return applications
                  .item(app)
                  .chain(item -> applications.attachExisting(app, item, app.subjectId, documentId))
                  .chain(() -> links.viewsOf(app.id));
            });
  }

  /**
   * Detaches a document from one editable application (or, without one, from all of them) and
   * deletes it once no application uses it. A document that a submitted application still relies on
   * is never deleted.
   */
  @WithTransaction
  public Uni<Removal> delete(UUID me, UUID documentId, UUID applicationId) {
    return owned(me, documentId)
        .chain(
            doc ->
                links
                    .applicationsUsing(doc.id)
                    .chain(
                        ids ->
                            ids.isEmpty()
                                ? Uni.createFrom().item(List.<Application>of())
                                : Application.<Application>list("id in ?1", ids))
                    .chain(
                        apps -> {
                          List<Application> targets;
                          if (applicationId != null) {
                            targets =
                                apps.stream().filter(a -> a.id.equals(applicationId)).toList();
                            if (targets.isEmpty()) {
                              return Uni.createFrom().failure(notFound());
                            }
                          } else {
                            targets = apps;
                          }
                          if (targets.stream().anyMatch(a -> !a.acceptsDocuments())) {
                            return Uni.createFrom()
                                .failure(
                                    ProblemException.conflict(
                                        "DOCUMENT_IN_USE", "该材料已随申请提交，不能删除；只有草稿或补正材料阶段可以删除"));
                          }
                          Uni<Void> chain = Uni.createFrom().voidItem();
                          for (Application a : targets) {
                            chain = chain.chain(() -> links.detach(a.id, doc.id).replaceWithVoid());
                          }
                          boolean stillUsed = apps.size() > targets.size();
                          if (stillUsed) {
                            return chain.replaceWith(new Removal(null));
                          }
                          return chain
                              .chain(doc::delete)
                              .chain(
                                  () ->
                                      proxies.recordAction(
                                          me, doc.ownerId, "DELETE_DOCUMENT", "document:" + doc.id))
                              .replaceWith(new Removal(doc.objectKey));
                        }));
  }

  /**
   * Removes the rows of documents used only by drafts that were withdrawn (never submitted) before
   * {@code before}; returns their object keys, to delete from storage after the commit. The rows
   * are locked with {@code SKIP LOCKED}: two instances purging at once each take different rows.
   */
  @WithTransaction
  @SuppressWarnings("unchecked")
  public Uni<List<String>> purgeWithdrawnDrafts(java.time.Instant before) {
    return Panache.getSession()
        .chain(
            s ->
                NativeSelects.uncached(
                        s.createNativeQuery(
                            "SELECT d.id, d.object_key FROM document d WHERE "
                                + NativeSelects.CONDITION
                                + " AND EXISTS (SELECT 1 FROM"
                                + " application_document ad WHERE ad.document_id = d.id) AND NOT EXISTS"
                                + " (SELECT 1 FROM application_document ad JOIN application a ON a.id ="
                                + " ad.application_id WHERE ad.document_id = d.id AND NOT (a.status ="
                                + " 'WITHDRAWN' AND a.submitted_at IS NULL AND a.updated_at < :before))"
                                // a second purge at the same time skips what this one removes
                                + " LIMIT 500 FOR UPDATE OF d SKIP LOCKED",
                            Object[].class))
                    .setParameter("before", before)
                    .getResultList()
                    .chain(
                        (List<Object[]> rows) -> {
                          if (rows.isEmpty()) {
                            return Uni.createFrom().item(List.<String>of());
                          }
                          List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
                          List<String> keys = rows.stream().map(r -> (String) r[1]).toList();
                          return s.createNativeQuery(
                                  "DELETE FROM application_document WHERE document_id IN (:ids)")
                              .setParameter("ids", ids)
                              .executeUpdate()
                              .chain(
                                  () ->
                                      s.createNativeQuery("DELETE FROM document WHERE id IN (:ids)")
                                          .setParameter("ids", ids)
                                          .executeUpdate())
                              .replaceWith(keys);
                        }));
  }

  /** The document for its owner or an active proxy; anyone else 404. */
  @WithTransaction
  public Uni<Document> forCitizen(UUID me, UUID documentId) {
    return owned(me, documentId)
        .call(d -> proxies.recordAction(me, d.ownerId, "VIEW_DOCUMENT", "document:" + d.id));
  }

  /**
   * The document for a caseworker whose scope covers a submitted application that uses it; the read
   * is written to the owner's access log.
   */
  @WithTransaction
  public Uni<Document> forStaff(StaffScope staff, UUID documentId) {
    return Document.<Document>findById(documentId)
        .chain(
            doc -> {
              if (doc == null) {
                return Uni.createFrom().failure(notFound());
              }
              return links
                  .applicationsUsing(doc.id)
                  .chain(
                      ids -> {
                        Uni<UUID> found = Uni.createFrom().nullItem();
                        for (UUID id : ids) {
                          found =
                              found.chain(
                                  hit ->
                                      hit != null
                                          ? Uni.createFrom().item(hit)
                                          : casework
                                              .inScope(staff, id)
                                              .map(a -> a.id)
                                              .onFailure(ProblemException.class)
                                              .recoverWithNull());
                        }
                        return found;
                      })
                  .chain(
                      appId -> {
                        if (appId == null) {
                          return Uni.createFrom().failure(notFound());
                        }
                        PiiAccessLogEntry entry = new PiiAccessLogEntry();
                        entry.id = UUID.randomUUID();
                        entry.citizenId = doc.ownerId;
                        entry.staffId = staff.staffId();
                        entry.staffRole = staff.role();
                        String unit = staff.unit();
                        entry.staffUnit = unit.length() > 128 ? unit.substring(0, 128) : unit;
                        entry.purpose = "查看救助申请材料 " + appId;
                        entry.fields = "申请材料（" + doc.type + "）";
                        entry.accessedAt = clock.instant();
                        return entry.persist().replaceWith(doc);
                      });
            });
  }

  private Uni<Document> owned(UUID me, UUID documentId) {
    return Document.<Document>findById(documentId)
        .chain(
            doc -> {
              if (doc == null) {
                return Uni.createFrom().failure(notFound());
              }
              return proxies
                  .requireScope(me, doc.ownerId, ProxyScope.APPLY_ASSISTANCE)
                  .onFailure(ProblemException.class)
                  .transform(e -> notFound())
                  .replaceWith(doc);
            });
  }

  static ProblemException notFound() {
    return ProblemException.notFound("DOCUMENT_NOT_FOUND", "未找到该材料");
  }

  private static ProblemException frozen() {
    return ProblemException.conflict("APPLICATION_FROZEN", "申请已提交，材料不能再更改；如需补充，请等待工作人员的补正通知");
  }
}
