package org.fingertip.policy.eligibility;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.Region;
import org.fingertip.platform.region.RegionService;
import org.fingertip.platform.web.AppClock;
import org.fingertip.policy.PolicyRef;
import org.fingertip.policy.PolicyVersion;
import org.fingertip.policy.PolicyVersionRepository;
import org.fingertip.policy.standard.Regional;
import org.fingertip.policy.standard.StandardService;
import org.fingertip.policy.standard.StandardService.StandardView;
import org.fingertip.policy.standard.StandardType;

/**
 * "政策找人": which assistance items a household is likely eligible for, with the rule, the standards
 * and their source policies, an estimate, and the near misses with their reason. Reads only;
 * nothing about the household is stored or logged.
 */
@ApplicationScoped
public class EligibilityService {

  private final RegionService regions;
  private final StandardService standards;
  private final EligibilityRuleRepository rules;
  private final PolicyVersionRepository versions;
  private final AppClock clock;

  public EligibilityService(
      RegionService regions,
      StandardService standards,
      EligibilityRuleRepository rules,
      PolicyVersionRepository versions,
      AppClock clock) {
    this.regions = regions;
    this.standards = standards;
    this.rules = rules;
    this.versions = versions;
    this.clock = clock;
  }

  /** The rule that decided, in words, with where it was set and by which policy. */
  public record RuleView(
      long id,
      String regionCode,
      String description,
      List<String> conditions,
      String formula,
      PolicyRef sourcePolicy) {}

  /** A standard a rule used, with the value that was in force and its source policy. */
  public record UsedStandard(
      StandardType type,
      String label,
      Long amountFen,
      BigDecimal factor,
      LocalDate effectiveFrom,
      String setByRegionCode,
      String setByRegionName,
      PolicyRef sourcePolicy) {}

  public record ItemResult(
      String itemCode,
      String itemName,
      RuleView rule,
      List<UsedStandard> standards,
      Long estimatedMonthlyFen,
      Long oneOffCapFen,
      List<Integer> members,
      List<String> reasons) {}

  public record HouseholdSummary(
      int members,
      long totalIncomeFen,
      long perCapitaIncomeFen,
      long perCapitaAssetsFen,
      long rigidExpensesFen) {}

  public record CheckResult(
      String regionCode,
      LocalDate date,
      HouseholdSummary household,
      List<ItemResult> eligible,
      List<ItemResult> nearMisses,
      String notice) {}

  @WithSession
  public Uni<CheckResult> check(Household household) {
    return checkAsOf(household, household.date() == null ? clock.today() : household.date());
  }

  /**
   * The check as of {@code date} whatever the household's own date says: the saved-facts routes and
   * the new-match job evaluate a stored household on the day a change takes effect.
   */
  @WithSession
  public Uni<CheckResult> checkAsOf(Household household, LocalDate date) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < household.members().size(); i++) {
      Household.Member m = household.members().get(i);
      if (m == null) {
        errors.add(new Problem.FieldError("members[" + i + "]", "REQUIRED", "请填写家庭成员信息"));
      } else if (m.age() == null && m.birthDate() == null) {
        errors.add(new Problem.FieldError("members[" + i + "].age", "REQUIRED", "请填写年龄或出生日期"));
      } else if (m.birthDate() != null && m.birthDate().isAfter(date)) {
        errors.add(
            new Problem.FieldError("members[" + i + "].birthDate", "FUTURE", "出生日期不能晚于核对日期"));
      }
    }
    if (!errors.isEmpty()) {
      return Uni.createFrom().failure(ProblemException.validation(errors));
    }
    return regions
        .require(household.region().trim())
        .chain(
            region ->
                standards
                    .resolveAll(region, date)
                    .chain(
                        inForce ->
                            rules
                                .listPublic(region.lineage())
                                .chain(list -> evaluate(region, household, date, inForce, list))));
  }

  private Uni<CheckResult> evaluate(
      Region region,
      Household household,
      LocalDate date,
      Map<StandardType, StandardView> inForce,
      List<EligibilityRule> stored) {
    Map<String, List<EligibilityRule>> byItem = new LinkedHashMap<>();
    stored.forEach(r -> byItem.computeIfAbsent(r.itemCode, k -> new ArrayList<>()).add(r));
    List<EligibilityRule> applicable = new ArrayList<>();
    byItem
        .values()
        .forEach(
            list ->
                Regional.resolve(
                        region.lineage(), list, date, r -> r.regionCode, r -> r.effectiveFrom)
                    .ifPresent(res -> applicable.add(res.inForce())));
    Map<StandardType, BigDecimal> values = new EnumMap<>(StandardType.class);
    inForce.forEach(
        (type, view) ->
            values.put(
                type,
                view.factor() != null ? view.factor() : BigDecimal.valueOf(view.amountFen())));
    Set<Long> policyIds = new HashSet<>();
    applicable.forEach(r -> policyIds.add(r.policyId));
    return versions
        .latestByPolicy(policyIds)
        .map(
            refs -> {
              List<ItemResult> eligible = new ArrayList<>();
              List<ItemResult> near = new ArrayList<>();
              for (EligibilityRule stored1 : applicable) {
                RuleEngine.Rule<EligibilityRule> rule =
                    new RuleEngine.Rule<>(
                        stored1.itemCode,
                        stored1.scope,
                        stored1.parsedConditions(),
                        AmountFormula.parse(stored1.amountFormula),
                        stored1);
                RuleEngine.Outcome<EligibilityRule> outcome =
                    RuleEngine.evaluate(rule, household, date, values);
                if (outcome.verdict() == RuleEngine.Verdict.ELIGIBLE) {
                  eligible.add(item(outcome, inForce, refs));
                } else if (outcome.verdict() == RuleEngine.Verdict.NEAR_MISS) {
                  near.add(item(outcome, inForce, refs));
                }
              }
              Map<String, Object> facts = Facts.household(household);
              return new CheckResult(
                  region.code,
                  date,
                  new HouseholdSummary(
                      (Integer) facts.get("members"),
                      (Long) facts.get("totalIncomeFen"),
                      (Long) facts.get("perCapitaIncomeFen"),
                      (Long) facts.get("perCapitaAssetsFen"),
                      (Long) facts.get("rigidExpensesFen")),
                  eligible,
                  near,
                  "测算结果仅供参考，实际以经办机构的家庭经济状况核对和审核确认为准");
            });
  }

  private static ItemResult item(
      RuleEngine.Outcome<EligibilityRule> outcome,
      Map<StandardType, StandardView> inForce,
      Map<Long, PolicyVersion> refs) {
    EligibilityRule r = outcome.rule().ref();
    PolicyVersion source = refs.get(r.policyId);
    List<UsedStandard> used =
        outcome.rule().standards().stream()
            .map(inForce::get)
            .map(
                v ->
                    new UsedStandard(
                        v.type(),
                        v.label(),
                        v.amountFen(),
                        v.factor(),
                        v.effectiveFrom(),
                        v.setByRegionCode(),
                        v.setByRegionName(),
                        v.sourcePolicy()))
            .toList();
    return new ItemResult(
        r.itemCode,
        r.itemName,
        new RuleView(
            r.id,
            r.regionCode,
            r.description,
            outcome.conditions(),
            r.amountFormula,
            source == null ? null : PolicyRef.of(source)),
        used,
        outcome.amount() == null ? null : outcome.amount().monthlyFen(),
        outcome.amount() == null ? null : outcome.amount().oneOffCapFen(),
        outcome.matchedMembers(),
        outcome.reasons());
  }
}
