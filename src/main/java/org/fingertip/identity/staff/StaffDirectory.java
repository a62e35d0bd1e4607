package org.fingertip.identity.staff;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.fingertip.platform.problem.ProblemException;

/** Resolves the calling member of staff and their current scope, for every staff route. */
@ApplicationScoped
public class StaffDirectory {

  private final StaffRepository repository;

  public StaffDirectory(StaffRepository repository) {
    this.repository = repository;
  }

  @WithSession
  public Uni<StaffScope> scopeOf(JsonWebToken jwt) {
    UUID id;
    try {
      id = UUID.fromString(jwt.getSubject());
    } catch (RuntimeException e) {
      return Uni.createFrom().failure(new ProblemException(401, "UNAUTHENTICATED", "登录凭证无效，请重新登录"));
    }
    return repository
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new ProblemException(401, "UNAUTHENTICATED", "工作人员账号不存在或已停用，请重新登录"))
        .map(Staff::scope);
  }
}
