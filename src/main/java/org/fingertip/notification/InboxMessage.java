package org.fingertip.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A message in a citizen's in-app inbox. */
@Entity
@Table(name = "inbox_message")
public class InboxMessage extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "recipient_id", nullable = false)
  public UUID recipientId;

  @Column(name = "outbox_id")
  public UUID outboxId;

  @Column(nullable = false)
  public String template;

  @Column(nullable = false)
  public String title;

  @Column(nullable = false)
  public String body;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "read_at")
  public Instant readAt;
}
