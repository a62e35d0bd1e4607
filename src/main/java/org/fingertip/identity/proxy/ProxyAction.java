package org.fingertip.identity.proxy;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Something one citizen did for another through a proxy; the subject sees it. */
@Entity
@Table(name = "proxy_action")
public class ProxyAction extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "actor_id", nullable = false)
  public UUID actorId;

  @Column(name = "subject_id", nullable = false)
  public UUID subjectId;

  @Column(nullable = false)
  public String action;

  public String reference;

  @Column(name = "acted_at", nullable = false)
  public Instant actedAt;
}
