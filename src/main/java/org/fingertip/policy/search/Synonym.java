package org.fingertip.policy.search;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A search synonym: when a query contains {@code term}, also look for {@code expansion}. */
@Entity
@Table(name = "policy_synonym")
public class Synonym extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false)
  public String term;

  @Column(nullable = false)
  public String expansion;
}
