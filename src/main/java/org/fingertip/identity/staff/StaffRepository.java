package org.fingertip.identity.staff;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@WithSession
@ApplicationScoped
public class StaffRepository implements PanacheRepositoryBase<Staff, UUID> {

  public Uni<Staff> findByUsername(String username) {
    return find("username", username).firstResult();
  }

  public Uni<Long> countAdmins() {
    return count("role", "admin");
  }
}
