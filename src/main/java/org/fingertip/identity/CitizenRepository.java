package org.fingertip.identity;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@WithSession
@ApplicationScoped
public class CitizenRepository implements PanacheRepositoryBase<Citizen, UUID> {

  public Uni<Citizen> findByMiniProgramOpenid(String openid) {
    return find("miniProgramOpenid", openid).firstResult();
  }

  public Uni<Citizen> findByAppOpenid(String openid) {
    return find("appOpenid", openid).firstResult();
  }

  public Uni<Citizen> findByUnionid(String unionid) {
    return find("unionid", unionid).firstResult();
  }

  public Uni<Citizen> findByIdNumberHash(String hash) {
    return find("idNumberHash", hash).firstResult();
  }
}
