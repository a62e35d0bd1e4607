package org.fingertip.policy.eligibility;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * Household facts for an eligibility check, as the citizen declares them. Nothing here is stored.
 *
 * @param region region code where the household lives (6 or 9 digits)
 * @param date the date to check against; today when absent
 * @param otherMonthlyIncomeFen household income not attributed to a member (rent, transfers)
 * @param assetsFen financial assets of the household (deposits, securities)
 */
public record Household(
    @NotBlank String region,
    LocalDate date,
    @NotEmpty @Size(max = 20) List<@Valid Member> members,
    @PositiveOrZero Long otherMonthlyIncomeFen,
    @PositiveOrZero Long assetsFen,
    @Valid RigidExpenses rigidExpenses) {

  /** The same household, checked as of another day. */
  public Household withDate(LocalDate day) {
    return new Household(region, day, members, otherMonthlyIncomeFen, assetsFen, rigidExpenses);
  }

  /**
   * One member.
   *
   * @param age age in full years; or give {@code birthDate}
   * @param disabilityGrade 1 (most severe) to 4; absent or 0 for none
   * @param ableToWork whether the member can work; assumed yes when absent
   * @param hasLiableSupporter whether someone legally liable to support them can do so; assumed yes
   *     when absent
   * @param careDependency for people who cannot care for themselves
   */
  public record Member(
      LocalDate birthDate,
      @Min(0) @Max(150) Integer age,
      @Min(0) @Max(4) Integer disabilityGrade,
      Boolean ableToWork,
      Boolean inSchool,
      @PositiveOrZero Long monthlyIncomeFen,
      Boolean hasLiableSupporter,
      CareDependency careDependency) {}

  /** Monthly rigid spending that DIBAO rules of many regions deduct (支出型困难). */
  public record RigidExpenses(
      @PositiveOrZero Long medicalMonthlyFen, @PositiveOrZero Long schoolingMonthlyFen) {}

  /** Ability to care for oneself, as assessed for nursing subsidies. */
  public enum CareDependency {
    NONE,
    SEMI,
    FULL
  }
}
