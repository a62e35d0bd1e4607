package org.fingertip.assistance;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An objection to a case under public notice; staff see the reason, the public never. */
@Entity
@Table(name = "public_notice_objection")
public class PublicNoticeObjection extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "application_id", nullable = false)
  public UUID applicationId;

  @Column(name = "filed_by", nullable = false)
  public UUID filedBy;

  @Column(nullable = false, columnDefinition = "text")
  public String reason;

  @Column(name = "filed_at", nullable = false)
  public Instant filedAt;

  @Column(name = "resolved_at")
  public Instant resolvedAt;

  @Column(name = "resolved_by")
  public UUID resolvedBy;

  @Column(columnDefinition = "text")
  public String resolution;
}
