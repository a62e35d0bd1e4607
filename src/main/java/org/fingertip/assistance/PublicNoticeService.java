package org.fingertip.assistance;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.assistance.ApplicationSteps.Step;
import org.fingertip.identity.Citizen;
import org.fingertip.identity.CitizenRepository;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.RegionService;
import org.fingertip.platform.web.AppClock;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;

/**
 * Public notice online (公示): the cases of a region under notice, with masked names and the village
 * or community, never ID numbers or addresses; anyone logged in may object, and an open objection
 * holds the case until a caseworker resolves it.
 */
@ApplicationScoped
public class PublicNoticeService {

  private final RegionService regions;
  private final CitizenRepository citizens;
  private final ApplicationSteps steps;
  private final AssistanceJson json;
  private final AppClock clock;

  public PublicNoticeService(
      RegionService regions,
      CitizenRepository citizens,
      ApplicationSteps steps,
      AssistanceJson json,
      AppClock clock) {
    this.regions = regions;
    this.citizens = citizens;
    this.steps = steps;
    this.json = json;
    this.clock = clock;
  }

  /** One case as the public sees it. */
  public record NoticeView(
      UUID id,
      String itemCode,
      String itemName,
      String name,
      String regionCode,
      String villageOrCommunity,
      Integer householdSize,
      Long amountFen,
      Instant noticeEndsAt) {}

  @WithSession
  public Uni<Page<NoticeView>> list(String regionCode, PageRequest page) {
    if (regionCode == null || regionCode.isBlank()) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("region", "REQUIRED", "请选择要查看公示的地区"));
    }
    return regions
        .require(regionCode.trim())
        .chain(
            region -> {
              var query =
                  Application.<Application>find(
                      "status = ?1 and regionPath like ?2 order by noticeEndsAt, id",
                      ApplicationStatus.PUBLIC_NOTICE,
                      region.path + "%");
              return query
                  .page(page.page() - 1, page.size())
                  .list()
                  .chain(apps -> query.count().chain(total -> views(apps, page, total)));
            });
  }

  private Uni<Page<NoticeView>> views(List<Application> apps, PageRequest page, long total) {
    if (apps.isEmpty()) {
      return Uni.createFrom().item(Page.of(List.of(), page, total));
    }
    return citizens
        .list("id in ?1", apps.stream().map(a -> a.subjectId).toList())
        .chain(
            people ->
                AssistanceItem.<AssistanceItem>listAll()
                    .map(
                        items -> {
                          Map<UUID, String> names = new HashMap<>();
                          people.forEach((Citizen c) -> names.put(c.id, c.realNameMasked));
                          Map<String, String> itemNames = new HashMap<>();
                          items.forEach(i -> itemNames.put(i.code, i.name));
                          return Page.of(
                              apps.stream()
                                  .map(
                                      a -> {
                                        Map<String, Object> form = json.answers(a.formAnswers);
                                        Object size = form.get("householdSize");
                                        return new NoticeView(
                                            a.id,
                                            a.itemCode,
                                            itemNames.get(a.itemCode),
                                            names.get(a.subjectId),
                                            a.regionCode,
                                            (String) form.get("villageOrCommunity"),
                                            size instanceof Number n ? n.intValue() : null,
                                            a.amountFen,
                                            a.noticeEndsAt);
                                      })
                                  .toList(),
                              page,
                              total);
                        }));
  }

  /** Files an objection; the case is held and the timeline records it (not who objected). */
  @WithTransaction
  public Uni<Void> object(UUID by, UUID applicationId, String reason) {
    if (reason == null || reason.isBlank()) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("reason", "REQUIRED", "请写明异议理由"));
    }
    return Application.<Application>findById(applicationId)
        .chain(
            app -> {
              if (app == null || app.status != ApplicationStatus.PUBLIC_NOTICE) {
                return Uni.createFrom()
                    .failure(ProblemException.notFound("NOTICE_NOT_FOUND", "未找到该公示，或公示已结束"));
              }
              PublicNoticeObjection o = new PublicNoticeObjection();
              o.id = UUID.randomUUID();
              o.applicationId = app.id;
              o.filedBy = by;
              o.reason = reason.trim();
              o.filedAt = clock.instant();
              app.openObjections++;
              return o.persist()
                  .chain(() -> steps.item(app))
                  .chain(
                      item ->
                          steps.apply(
                              app,
                              item,
                              new Step(
                                  Workflow.Action.OBJECTION_FILED,
                                  "PUBLIC",
                                  null,
                                  "公示期间收到异议，工作人员核实前暂缓审批",
                                  "异议理由：" + o.reason)))
                  .replaceWithVoid();
            });
  }

  /** Marks every open objection of a case resolved (called from a RESOLVE_OBJECTION decision). */
  public Uni<Void> resolveAll(Application app, UUID staffId, String resolution) {
    if (app.openObjections == 0) {
      return Uni.createFrom()
          .failure(ProblemException.conflict("NO_OPEN_OBJECTION", "该公示没有待处理的异议"));
    }
    app.openObjections = 0;
    return PublicNoticeObjection.update(
            "resolvedAt = ?1, resolvedBy = ?2, resolution = ?3 where applicationId = ?4 and"
                + " resolvedAt is null",
            clock.instant(),
            staffId,
            resolution,
            app.id)
        .replaceWithVoid();
  }
}
