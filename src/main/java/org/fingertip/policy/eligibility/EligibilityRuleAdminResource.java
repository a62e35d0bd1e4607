package org.fingertip.policy.eligibility;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.platform.Roles;
import org.fingertip.platform.idempotency.Idempotency;

/** Admins read and add eligibility rules (conditions and amount formulas are data). */
@Path("/api/v1/admin/eligibility-rules")
@Tag(name = "Eligibility")
@RolesAllowed(Roles.ADMIN)
public class EligibilityRuleAdminResource {

  private final EligibilityRuleService service;
  private final Idempotency idempotency;
  private final SecurityIdentity identity;

  public EligibilityRuleAdminResource(
      EligibilityRuleService service, Idempotency idempotency, SecurityIdentity identity) {
    this.service = service;
    this.idempotency = idempotency;
    this.identity = identity;
  }

  /**
   * A rule: each condition is {@code fact op operand} (e.g. {@code perCapitaIncomeFen <
   * DIBAO_MONTHLY}, {@code age >= 80}, {@code careDependency = SEMI}); the formula is one of {@code
   * GAP_TIMES_MEMBERS <standard>}, {@code PER_MEMBER <product>}, {@code ONE_OFF_CAP <product>},
   * {@code NONE}.
   */
  public record RuleInput(
      @NotNull @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}", message = "行政区划代码应为 6、9 或 12 位数字")
          String regionCode,
      @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,47}", message = "事项代码应为大写字母、数字和下划线")
          String itemCode,
      @NotBlank @Size(max = 64) String itemName,
      @NotNull RuleEngine.Scope scope,
      @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 200) String> conditions,
      @NotBlank @Size(max = 200) String amountFormula,
      @NotBlank @Size(max = 500) String description,
      @NotNull LocalDate effectiveFrom,
      @NotNull Long policyId) {}

  @GET
  @Operation(summary = "Rules of a region and its ancestors (all rules without region)")
  public Uni<List<EligibilityRuleService.RuleRow>> list(@QueryParam("region") String region) {
    return service.list(region == null || region.isBlank() ? null : region.trim());
  }

  @POST
  @Operation(
      summary =
          "Add a rule for a region from a date on; it overrides ancestors' rules; accepts"
              + " Idempotency-Key")
  public Uni<Response> add(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid RuleInput input) {
    return idempotency.run(
        key,
        identity.getPrincipal().getName(),
        "POST /api/v1/admin/eligibility-rules",
        input,
        201,
        () ->
            service.add(
                new EligibilityRuleService.NewRule(
                    input.regionCode(),
                    input.itemCode(),
                    input.itemName(),
                    input.scope(),
                    input.conditions(),
                    input.amountFormula(),
                    input.description(),
                    input.effectiveFrom(),
                    input.policyId())));
  }
}
