package org.fingertip.policy.eligibility;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@WithSession
@ApplicationScoped
public class EligibilityRuleRepository implements PanacheRepositoryBase<EligibilityRule, Long> {

  /** Rules of the given regions whose source policy has been published. */
  public Uni<List<EligibilityRule>> listPublic(Collection<String> regionCodes) {
    return list(
        "from EligibilityRule r where r.regionCode in ?1 and exists (select 1 from Policy p"
            + " where p.id = r.policyId and p.currentVersion > 0) order by r.itemCode, r.id",
        regionCodes);
  }
}
