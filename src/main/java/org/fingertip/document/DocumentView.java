package org.fingertip.document;

import java.time.Instant;
import java.util.UUID;

/** A document's metadata as clients see it (never the storage key). */
public record DocumentView(
    UUID id,
    String type,
    String fileName,
    String contentType,
    long sizeBytes,
    String sha256,
    UUID uploadedBy,
    Instant uploadedAt) {

  public static DocumentView of(Document d) {
    return new DocumentView(
        d.id, d.type, d.fileName, d.contentType, d.sizeBytes, d.sha256, d.uploadedBy, d.uploadedAt);
  }
}
