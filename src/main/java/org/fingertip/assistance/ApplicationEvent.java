package org.fingertip.assistance;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One step on an application's timeline. The internal note is never shown to citizens. */
@Entity
@Table(name = "application_event")
public class ApplicationEvent extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "application_id", nullable = false)
  public UUID applicationId;

  @Column(nullable = false)
  public int seq;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Workflow.Action action;

  @Enumerated(EnumType.STRING)
  @Column(name = "from_status")
  public ApplicationStatus fromStatus;

  @Enumerated(EnumType.STRING)
  @Column(name = "to_status", nullable = false)
  public ApplicationStatus toStatus;

  /** CITIZEN, PROXY, CASEWORKER, ADMIN or SYSTEM. */
  @Column(name = "actor_role", nullable = false)
  public String actorRole;

  @Column(name = "actor_id")
  public UUID actorId;

  @Column(columnDefinition = "text")
  public String comment;

  @Column(name = "internal_note", columnDefinition = "text")
  public String internalNote;

  @Column(nullable = false)
  public Instant at;
}
