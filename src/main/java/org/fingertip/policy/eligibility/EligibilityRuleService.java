package org.fingertip.policy.eligibility;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.RegionService;
import org.fingertip.policy.PolicyRepository;
import org.fingertip.policy.PolicyStatus;
import org.fingertip.policy.household.MatchJobs;

/**
 * Admins maintain eligibility rules as data. A rule is parsed before it is stored, so a typo in a
 * condition is a 400 at the desk, never a failure in a citizen's check.
 */
@ApplicationScoped
public class EligibilityRuleService {

  private final EligibilityRuleRepository rules;
  private final RegionService regions;
  private final PolicyRepository policies;
  private final MatchJobs matchJobs;

  public EligibilityRuleService(
      EligibilityRuleRepository rules,
      RegionService regions,
      PolicyRepository policies,
      MatchJobs matchJobs) {
    this.matchJobs = matchJobs;
    this.rules = rules;
    this.regions = regions;
    this.policies = policies;
  }

  public record NewRule(
      String regionCode,
      String itemCode,
      String itemName,
      RuleEngine.Scope scope,
      List<String> conditions,
      String amountFormula,
      String description,
      LocalDate effectiveFrom,
      long policyId) {}

  public record RuleRow(
      long id,
      String regionCode,
      String itemCode,
      String itemName,
      RuleEngine.Scope scope,
      List<String> conditions,
      String amountFormula,
      String description,
      LocalDate effectiveFrom,
      long policyId) {

    static RuleRow of(EligibilityRule r) {
      return new RuleRow(
          r.id,
          r.regionCode,
          r.itemCode,
          r.itemName,
          r.scope,
          r.conditions.lines().filter(l -> !l.isBlank()).toList(),
          r.amountFormula,
          r.description,
          r.effectiveFrom,
          r.policyId);
    }
  }

  @WithSession
  public Uni<List<RuleRow>> list(String regionCode) {
    var query =
        regionCode == null
            ? rules.list("order by regionCode, itemCode, effectiveFrom")
            : regions
                .require(regionCode)
                .chain(
                    r ->
                        rules.list(
                            "regionCode in ?1 order by regionCode, itemCode, effectiveFrom",
                            r.lineage()));
    return query.map(l -> l.stream().map(RuleRow::of).toList());
  }

  @WithTransaction
  public Uni<RuleRow> add(NewRule request) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < request.conditions().size(); i++) {
      try {
        Condition.parse(request.conditions().get(i));
      } catch (IllegalArgumentException e) {
        errors.add(
            new Problem.FieldError(
                "conditions[" + i + "]", "RULE_CONDITION_INVALID", e.getMessage()));
      }
    }
    try {
      AmountFormula.parse(request.amountFormula());
    } catch (IllegalArgumentException e) {
      errors.add(new Problem.FieldError("amountFormula", "RULE_FORMULA_INVALID", e.getMessage()));
    }
    if (!errors.isEmpty()) {
      return Uni.createFrom().failure(ProblemException.validation(errors));
    }
    return regions
        .require(request.regionCode())
        .chain(() -> policies.findById(request.policyId()))
        .onItem()
        .ifNull()
        .failWith(
            () ->
                ProblemException.invalidField(
                    "policyId", "POLICY_NOT_FOUND", "未找到编号为 " + request.policyId() + " 的政策"))
        .chain(
            policy -> {
              if (policy.status == PolicyStatus.ARCHIVED) {
                return Uni.createFrom()
                    .failure(ProblemException.conflict("POLICY_ARCHIVED", "政策已废止，不能再作为规则依据"));
              }
              return rules
                  .find(
                      "regionCode = ?1 and itemCode = ?2 and effectiveFrom = ?3",
                      request.regionCode(),
                      request.itemCode(),
                      request.effectiveFrom())
                  .firstResult();
            })
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom()
                    .failure(ProblemException.conflict("RULE_EXISTS", "该地区该事项在同一生效日期已有规则，请勿重复添加"));
              }
              EligibilityRule r = new EligibilityRule();
              r.regionCode = request.regionCode();
              r.itemCode = request.itemCode();
              r.itemName = request.itemName().strip();
              r.scope = request.scope();
              r.conditions =
                  String.join("\n", request.conditions().stream().map(String::strip).toList());
              r.amountFormula = request.amountFormula().strip();
              r.description = request.description().strip();
              r.effectiveFrom = request.effectiveFrom();
              r.policyId = request.policyId();
              return rules.persist(r);
            })
        .call(
            r ->
                policies
                    .findById(r.policyId)
                    .chain(
                        policy ->
                            // a draft policy's rules are not applied yet: its first publish
                            // records the re-evaluation instead
                            policy.currentVersion > 0
                                ? matchJobs.record(r.regionCode, r.effectiveFrom, "RULE:" + r.id)
                                : Uni.createFrom().voidItem()))
        .map(RuleRow::of);
  }
}
