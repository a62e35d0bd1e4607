package org.fingertip.policy.standard;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.Region;
import org.fingertip.platform.region.RegionRepository;
import org.fingertip.platform.region.RegionService;
import org.fingertip.policy.PolicyDataVersion;
import org.fingertip.policy.PolicyRef;
import org.fingertip.policy.PolicyRepository;
import org.fingertip.policy.PolicyStatus;
import org.fingertip.policy.PolicyVersion;
import org.fingertip.policy.PolicyVersionRepository;
import org.fingertip.policy.household.MatchJobs;

/** Standards in force by region and date, inherited down the region tree, and their history. */
@ApplicationScoped
public class StandardService {

  private final StandardRepository repository;
  private final RegionService regions;
  private final RegionRepository regionRepository;
  private final PolicyVersionRepository versions;
  private final PolicyRepository policies;
  private final MatchJobs matchJobs;
  private final PolicyDataVersion dataVersion;

  public StandardService(
      StandardRepository repository,
      RegionService regions,
      RegionRepository regionRepository,
      PolicyVersionRepository versions,
      PolicyRepository policies,
      MatchJobs matchJobs,
      PolicyDataVersion dataVersion) {
    this.matchJobs = matchJobs;
    this.dataVersion = dataVersion;
    this.repository = repository;
    this.regions = regions;
    this.regionRepository = regionRepository;
    this.versions = versions;
    this.policies = policies;
  }

  /** One value of a standard and the period it was in force ({@code effectiveTo} inclusive). */
  public record StandardValue(
      long id,
      Long amountFen,
      BigDecimal factor,
      LocalDate effectiveFrom,
      LocalDate effectiveTo,
      PolicyRef sourcePolicy) {}

  /** A standard as in force on a date, with where it was set and how it changed there. */
  public record StandardView(
      StandardType type,
      String label,
      StandardType.Unit unit,
      Long amountFen,
      BigDecimal factor,
      LocalDate effectiveFrom,
      LocalDate effectiveTo,
      String setByRegionCode,
      String setByRegionName,
      boolean inherited,
      PolicyRef sourcePolicy,
      List<StandardValue> history) {}

  public record StandardsView(
      String regionCode, String regionName, LocalDate date, List<StandardView> standards) {}

  public record NewStandard(
      String regionCode,
      StandardType type,
      Long amountFen,
      BigDecimal factor,
      LocalDate effectiveFrom,
      long policyId,
      String note) {}

  /** A stored standard row, as admins see it after adding one. */
  public record StandardRow(
      long id,
      String regionCode,
      StandardType type,
      Long amountFen,
      BigDecimal factor,
      LocalDate effectiveFrom,
      long policyId,
      String note) {

    static StandardRow of(Standard s) {
      return new StandardRow(
          s.id, s.regionCode, s.type, s.amountFen, s.factor, s.effectiveFrom, s.policyId, s.note);
    }
  }

  @WithSession
  public Uni<StandardsView> inForce(String regionCode, StandardType type, LocalDate date) {
    return regions
        .require(regionCode)
        .chain(
            region ->
                resolveAll(region, date)
                    .chain(
                        resolved ->
                            regionRepository
                                .listByCodes(region.lineage())
                                .map(
                                    chain ->
                                        new StandardsView(
                                            region.code,
                                            String.join(
                                                "", chain.stream().map(r -> r.name).toList()),
                                            date,
                                            resolved.values().stream()
                                                .filter(v -> type == null || v.type() == type)
                                                .toList()))));
  }

  /** Every standard type in force for a region on a date, nearest region first. */
  @WithSession
  public Uni<Map<StandardType, StandardView>> resolveAll(Region region, LocalDate date) {
    List<String> lineage = region.lineage();
    return repository
        .listPublic(lineage)
        .chain(
            rows -> {
              Set<Long> policyIds = new HashSet<>();
              rows.forEach(r -> policyIds.add(r.policyId));
              return versions
                  .latestByPolicy(policyIds)
                  .chain(
                      refs ->
                          regionRepository
                              .listByCodes(lineage)
                              .map(chain -> build(region, lineage, rows, refs, chain, date)));
            });
  }

  private static Map<StandardType, StandardView> build(
      Region region,
      List<String> lineage,
      List<Standard> rows,
      Map<Long, PolicyVersion> refs,
      List<Region> chain,
      LocalDate date) {
    Map<String, String> names = new HashMap<>();
    chain.forEach(r -> names.put(r.code, r.name));
    Map<StandardType, List<Standard>> byType = new EnumMap<>(StandardType.class);
    rows.forEach(r -> byType.computeIfAbsent(r.type, t -> new ArrayList<>()).add(r));
    Map<StandardType, StandardView> out = new EnumMap<>(StandardType.class);
    byType.forEach(
        (type, list) ->
            Regional.resolve(lineage, list, date, s -> s.regionCode, s -> s.effectiveFrom)
                .ifPresent(
                    res -> {
                      List<StandardValue> history = new ArrayList<>();
                      List<Standard> own =
                          res.history().stream()
                              .sorted(Comparator.comparing(s -> s.effectiveFrom))
                              .toList();
                      for (int i = 0; i < own.size(); i++) {
                        Standard s = own.get(i);
                        LocalDate to =
                            i + 1 < own.size() ? own.get(i + 1).effectiveFrom.minusDays(1) : null;
                        history.add(
                            new StandardValue(
                                s.id,
                                s.amountFen,
                                s.factor,
                                s.effectiveFrom,
                                to,
                                ref(refs.get(s.policyId))));
                      }
                      Standard in = res.inForce();
                      StandardValue current =
                          history.stream().filter(h -> h.id() == in.id).findFirst().orElseThrow();
                      out.put(
                          type,
                          new StandardView(
                              type,
                              type.label(),
                              type.unit(),
                              in.amountFen,
                              in.factor,
                              in.effectiveFrom,
                              current.effectiveTo(),
                              res.regionCode(),
                              names.get(res.regionCode()),
                              !res.regionCode().equals(region.code),
                              current.sourcePolicy(),
                              history));
                    }));
    return out;
  }

  private static PolicyRef ref(PolicyVersion v) {
    return v == null ? null : PolicyRef.of(v);
  }

  /** The standards a policy sets, for its detail page. */
  @WithSession
  public Uni<List<StandardRow>> setBy(long policyId) {
    return repository.listByPolicy(policyId).map(l -> l.stream().map(StandardRow::of).toList());
  }

  @WithTransaction
  public Uni<StandardRow> add(NewStandard request) {
    if (request.type().isFactor() == (request.factor() == null)
        || (request.amountFen() == null) == (request.factor() == null)) {
      return Uni.createFrom()
          .failure(
              ProblemException.invalidField(
                  request.type().isFactor() ? "factor" : "amountFen",
                  "STANDARD_VALUE_KIND",
                  request.type().isFactor()
                      ? "该类标准是倍数，请只填写 factor"
                      : "该类标准是金额，请只填写 amountFen（单位：分）"));
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
                    .failure(ProblemException.conflict("POLICY_ARCHIVED", "政策已废止，不能再为其设定标准"));
              }
              return repository.findExact(
                  request.regionCode(), request.type(), request.effectiveFrom());
            })
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.conflict("STANDARD_EXISTS", "该地区该类标准在同一生效日期已有设定，请勿重复添加"));
              }
              Standard s = new Standard();
              s.regionCode = request.regionCode();
              s.type = request.type();
              s.amountFen = request.amountFen();
              s.factor = request.factor();
              s.effectiveFrom = request.effectiveFrom();
              s.policyId = request.policyId();
              s.note = request.note();
              return repository.persist(s);
            })
        .call(
            s ->
                policies
                    .findById(s.policyId)
                    .chain(
                        policy ->
                            // a draft policy's figures are not public yet: its first publish
                            // records the re-evaluation instead
                            policy.currentVersion > 0
                                ? matchJobs.record(
                                    s.regionCode,
                                    s.effectiveFrom,
                                    "STANDARD:" + s.type.name() + ":" + s.id)
                                : Uni.createFrom().voidItem()))
        .call(dataVersion::bump)
        .map(StandardRow::of);
  }
}
