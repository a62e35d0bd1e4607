package org.fingertip.document;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A document in its owner's wallet: metadata here, bytes in object storage under a random key. It
 * can be attached to several applications of its owner.
 */
@Entity
@Table(name = "document")
public class Document extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "owner_id", nullable = false)
  public UUID ownerId;

  @Column(nullable = false)
  public String type;

  @Column(name = "file_name")
  public String fileName;

  @Column(name = "content_type", nullable = false)
  public String contentType;

  @Column(name = "size_bytes", nullable = false)
  public long sizeBytes;

  @Column(nullable = false)
  public String sha256;

  @Column(name = "object_key", nullable = false)
  public String objectKey;

  @Column(name = "uploaded_by", nullable = false)
  public UUID uploadedBy;

  @Column(name = "uploaded_at", nullable = false)
  public Instant uploadedAt;
}
