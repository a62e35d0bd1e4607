package org.fingertip.policy.household;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.fingertip.policy.eligibility.Household;

/**
 * The body of {@code PUT /me/household-facts}: exactly the facts of {@code POST /eligibility/check}
 * plus {@code consent}. Members and rigid expenses are the check's own records; the top-level
 * constraints mirror {@link Household}'s one for one (HouseholdFactsInputTest keeps them equal),
 * and the service runs the check's own validation on top.
 *
 * @param consent the citizen agrees that these facts are kept (encrypted) to start applications and
 *     to be told of new matches; anything but {@code true} is refused with CONSENT_REQUIRED
 * @param date ignored: saved facts are evaluated on the day a change takes effect
 */
public record HouseholdFactsInput(
    Boolean consent,
    @NotBlank String region,
    LocalDate date,
    @NotEmpty @Size(max = 20) List<Household.@Valid Member> members,
    @PositiveOrZero Long otherMonthlyIncomeFen,
    @PositiveOrZero Long assetsFen,
    @Valid Household.RigidExpenses rigidExpenses) {

  /** The facts as the eligibility check takes them, without a date. */
  public Household household() {
    return new Household(
        region.strip(), null, members, otherMonthlyIncomeFen, assetsFen, rigidExpenses);
  }
}
