package org.fingertip.platform.region;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@WithSession
@ApplicationScoped
public class RegionRepository implements PanacheRepositoryBase<Region, String> {

  public Uni<List<Region>> listByCodes(Collection<String> codes) {
    return list("code in ?1 order by path", codes);
  }
}
