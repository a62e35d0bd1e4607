package org.fingertip.platform.region;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;
import org.fingertip.platform.web.Paging;

/** The shared region tree: lookups for every feature, and admin additions below county level. */
@ApplicationScoped
public class RegionService {

  private final RegionRepository repository;

  public RegionService(RegionRepository repository) {
    this.repository = repository;
  }

  /** A region as clients see it, with the names of its ancestors for display. */
  public record RegionView(
      String code,
      String name,
      RegionLevel level,
      String parentCode,
      List<String> lineage,
      String fullName) {}

  public record NewRegion(String code, String name, String parentCode) {}

  @WithSession
  public Uni<Page<RegionView>> children(String parentCode, PageRequest page) {
    var query =
        parentCode == null
            ? repository.find("parentCode is null order by code")
            : repository.find("parentCode = ?1 order by code", parentCode);
    return Paging.page(
        query, page, r -> new RegionView(r.code, r.name, r.level, r.parentCode, r.lineage(), null));
  }

  @WithSession
  public Uni<RegionView> get(String code) {
    return require(code).chain(this::view);
  }

  /** The region or a 404 problem that names the code. */
  @WithSession
  public Uni<Region> require(String code) {
    if (!RegionCode.isWellFormed(code)) {
      return Uni.createFrom()
          .failure(
              ProblemException.invalidField(
                  "region", "REGION_CODE_INVALID", "行政区划代码应为 6、9 或 12 位数字"));
    }
    return repository
        .findById(code)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("REGION_NOT_FOUND", "未找到行政区划 " + code));
  }

  @WithTransaction
  public Uni<RegionView> add(NewRegion request) {
    String code = request.code();
    if (!RegionCode.isWellFormed(code)) {
      return Uni.createFrom()
          .failure(
              ProblemException.invalidField(
                  "code", "REGION_CODE_INVALID", "行政区划代码应为 6、9 或 12 位数字"));
    }
    String parentCode =
        request.parentCode() == null
            ? RegionCode.impliedParent(code).orElse(null)
            : request.parentCode();
    if (parentCode != null && !RegionCode.canBeParentOf(parentCode, code)) {
      return Uni.createFrom()
          .failure(
              ProblemException.invalidField(
                  "parentCode",
                  "REGION_PARENT_MISMATCH",
                  "上级区划 " + parentCode + " 与代码 " + code + " 不一致"));
    }
    Uni<Region> parent =
        parentCode == null
            ? Uni.createFrom().nullItem()
            : repository
                .findById(parentCode)
                .onItem()
                .ifNull()
                .failWith(
                    () ->
                        ProblemException.invalidField(
                            "parentCode",
                            "REGION_PARENT_NOT_FOUND",
                            "上级区划 " + parentCode + " 不存在"));
    return parent.chain(
        p ->
            repository
                .findById(code)
                .chain(
                    existing -> {
                      if (existing != null) {
                        return Uni.createFrom()
                            .failure(
                                ProblemException.conflict(
                                    "REGION_EXISTS", "行政区划 " + code + " 已存在"));
                      }
                      Region region = new Region();
                      region.code = code;
                      region.name = request.name().trim();
                      region.level = RegionCode.levelOf(code);
                      region.parentCode = p == null ? null : p.code;
                      region.path = (p == null ? "/" : p.path) + code + "/";
                      return repository.persist(region).chain(this::view);
                    }));
  }

  private Uni<RegionView> view(Region region) {
    return repository
        .listByCodes(region.lineage())
        .map(
            chain ->
                new RegionView(
                    region.code,
                    region.name,
                    region.level,
                    region.parentCode,
                    region.lineage(),
                    String.join("", chain.stream().map(r -> r.name).toList())));
  }
}
