package org.fingertip.assistance;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.RegionService;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;

/**
 * The one-window catalog (一窗通办). The catalog is small reference data (tens to a few hundred items),
 * so it is filtered and ranked in memory rather than by a text index.
 */
@ApplicationScoped
public class CatalogService {

  private final RegionService regions;
  private final AssistanceJson json;

  public CatalogService(RegionService regions, AssistanceJson json) {
    this.regions = regions;
    this.json = json;
  }

  /** An item in a list. */
  public record ItemSummary(
      String code,
      String name,
      String department,
      String departmentName,
      String category,
      int timeLimitDays,
      boolean publicNotice,
      boolean emergencyAllowed,
      List<String> regions) {}

  /** An item in full: what to bring, what to fill in, how long it takes. */
  public record ItemView(
      String code,
      String name,
      String department,
      String departmentName,
      String category,
      String description,
      String policyBasis,
      int timeLimitDays,
      boolean publicNotice,
      boolean emergencyAllowed,
      Long emergencyCapFen,
      String creditCommitment,
      List<Material> materials,
      FormSchema formSchema,
      List<String> regions) {}

  @WithSession
  public Uni<Page<ItemSummary>> search(
      String q, String department, String regionCode, PageRequest page) {
    Uni<List<String>> lineage =
        regionCode == null || regionCode.isBlank()
            ? Uni.createFrom().nullItem()
            : regions.require(regionCode.trim()).map(r -> r.lineage());
    String query = q == null ? null : q.trim().toLowerCase(Locale.ROOT);
    return lineage.chain(
        within ->
            AssistanceItem.<AssistanceItem>list("active = true", Sort.by("code"))
                .map(
                    items -> {
                      List<AssistanceItem> matching =
                          items.stream()
                              .filter(i -> department == null || i.department.equals(department))
                              .filter(i -> within == null || i.offeredIn(within))
                              .filter(i -> rank(i, query) > 0)
                              .sorted(
                                  Comparator.comparingInt((AssistanceItem i) -> -rank(i, query))
                                      .thenComparing(i -> i.code))
                              .toList();
                      List<ItemSummary> slice =
                          matching.stream()
                              .skip(page.offset())
                              .limit(page.size())
                              .map(CatalogService::summary)
                              .toList();
                      return Page.of(slice, page, matching.size());
                    }));
  }

  @WithSession
  public Uni<ItemView> get(String code) {
    return require(code).map(this::view);
  }

  /** An active item or 404. */
  @WithSession
  public Uni<AssistanceItem> require(String code) {
    return AssistanceItem.<AssistanceItem>findById(code == null ? "" : code)
        .map(i -> i != null && i.active ? i : null)
        .onItem()
        .ifNull()
        .failWith(
            () -> ProblemException.notFound("ITEM_NOT_FOUND", "未找到救助事项 " + code + "，请从事项目录中选择"));
  }

  /** Higher is better; 0 means no match. Abbreviations (低保) match through the keywords. */
  private static int rank(AssistanceItem i, String q) {
    if (q == null || q.isEmpty()) {
      return 1;
    }
    // the item's own abbreviation, listed first (低保 → 最低生活保障), beats a partial name match
    if (i.keywords.toLowerCase(Locale.ROOT).split("\\s+")[0].equals(q)) {
      return 5;
    }
    if (i.name.toLowerCase(Locale.ROOT).contains(q)) {
      return 4;
    }
    if (i.keywords.toLowerCase(Locale.ROOT).contains(q)
        || i.code.toLowerCase(Locale.ROOT).equals(q)) {
      return 3;
    }
    if (i.description.contains(q)) {
      return 2;
    }
    return 0;
  }

  static ItemSummary summary(AssistanceItem i) {
    return new ItemSummary(
        i.code,
        i.name,
        i.department,
        i.departmentName,
        i.category,
        i.timeLimitDays,
        i.publicNotice,
        i.emergencyAllowed,
        List.of(i.regions));
  }

  ItemView view(AssistanceItem i) {
    return new ItemView(
        i.code,
        i.name,
        i.department,
        i.departmentName,
        i.category,
        i.description,
        i.policyBasis,
        i.timeLimitDays,
        i.publicNotice,
        i.emergencyAllowed,
        i.emergencyCapFen,
        i.emergencyAllowed ? ApplicationViews.CREDIT_COMMITMENT : null,
        json.materials(i),
        json.schema(i),
        List.of(i.regions));
  }
}
