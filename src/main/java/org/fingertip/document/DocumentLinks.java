package org.fingertip.document;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which documents are attached to which applications. Runs in the caller's session and transaction.
 */
@ApplicationScoped
public class DocumentLinks {

  @SuppressWarnings("unchecked")
  public Uni<List<Document>> documentsOf(UUID applicationId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "SELECT d.* FROM document d JOIN application_document ad ON ad.document_id"
                            + " = d.id WHERE ad.application_id IN (:app) ORDER BY ad.attached_at, d.id",
                        Document.class)
                    // a list: no cached plan (NativeSelects)
                    .setParameter("app", List.of(applicationId))
                    .getResultList());
  }

  public Uni<List<DocumentView>> viewsOf(UUID applicationId) {
    return documentsOf(applicationId).map(list -> list.stream().map(DocumentView::of).toList());
  }

  public Uni<Void> attach(UUID applicationId, UUID documentId, Instant at) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "INSERT INTO application_document (application_id, document_id,"
                            + " attached_at) VALUES (:app, :doc, :at) ON CONFLICT DO NOTHING")
                    .setParameter("app", applicationId)
                    .setParameter("doc", documentId)
                    .setParameter("at", at)
                    .executeUpdate())
        .replaceWithVoid();
  }

  public Uni<Integer> detach(UUID applicationId, UUID documentId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "DELETE FROM application_document WHERE application_id = :app AND"
                            + " document_id = :doc")
                    .setParameter("app", applicationId)
                    .setParameter("doc", documentId)
                    .executeUpdate());
  }

  /** Ids of the applications a document is attached to. */
  public Uni<List<UUID>> applicationsUsing(UUID documentId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "SELECT application_id FROM application_document WHERE document_id IN (:doc)",
                        UUID.class)
                    .setParameter("doc", List.of(documentId))
                    .getResultList());
  }
}
