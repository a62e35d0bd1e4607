package org.fingertip.policy.standard;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@WithSession
@ApplicationScoped
public class StandardRepository implements PanacheRepositoryBase<Standard, Long> {

  /**
   * Standards of the given regions whose source policy has been published at least once: a draft
   * policy's figures are not public.
   */
  public Uni<List<Standard>> listPublic(Collection<String> regionCodes) {
    return list(
        "from Standard s where s.regionCode in ?1 and exists (select 1 from Policy p"
            + " where p.id = s.policyId and p.currentVersion > 0)"
            + " order by s.type, s.regionCode, s.effectiveFrom",
        regionCodes);
  }

  public Uni<List<Standard>> listByPolicy(long policyId) {
    return list("policyId = ?1 order by type, effectiveFrom", policyId);
  }

  public Uni<Standard> findExact(String regionCode, StandardType type, java.time.LocalDate from) {
    return find("regionCode = ?1 and type = ?2 and effectiveFrom = ?3", regionCode, type, from)
        .firstResult();
  }
}
