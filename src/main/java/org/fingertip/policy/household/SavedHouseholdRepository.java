package org.fingertip.policy.household;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

@WithSession
@ApplicationScoped
public class SavedHouseholdRepository implements PanacheRepositoryBase<SavedHousehold, UUID> {

  /**
   * The saved households in a region's subtree, row-locked until the transaction ends so an owner's
   * concurrent save or delete waits for the evaluation instead of being overwritten.
   */
  public Uni<List<SavedHousehold>> lockUnder(String regionPath) {
    return find("regionPath like ?1 order by citizenId", regionPath + "%")
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .list();
  }
}
