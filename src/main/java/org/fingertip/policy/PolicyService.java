package org.fingertip.policy;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.Region;
import org.fingertip.platform.region.RegionRepository;
import org.fingertip.platform.region.RegionService;
import org.fingertip.platform.web.AppClock;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;
import org.fingertip.policy.PolicyViews.AdminPolicy;
import org.fingertip.policy.PolicyViews.PolicyDetail;
import org.fingertip.policy.PolicyViews.PolicyHit;
import org.fingertip.policy.PolicyViews.PolicyInput;
import org.fingertip.policy.PolicyViews.VersionEntry;
import org.fingertip.policy.household.MatchJobs;
import org.fingertip.policy.search.Highlighter;
import org.fingertip.policy.search.PolicyDocument;
import org.fingertip.policy.search.SearchQuery;
import org.fingertip.policy.search.SynonymService;
import org.fingertip.policy.standard.StandardService;

/**
 * Policies: admins draft, edit, publish (each publish an immutable, searchable version) and
 * archive; citizens read and search the current published versions only.
 */
@ApplicationScoped
public class PolicyService {

  private final PolicyRepository policies;
  private final PolicyVersionRepository versions;
  private final RegionService regions;
  private final RegionRepository regionRepository;
  private final StandardService standards;
  private final SynonymService synonyms;
  private final AppClock clock;
  private final PolicyDataVersion dataVersion;
  private final MatchJobs matchJobs;

  public PolicyService(
      PolicyRepository policies,
      PolicyVersionRepository versions,
      RegionService regions,
      RegionRepository regionRepository,
      StandardService standards,
      SynonymService synonyms,
      AppClock clock,
      PolicyDataVersion dataVersion,
      MatchJobs matchJobs) {
    this.dataVersion = dataVersion;
    this.matchJobs = matchJobs;
    this.policies = policies;
    this.versions = versions;
    this.regions = regions;
    this.regionRepository = regionRepository;
    this.standards = standards;
    this.synonyms = synonyms;
    this.clock = clock;
  }

  /** Search and filter criteria, already parsed. */
  public record Criteria(
      String q, String category, String department, String regionCode, LocalDate date) {}

  // ---- citizens ----

  /**
   * One page of hits as of policy data version {@code version} (the synonym list of that version
   * expands the query), so a page may be cached under that version.
   */
  @WithSession
  public Uni<Page<PolicyHit>> search(Criteria criteria, PageRequest page, long version) {
    Uni<SearchQuery> query =
        criteria.q() == null
            ? Uni.createFrom().nullItem()
            : synonyms.map(version).map(map -> SearchQuery.parse(criteria.q(), map));
    Uni<List<String>> lineage =
        criteria.regionCode() == null
            ? Uni.createFrom().nullItem()
            : regions.require(criteria.regionCode()).map(Region::lineage);
    return query.chain(
        sq ->
            lineage.chain(
                codes -> {
                  var filter =
                      new PolicyVersionRepository.SearchFilter(
                          sq == null ? null : sq.tsquery(),
                          criteria.category(),
                          criteria.department(),
                          codes,
                          criteria.date());
                  return versions
                      .search(filter, page.size(), page.offset())
                      .chain(rows -> hits(rows, sq, page, filter));
                }));
  }

  private Uni<Page<PolicyHit>> hits(
      List<Object[]> rows,
      SearchQuery sq,
      PageRequest page,
      PolicyVersionRepository.SearchFilter f) {
    if (rows.isEmpty()) {
      // past the last page the window count is gone; ask for the first row to learn the total
      return page.offset() == 0
          ? Uni.createFrom().item(Page.of(List.of(), page, 0))
          : versions
              .search(f, 1, 0)
              .map(
                  probe ->
                      Page.of(
                          List.of(),
                          page,
                          probe.isEmpty() ? 0 : ((Number) probe.get(0)[2]).longValue()));
    }
    long total = ((Number) rows.get(0)[2]).longValue();
    Map<Long, Float> scores = new HashMap<>();
    List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
    rows.forEach(r -> scores.put(((Number) r[0]).longValue(), ((Number) r[1]).floatValue()));
    return versions
        .listByIds(ids)
        .chain(
            found -> {
              Map<Long, PolicyVersion> byId = new HashMap<>();
              found.forEach(v -> byId.put(v.id, v));
              Set<String> codes = new LinkedHashSet<>();
              found.forEach(v -> codes.add(v.regionCode));
              return regionRepository
                  .listByCodes(codes)
                  .map(
                      regionList -> {
                        Map<String, String> names = new HashMap<>();
                        regionList.forEach(r -> names.put(r.code, r.name));
                        List<String> terms = sq == null ? List.of() : sq.highlightTerms();
                        List<PolicyHit> items =
                            ids.stream()
                                .map(byId::get)
                                .map(
                                    v ->
                                        new PolicyHit(
                                            v.policyId,
                                            v.version,
                                            v.title,
                                            v.summary,
                                            v.category,
                                            v.issuingBody,
                                            v.documentNumber,
                                            v.regionCode,
                                            names.get(v.regionCode),
                                            v.effectiveFrom,
                                            v.effectiveTo,
                                            PolicyViews.local(v.publishedAt),
                                            scores.get(v.id),
                                            Highlighter.highlight(v.title, terms),
                                            Highlighter.snippet(List.of(v.summary, v.body), terms)))
                                .toList();
                        return Page.of(items, page, total);
                      });
            });
  }

  /** The current published version, or 404 (drafts and archived policies do not exist here). */
  @WithSession
  public Uni<PolicyDetail> published(long id) {
    return versions
        .findCurrent(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("POLICY_NOT_FOUND", "未找到该政策，或该政策尚未发布"))
        .chain(
            v ->
                regionRepository
                    .findById(v.regionCode)
                    .chain(
                        region ->
                            standards
                                .setBy(id)
                                .chain(
                                    set ->
                                        versions
                                            .listByPolicy(id)
                                            .map(
                                                history ->
                                                    new PolicyDetail(
                                                        v.policyId,
                                                        v.version,
                                                        v.title,
                                                        v.summary,
                                                        v.body,
                                                        v.category,
                                                        v.issuingBody,
                                                        v.documentNumber,
                                                        v.regionCode,
                                                        region == null ? null : region.name,
                                                        v.effectiveFrom,
                                                        v.effectiveTo,
                                                        PolicyViews.local(v.publishedAt),
                                                        v.changeNote,
                                                        set,
                                                        history.stream()
                                                            .map(VersionEntry::of)
                                                            .toList())))));
  }

  // ---- admins ----

  @WithTransaction
  public Uni<AdminPolicy> create(PolicyInput input) {
    return validate(input)
        .chain(
            () -> {
              Instant now = clock.instant();
              Policy p = new Policy();
              p.status = PolicyStatus.DRAFT;
              apply(p, input);
              p.currentVersion = 0;
              p.createdAt = now;
              p.updatedAt = now;
              return policies.persist(p);
            })
        .chain(this::admin);
  }

  @WithTransaction
  public Uni<AdminPolicy> update(long id, PolicyInput input) {
    return requireForUpdate(id)
        .call(p -> validate(input))
        .chain(
            p -> {
              if (p.status == PolicyStatus.ARCHIVED) {
                return Uni.createFrom()
                    .failure(ProblemException.conflict("POLICY_ARCHIVED", "政策已废止，不能再修改"));
              }
              apply(p, input);
              p.updatedAt = clock.instant();
              return dataVersion.bump().replaceWith(p);
            })
        .chain(this::admin);
  }

  /** Publishes the working copy as the next version; the previous version stays in the history. */
  @WithTransaction
  public Uni<AdminPolicy> publish(long id, String changeNote, String actor) {
    return requireForUpdate(id)
        .chain(
            p -> {
              if (p.status == PolicyStatus.ARCHIVED) {
                return Uni.createFrom()
                    .failure(ProblemException.conflict("POLICY_ARCHIVED", "政策已废止，不能再发布"));
              }
              Instant now = clock.instant();
              boolean first = p.currentVersion == 0;
              p.status = PolicyStatus.PUBLISHED;
              p.currentVersion = p.currentVersion + 1;
              p.updatedAt = now;
              PolicyVersion v = new PolicyVersion();
              v.policyId = p.id;
              v.version = p.currentVersion;
              v.copyContentFrom(p);
              v.changeNote = changeNote == null || changeNote.isBlank() ? null : changeNote.strip();
              v.publishedAt = now;
              v.publishedBy = actor;
              v.current = true;
              return versions
                  .clearCurrent(p.id)
                  .chain(() -> versions.persist(v))
                  .call(saved -> versions.indexVersion(saved.id, searchVector(saved)))
                  // the first publish makes the policy's standards and rules public
                  .call(() -> first ? matchJobs.recordForPolicy(p.id) : Uni.createFrom().voidItem())
                  .call(dataVersion::bump)
                  .replaceWith(p);
            })
        .chain(this::admin);
  }

  /** Withdraws a policy from citizens; its versions remain as history. */
  @WithTransaction
  public Uni<AdminPolicy> archive(long id) {
    return requireForUpdate(id)
        .chain(
            p -> {
              if (p.status == PolicyStatus.ARCHIVED) {
                return Uni.createFrom()
                    .failure(ProblemException.conflict("POLICY_ARCHIVED", "政策已废止"));
              }
              p.status = PolicyStatus.ARCHIVED;
              p.updatedAt = clock.instant();
              return versions.clearCurrent(p.id).call(dataVersion::bump).replaceWith(p);
            })
        .chain(this::admin);
  }

  @WithSession
  public Uni<AdminPolicy> adminGet(long id) {
    return require(id).chain(this::admin);
  }

  @WithSession
  public Uni<Page<AdminPolicy>> adminList(PolicyStatus status, PageRequest page) {
    var query =
        status == null
            ? policies.find("order by updatedAt desc, id desc")
            : policies.find("status = ?1 order by updatedAt desc, id desc", status);
    return query
        .page(page.page() - 1, page.size())
        .list()
        .chain(
            list ->
                query
                    .count()
                    .map(
                        total ->
                            Page.of(
                                list.stream().map(p -> view(p, List.of())).toList(), page, total)));
  }

  static String searchVector(PolicyVersion v) {
    return PolicyDocument.tsvector(
        v.title, v.summary, v.documentNumber, v.issuingBody, v.category, v.body);
  }

  /**
   * The policy, row-locked until the transaction ends: concurrent edits and publishes of one policy
   * run one after the other instead of racing for the same version number.
   */
  private Uni<Policy> requireForUpdate(long id) {
    return policies
        .findById(id, LockModeType.PESSIMISTIC_WRITE)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("POLICY_NOT_FOUND", "未找到编号为 " + id + " 的政策"));
  }

  private Uni<Policy> require(long id) {
    return policies
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("POLICY_NOT_FOUND", "未找到编号为 " + id + " 的政策"));
  }

  private Uni<Void> validate(PolicyInput input) {
    if (input.effectiveTo() != null && input.effectiveTo().isBefore(input.effectiveFrom())) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("effectiveTo", "DATE_RANGE", "失效日期不能早于生效日期"));
    }
    return regions
        .require(input.regionCode())
        .onFailure(ProblemException.class)
        .transform(
            e ->
                ((ProblemException) e).status() == 404
                    ? ProblemException.invalidField(
                        "regionCode", "REGION_NOT_FOUND", "未找到行政区划 " + input.regionCode())
                    : e)
        .replaceWithVoid();
  }

  private static void apply(Policy p, PolicyInput input) {
    p.title = input.title().strip();
    p.summary = input.summary().strip();
    p.body = input.body();
    p.category = input.category().strip();
    p.issuingBody = input.issuingBody().strip();
    p.documentNumber =
        input.documentNumber() == null || input.documentNumber().isBlank()
            ? null
            : input.documentNumber().strip();
    p.regionCode = input.regionCode();
    p.effectiveFrom = input.effectiveFrom();
    p.effectiveTo = input.effectiveTo();
  }

  private Uni<AdminPolicy> admin(Policy p) {
    return versions
        .listByPolicy(p.id)
        .map(list -> view(p, list.stream().map(VersionEntry::of).toList()));
  }

  private static AdminPolicy view(Policy p, List<VersionEntry> history) {
    return new AdminPolicy(
        p.id,
        p.status,
        p.title,
        p.summary,
        p.body,
        p.category,
        p.issuingBody,
        p.documentNumber,
        p.regionCode,
        p.effectiveFrom,
        p.effectiveTo,
        p.currentVersion,
        PolicyViews.local(p.createdAt),
        PolicyViews.local(p.updatedAt),
        history);
  }
}
