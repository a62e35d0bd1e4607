package org.fingertip.policy.search;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@WithSession
@ApplicationScoped
public class SynonymRepository implements PanacheRepositoryBase<Synonym, Long> {

  public Uni<Synonym> findPair(String term, String expansion) {
    return find("term = ?1 and expansion = ?2", term, expansion).firstResult();
  }
}
