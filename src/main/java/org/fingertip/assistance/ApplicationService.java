package org.fingertip.assistance;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fingertip.assistance.ApplicationSteps.Step;
import org.fingertip.assistance.ApplicationViews.ApplicationSummary;
import org.fingertip.assistance.ApplicationViews.ApplicationView;
import org.fingertip.document.Document;
import org.fingertip.document.DocumentLinks;
import org.fingertip.identity.Citizen;
import org.fingertip.identity.CitizenRepository;
import org.fingertip.identity.proxy.ProxyScope;
import org.fingertip.identity.proxy.ProxyService;
import org.fingertip.platform.crypto.PiiCipher;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.Region;
import org.fingertip.platform.region.RegionLevel;
import org.fingertip.platform.region.RegionService;
import org.fingertip.platform.web.AppClock;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;

/**
 * Applications from the citizen's side: create (for oneself or, through a proxy holding {@code
 * APPLY_ASSISTANCE}, for a family member), read with the timeline, submit, withdraw, resubmit after
 * a supplement request. Any township of any region that offers the item may be chosen: 户籍 is never
 * a condition.
 */
@ApplicationScoped
public class ApplicationService {

  private final CatalogService catalog;
  private final RegionService regions;
  private final CitizenRepository citizens;
  private final ProxyService proxies;
  private final ApplicationSteps steps;
  private final DocumentLinks links;
  private final AssistanceJson json;
  private final PiiCipher cipher;
  private final AppClock clock;

  public ApplicationService(
      CatalogService catalog,
      RegionService regions,
      CitizenRepository citizens,
      ProxyService proxies,
      ApplicationSteps steps,
      DocumentLinks links,
      AssistanceJson json,
      PiiCipher cipher,
      AppClock clock) {
    this.catalog = catalog;
    this.regions = regions;
    this.citizens = citizens;
    this.proxies = proxies;
    this.steps = steps;
    this.links = links;
    this.json = json;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** What a citizen sends to apply. {@code household} null means: take my household profile. */
  public record NewApplication(
      String itemCode,
      String regionCode,
      UUID forCitizenId,
      Boolean submit,
      Map<String, Object> form,
      List<Household.Member> household,
      List<UUID> documentIds,
      Boolean emergency,
      Boolean creditCommitmentSigned) {}

  /** Changes to a draft; null parts stay as they are. */
  public record DraftChanges(
      String regionCode, Map<String, Object> form, List<Household.Member> household) {}

  @WithTransaction
  public Uni<ApplicationView> create(UUID actorId, NewApplication request) {
    List<Problem.FieldError> missing = new ArrayList<>();
    if (request.itemCode() == null || request.itemCode().isBlank()) {
      missing.add(new Problem.FieldError("itemCode", "REQUIRED", "请选择救助事项"));
    }
    if (request.regionCode() == null || request.regionCode().isBlank()) {
      missing.add(new Problem.FieldError("regionCode", "REQUIRED", "请选择办理的乡镇（街道）"));
    }
    if (!missing.isEmpty()) {
      return Uni.createFrom().failure(ProblemException.validation(missing));
    }
    UUID subjectId = request.forCitizenId() == null ? actorId : request.forCitizenId();
    boolean submit = Boolean.TRUE.equals(request.submit());
    boolean emergency = Boolean.TRUE.equals(request.emergency());
    if (emergency && !Boolean.TRUE.equals(request.creditCommitmentSigned())) {
      return Uni.createFrom()
          .failure(
              ProblemException.invalidField(
                  "creditCommitmentSigned", "REQUIRED", "急难救助须先阅读并签署信用承诺书"));
    }
    return proxies
        .requireScope(actorId, subjectId, ProxyScope.APPLY_ASSISTANCE)
        .chain(() -> catalog.require(request.itemCode().trim()))
        .invoke(
            item -> {
              if (emergency && !item.emergencyAllowed) {
                throw ProblemException.unprocessable(
                    "EMERGENCY_NOT_ALLOWED", "“" + item.name + "”不适用急难先行救助，请按一般程序申请");
              }
            })
        .chain(
            item ->
                township(request.regionCode().trim(), item)
                    .chain(region -> subject(actorId, subjectId).map(s -> region))
                    .chain(
                        region -> {
                          List<Problem.FieldError> errors = new ArrayList<>();
                          Map<String, Object> answers =
                              json.schema(item).validate(request.form(), submit, errors);
                          List<Household.Member> declared = null;
                          try {
                            declared =
                                request.household() == null
                                    ? null
                                    : Household.validate(request.household(), clock.today());
                          } catch (ProblemException e) {
                            errors.addAll(e.errors());
                          }
                          if (!errors.isEmpty()) {
                            return Uni.createFrom().failure(ProblemException.validation(errors));
                          }
                          List<Household.Member> members = declared;
                          return refuseSecondOpen(subjectId, item)
                              .chain(() -> householdFor(subjectId, members))
                              .chain(
                                  household ->
                                      persistNew(
                                          actorId, subjectId, item, region, answers, household,
                                          emergency))
                              .chain(
                                  app ->
                                      (members == null
                                              ? Uni.createFrom().voidItem()
                                              : saveProfile(subjectId, members))
                                          .chain(
                                              () ->
                                                  attachAll(
                                                      app, item, subjectId, request.documentIds()))
                                          .chain(
                                              () ->
                                                  submit
                                                      ? submitStep(app, item, actorId)
                                                      : Uni.createFrom().item(app))
                                          .chain(
                                              a ->
                                                  proxies
                                                      .recordAction(
                                                          actorId,
                                                          subjectId,
                                                          "APPLY_ASSISTANCE",
                                                          "application:" + a.id)
                                                      .replaceWith(a)))
                              .chain(
                                  app ->
                                      Panache.getSession()
                                          .chain(s -> s.flush())
                                          .onFailure(ApplicationService::isUniqueViolation)
                                          .transform(e -> alreadyOpen(null))
                                          .chain(() -> steps.view(app, item, false)));
                        }));
  }

  private Uni<Region> township(String code, AssistanceItem item) {
    return regions
        .require(code)
        .onFailure(ProblemException.class)
        .transform(
            e ->
                ((ProblemException) e).status() == 404
                    ? ProblemException.invalidField("regionCode", "REGION_NOT_FOUND", "未找到该乡镇（街道）")
                    : e)
        .map(
            region -> {
              if (region.level != RegionLevel.TOWNSHIP && region.level != RegionLevel.VILLAGE) {
                throw ProblemException.invalidField(
                    "regionCode", "REGION_NOT_TOWNSHIP", "请选择办理的乡镇（街道）或村（社区）");
              }
              if (!item.offeredIn(region.lineage())) {
                throw ProblemException.unprocessable(
                        "ITEM_NOT_OFFERED_IN_REGION", "所选地区暂未开办“" + item.name + "”，请选择开办该事项的地区")
                    .with("offeringRegions", List.of(item.regions));
              }
              return region;
            });
  }

  private Uni<Citizen> subject(UUID actorId, UUID subjectId) {
    return citizens
        .findById(subjectId)
        .map(
            s -> {
              if (s == null || !s.verified()) {
                throw ProblemException.conflict(
                    "IDENTITY_NOT_VERIFIED",
                    actorId.equals(subjectId) ? "请先完成实名认证，再申请救助" : "家人尚未完成实名认证，请先由工作人员核实身份");
              }
              return s;
            });
  }

  private Uni<Void> refuseSecondOpen(UUID subjectId, AssistanceItem item) {
    return Application.<Application>find(
            "subjectId = ?1 and itemCode = ?2 and status in ?3",
            subjectId,
            item.code,
            ApplicationStatus.OPEN)
        .firstResult()
        .map(
            open -> {
              if (open != null) {
                throw alreadyOpen(open.id);
              }
              return null;
            })
        .replaceWithVoid();
  }

  private static ProblemException alreadyOpen(UUID existing) {
    ProblemException e =
        ProblemException.conflict("APPLICATION_ALREADY_OPEN", "该事项已有一件正在办理的申请，请在原申请中继续办理");
    return existing == null ? e : e.with("applicationId", existing.toString());
  }

  /** The household declared now, or the profile kept from last time. */
  private Uni<List<Household.Member>> householdFor(
      UUID subjectId, List<Household.Member> declared) {
    if (declared != null) {
      return Uni.createFrom().item(declared);
    }
    return HouseholdProfile.<HouseholdProfile>findById(subjectId)
        .map(p -> p == null ? List.of() : json.members(cipher.decrypt(p.membersEnc)));
  }

  private Uni<Void> saveProfile(UUID citizenId, List<Household.Member> members) {
    return HouseholdProfile.<HouseholdProfile>findById(citizenId)
        .chain(
            existing -> {
              HouseholdProfile p = existing == null ? new HouseholdProfile() : existing;
              p.citizenId = citizenId;
              p.membersEnc = cipher.encrypt(json.write(members));
              p.membersMasked = json.write(Household.identityOnly(members));
              p.updatedAt = clock.instant();
              return existing == null ? p.persist().replaceWithVoid() : Uni.createFrom().voidItem();
            });
  }

  private Uni<Application> persistNew(
      UUID actorId,
      UUID subjectId,
      AssistanceItem item,
      Region region,
      Map<String, Object> answers,
      List<Household.Member> household,
      boolean emergency) {
    Application app = new Application();
    if (emergency) {
      app.emergency = true;
      app.commitmentText = ApplicationViews.CREDIT_COMMITMENT;
      app.commitmentSignedAt = clock.instant();
    }
    app.id = UUID.randomUUID();
    app.itemCode = item.code;
    app.department = item.department;
    app.subjectId = subjectId;
    app.applicantId = actorId;
    app.regionCode = region.code;
    app.regionPath = region.path;
    app.status = ApplicationStatus.DRAFT;
    app.formAnswers = json.write(answers);
    setHousehold(app, household);
    app.missingMaterials = "[]";
    app.createdAt = clock.instant();
    app.updatedAt = app.createdAt;
    return app.persist()
        .chain(() -> steps.created(app, role(actorId, subjectId), actorId))
        // flush now: document links are native inserts, and a concurrent duplicate fails here
        .chain(() -> Panache.getSession().chain(s -> s.flush()))
        .onFailure(ApplicationService::isUniqueViolation)
        .transform(e -> alreadyOpen(null))
        .replaceWith(app);
  }

  /**
   * 先临时后长效: a draft of a long-term item for the same subject, pre-filled from the source case
   * (township, household, the answers the target form shares). Null when one is already open.
   */
  public Uni<Application> referDraft(Application source, AssistanceItem target, UUID staffId) {
    if (!target.offeredIn(source.regionLineage())) {
      return Uni.createFrom()
          .failure(
              ProblemException.unprocessable(
                  "ITEM_NOT_OFFERED_IN_REGION", "所在地区暂未开办“" + target.name + "”，不能转介"));
    }
    return Application.<Application>find(
            "subjectId = ?1 and itemCode = ?2 and status in ?3",
            source.subjectId,
            target.code,
            ApplicationStatus.OPEN)
        .firstResult()
        .chain(
            open -> {
              if (open != null) {
                return Uni.createFrom().nullItem();
              }
              List<Problem.FieldError> ignored = new ArrayList<>();
              Map<String, Object> shared = new HashMap<>(json.answers(source.formAnswers));
              var targetSchema = json.schema(target);
              shared
                  .keySet()
                  .removeIf(k -> targetSchema.fields().stream().noneMatch(f -> f.name().equals(k)));
              Map<String, Object> answers = targetSchema.validate(shared, false, ignored);
              Application app = new Application();
              app.id = UUID.randomUUID();
              app.itemCode = target.code;
              app.department = target.department;
              app.subjectId = source.subjectId;
              app.applicantId = source.subjectId;
              app.regionCode = source.regionCode;
              app.regionPath = source.regionPath;
              app.status = ApplicationStatus.DRAFT;
              app.formAnswers = json.write(answers);
              app.householdEnc = source.householdEnc;
              app.householdMasked = source.householdMasked;
              app.missingMaterials = "[]";
              app.referredFrom = source.id;
              app.createdAt = clock.instant();
              app.updatedAt = app.createdAt;
              return app.persist()
                  .chain(() -> steps.created(app, "CASEWORKER", staffId))
                  .replaceWith(app);
            });
  }

  private void setHousehold(Application app, List<Household.Member> household) {
    app.householdEnc = household.isEmpty() ? null : cipher.encrypt(json.write(household));
    app.householdMasked = json.write(Household.identityOnly(household));
  }

  private Uni<Void> attachAll(
      Application app, AssistanceItem item, UUID ownerId, List<UUID> documentIds) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    if (documentIds == null) {
      return chain;
    }
    for (UUID id : new java.util.LinkedHashSet<>(documentIds)) {
      chain = chain.chain(() -> attachExisting(app, item, ownerId, id));
    }
    return chain;
  }

  /** Attaches a document of the owner's wallet; its type must be one the item asks for. */
  public Uni<Void> attachExisting(
      Application app, AssistanceItem item, UUID ownerId, UUID documentId) {
    return Document.<Document>findById(documentId)
        .chain(
            d -> {
              if (d == null || !d.ownerId.equals(ownerId)) {
                return Uni.createFrom()
                    .failure(ProblemException.notFound("DOCUMENT_NOT_FOUND", "未找到该材料"));
              }
              Material m = material(item, d.type);
              if (m == null || !m.accepts(d.contentType)) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.unprocessable(
                            "DOCUMENT_TYPE_NOT_ACCEPTED", "“" + item.name + "”不需要这类材料或不接受该文件格式"));
              }
              return links.attach(app.id, d.id, clock.instant());
            });
  }

  public Material material(AssistanceItem item, String type) {
    return json.materials(item).stream()
        .filter(m -> m.type().equals(type))
        .findFirst()
        .orElse(null);
  }

  @WithSession
  public Uni<Page<ApplicationSummary>> mine(UUID me, PageRequest page) {
    var query =
        Application.<Application>find(
            "subjectId = ?1 or applicantId = ?1 order by createdAt desc, id", me);
    return query
        .page(page.page() - 1, page.size())
        .list()
        .chain(
            apps ->
                query
                    .count()
                    .chain(
                        total ->
                            AssistanceItem.<AssistanceItem>listAll()
                                .map(
                                    items -> {
                                      Map<String, AssistanceItem> byCode = new HashMap<>();
                                      items.forEach(i -> byCode.put(i.code, i));
                                      return Page.of(
                                          apps.stream()
                                              .map(
                                                  a ->
                                                      steps.summary(
                                                          a, byCode.get(a.itemCode), null))
                                              .toList(),
                                          page,
                                          total);
                                    })));
  }

  @WithSession
  public Uni<ApplicationView> get(UUID me, UUID id) {
    return visible(me, id).chain(app -> item(app).chain(item -> steps.view(app, item, false)));
  }

  @WithTransaction
  public Uni<ApplicationView> update(UUID me, UUID id, DraftChanges changes) {
    return actingOn(me, id)
        .chain(
            app ->
                item(app)
                    .chain(
                        item -> {
                          if (app.status != ApplicationStatus.DRAFT) {
                            return Uni.createFrom()
                                .failure(
                                    ProblemException.conflict(
                                        "APPLICATION_FROZEN", "申请已提交，不能再修改；如需补充材料，请等待工作人员通知"));
                          }
                          List<Problem.FieldError> errors = new ArrayList<>();
                          Map<String, Object> answers =
                              changes.form() == null
                                  ? null
                                  : json.schema(item).validate(changes.form(), false, errors);
                          List<Household.Member> members = null;
                          try {
                            members =
                                changes.household() == null
                                    ? null
                                    : Household.validate(changes.household(), clock.today());
                          } catch (ProblemException e) {
                            errors.addAll(e.errors());
                          }
                          if (!errors.isEmpty()) {
                            return Uni.createFrom().failure(ProblemException.validation(errors));
                          }
                          List<Household.Member> declared = members;
                          Uni<Void> region =
                              changes.regionCode() == null
                                  ? Uni.createFrom().voidItem()
                                  : township(changes.regionCode().trim(), item)
                                      .invoke(
                                          r -> {
                                            app.regionCode = r.code;
                                            app.regionPath = r.path;
                                          })
                                      .replaceWithVoid();
                          return region
                              .invoke(
                                  () -> {
                                    if (answers != null) {
                                      app.formAnswers = json.write(answers);
                                    }
                                    if (declared != null) {
                                      setHousehold(app, declared);
                                    }
                                    app.updatedAt = clock.instant();
                                  })
                              .chain(
                                  () ->
                                      declared == null
                                          ? Uni.createFrom().voidItem()
                                          : saveProfile(app.subjectId, declared))
                              .chain(() -> steps.view(app, item, false));
                        }));
  }

  @WithTransaction
  public Uni<ApplicationView> submit(UUID me, UUID id) {
    return actingOn(me, id)
        .chain(app -> item(app).chain(item -> submitStep(app, item, me)))
        .chain(app -> item(app).chain(item -> steps.view(app, item, false)));
  }

  /** Draft → submitted: the form must be complete and every mandatory material attached. */
  private Uni<Application> submitStep(Application app, AssistanceItem item, UUID actorId) {
    Workflow.next(app.status, Workflow.Action.SUBMIT, item.publicNotice);
    List<Problem.FieldError> errors = new ArrayList<>();
    json.schema(item).validate(json.answers(app.formAnswers), true, errors);
    if (!errors.isEmpty()) {
      return Uni.createFrom().failure(ProblemException.validation(errors));
    }
    return links
        .documentsOf(app.id)
        .chain(
            documents -> {
              Set<String> present = new HashSet<>();
              documents.forEach(d -> present.add(d.type));
              List<Problem.FieldError> absent = new ArrayList<>();
              for (Material m : json.materials(item)) {
                if (m.mandatory() && !present.contains(m.type())) {
                  absent.add(
                      new Problem.FieldError(
                          "documents." + m.type(), "REQUIRED", "请上传" + m.name()));
                }
              }
              if (!absent.isEmpty()) {
                return Uni.createFrom()
                    .failure(
                        new ProblemException(
                            422,
                            "MATERIALS_MISSING",
                            "还缺少必需的材料，请上传后再提交",
                            absent,
                            Map.of(),
                            Map.of()));
              }
              return steps.apply(
                  app,
                  item,
                  new Step(
                      Workflow.Action.SUBMIT,
                      role(actorId, app.subjectId),
                      actorId,
                      "申请已提交，等待受理",
                      null));
            })
        .chain(
            a ->
                proxies
                    .recordAction(actorId, a.subjectId, "SUBMIT_APPLICATION", "application:" + a.id)
                    .replaceWith(a));
  }

  @WithTransaction
  public Uni<ApplicationView> withdraw(UUID me, UUID id, String reason) {
    return actingOn(me, id)
        .chain(
            app ->
                item(app)
                    .chain(
                        item ->
                            steps
                                .apply(
                                    app,
                                    item,
                                    new Step(
                                        Workflow.Action.WITHDRAW,
                                        role(me, app.subjectId),
                                        me,
                                        reason,
                                        null))
                                .chain(a -> steps.view(a, item, false))));
  }

  @WithTransaction
  public Uni<ApplicationView> resubmit(UUID me, UUID id, String comment) {
    return actingOn(me, id)
        .chain(
            app ->
                item(app)
                    .chain(
                        item ->
                            steps
                                .apply(
                                    app,
                                    item,
                                    new Step(
                                        Workflow.Action.RESUBMIT,
                                        role(me, app.subjectId),
                                        me,
                                        comment == null || comment.isBlank()
                                            ? "已补正材料，重新提交"
                                            : comment,
                                        null))
                                .chain(a -> steps.view(a, item, false))));
  }

  /** The household profile kept from the last application, masked, for pre-filling. */
  @WithSession
  public Uni<List<Household.MaskedMember>> householdProfile(UUID me, UUID forCitizenId) {
    UUID subject = forCitizenId == null ? me : forCitizenId;
    return proxies
        .requireScope(me, subject, ProxyScope.APPLY_ASSISTANCE)
        .chain(() -> HouseholdProfile.<HouseholdProfile>findById(subject))
        .map(
            p ->
                p == null
                    ? List.<Household.MaskedMember>of()
                    : Household.masked(json.members(cipher.decrypt(p.membersEnc))));
  }

  /** An application the caller may see (subject or applicant); anything else is 404. */
  public Uni<Application> visible(UUID me, UUID id) {
    return Application.<Application>findById(id)
        .map(
            app -> {
              if (app == null || (!app.subjectId.equals(me) && !app.applicantId.equals(me))) {
                throw notFound();
              }
              return app;
            });
  }

  /**
   * An application the caller may act on: the subject, or a proxy whose scope still holds (checked
   * now, not when the application was filed).
   */
  public Uni<Application> actingOn(UUID me, UUID id) {
    return visible(me, id)
        .chain(
            app ->
                proxies
                    .requireScope(me, app.subjectId, ProxyScope.APPLY_ASSISTANCE)
                    .replaceWith(app));
  }

  public Uni<AssistanceItem> item(Application app) {
    return AssistanceItem.<AssistanceItem>findById(app.itemCode);
  }

  static String role(UUID actorId, UUID subjectId) {
    return actorId.equals(subjectId) ? "CITIZEN" : "PROXY";
  }

  static ProblemException notFound() {
    return ProblemException.notFound("APPLICATION_NOT_FOUND", "未找到该申请");
  }

  static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("23505")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
