package org.fingertip.identity.proxy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fingertip.identity.Citizen;
import org.fingertip.identity.CitizenRepository;
import org.fingertip.identity.IdNumber;
import org.fingertip.identity.IdentityService;
import org.fingertip.identity.Masks;
import org.fingertip.identity.PiiAccess;
import org.fingertip.identity.staff.StaffScope;
import org.fingertip.notification.Outbox;
import org.fingertip.platform.Roles;
import org.fingertip.platform.crypto.PiiCipher;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.Region;
import org.fingertip.platform.region.RegionLevel;
import org.fingertip.platform.region.RegionService;
import org.fingertip.platform.web.AppClock;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;

/**
 * Family proxies (代办 / 代订). A citizen asks to act for another; the relation becomes active when the
 * subject accepts in their own account, or, for someone without a phone, when a caseworker in scope
 * checks both in person. The subject chooses the scopes and can change them at any time; either
 * side can end it; both are notified of every change.
 */
@ApplicationScoped
public class ProxyService {

  private final CitizenRepository citizens;
  private final PiiCipher cipher;
  private final PiiAccess piiAccess;
  private final RegionService regions;
  private final Outbox outbox;
  private final AppClock clock;

  public ProxyService(
      CitizenRepository citizens,
      PiiCipher cipher,
      PiiAccess piiAccess,
      RegionService regions,
      Outbox outbox,
      AppClock clock) {
    this.citizens = citizens;
    this.cipher = cipher;
    this.piiAccess = piiAccess;
    this.regions = regions;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** A proxy relation as one of its two sides sees it. */
  public record ProxyView(
      UUID id,
      String role,
      UUID otherCitizenId,
      String otherName,
      Relation relation,
      String relationLabel,
      List<String> scopes,
      Proxy.Status status,
      String regionCode,
      Instant requestedAt,
      Instant activatedAt,
      Instant endedAt) {}

  /** The two lists of {@code GET /me/proxies}. */
  public record MyProxies(List<ProxyView> actingFor, List<ProxyView> actingForMe) {}

  /** What the actor sends to ask for a proxy. */
  public record ProxyRequest(
      String realName,
      String idNumber,
      Relation relation,
      Set<ProxyScope> scopes,
      String regionCode) {}

  /** A pending relation as a caseworker sees it to verify in person (subject in full, logged). */
  public record PendingForStaff(
      UUID id,
      Relation relation,
      String actorName,
      String actorIdNumber,
      String subjectName,
      String subjectIdNumber,
      String regionCode,
      Instant requestedAt) {}

  /** An action taken through a proxy, as its subject sees it. */
  public record ActionView(
      Instant actedAt, UUID actorId, String actorName, String action, String reference) {}

  @WithTransaction
  public Uni<ProxyView> request(UUID actorId, ProxyRequest request) {
    String name = IdentityService.validRealName(request.realName());
    IdNumber id = IdentityService.parseIdNumber(request.idNumber(), clock.today());
    if (request.relation() == null) {
      throw ProblemException.invalidField("relation", "REQUIRED", "请选择与对方的关系");
    }
    Set<ProxyScope> scopes =
        request.scopes() == null || request.scopes().isEmpty()
            ? Set.of(ProxyScope.values())
            : request.scopes();
    String hash = cipher.blindIndex(id.value());
    return citizens
        .findById(actorId)
        .chain(
            actor -> {
              if (actor == null || !actor.verified()) {
                return Uni.createFrom()
                    .failure(ProblemException.conflict("IDENTITY_NOT_VERIFIED", "请先完成实名认证，再为家人代办"));
              }
              if (hash.equals(actor.idNumberHash)) {
                return Uni.createFrom()
                    .failure(ProblemException.badRequest("PROXY_SELF", "不能为自己设置代办人"));
              }
              return citizens
                  .findByIdNumberHash(hash)
                  .chain(
                      subject ->
                          subject != null
                              ? forExisting(actor, subject, name, request.relation(), scopes)
                              : forOffline(
                                  actor,
                                  name,
                                  id,
                                  hash,
                                  request.relation(),
                                  scopes,
                                  request.regionCode()));
            });
  }

  private Uni<ProxyView> forExisting(
      Citizen actor, Citizen subject, String name, Relation relation, Set<ProxyScope> scopes) {
    if (subject.realNameEnc == null || !name.equals(cipher.decrypt(subject.realNameEnc))) {
      return Uni.createFrom()
          .failure(
              ProblemException.unprocessable("PROXY_SUBJECT_MISMATCH", "姓名与身份证号不匹配，请核对家人的证件信息"));
    }
    return openPairExists(actor.id, subject.id)
        .chain(
            exists -> {
              if (exists) {
                return Uni.createFrom()
                    .failure(ProblemException.conflict("PROXY_EXISTS", "您与对方已有待确认或生效中的代办关系"));
              }
              Proxy proxy = newProxy(actor.id, subject.id, relation, scopes, null);
              return proxy
                  .persist()
                  .chain(
                      () ->
                          subject.offline
                              ? Uni.createFrom().voidItem()
                              : outbox.record(
                                  subject.id,
                                  "PROXY_REQUESTED",
                                  Map.of(
                                      "actorName",
                                      actor.realNameMasked,
                                      "relation",
                                      relation.label),
                                  "proxy:" + proxy.id + ":requested"))
                  .replaceWith(() -> view(proxy, actor.id, subject));
            });
  }

  private Uni<ProxyView> forOffline(
      Citizen actor,
      String name,
      IdNumber id,
      String hash,
      Relation relation,
      Set<ProxyScope> scopes,
      String regionCode) {
    if (regionCode == null || regionCode.isBlank()) {
      return Uni.createFrom()
          .failure(
              ProblemException.invalidField(
                  "regionCode", "REGION_REQUIRED", "对方尚未注册，请选择其所在乡镇（街道），由工作人员当面核实"));
    }
    return regions
        .require(regionCode)
        .chain(
            region -> {
              if (region.level != RegionLevel.TOWNSHIP && region.level != RegionLevel.VILLAGE) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.invalidField(
                            "regionCode", "REGION_NOT_TOWNSHIP", "请选择乡镇（街道）或村（社区）"));
              }
              Citizen subject = new Citizen();
              subject.id = UUID.randomUUID();
              subject.offline = true;
              subject.realNameEnc = cipher.encrypt(name);
              subject.realNameMasked = Masks.name(name);
              subject.idNumberEnc = cipher.encrypt(id.value());
              subject.idNumberHash = hash;
              subject.idNumberMasked = id.masked();
              subject.birthDate = id.birthDate();
              subject.sex = id.sex();
              subject.createdAt = clock.instant();
              Proxy proxy = newProxy(actor.id, subject.id, relation, scopes, region.code);
              return subject
                  .persist()
                  .chain(() -> Panache.getSession().chain(s -> s.flush()))
                  .chain(proxy::persist)
                  .replaceWith(() -> view(proxy, actor.id, subject));
            });
  }

  private Proxy newProxy(
      UUID actor, UUID subject, Relation relation, Set<ProxyScope> scopes, String region) {
    Proxy proxy = new Proxy();
    proxy.id = UUID.randomUUID();
    proxy.actorId = actor;
    proxy.subjectId = subject;
    proxy.relation = relation.name();
    proxy.scopes = scopes.stream().map(Enum::name).sorted().toArray(String[]::new);
    proxy.status = Proxy.Status.PENDING;
    proxy.regionCode = region;
    proxy.requestedAt = clock.instant();
    return proxy;
  }

  private Uni<Boolean> openPairExists(UUID actor, UUID subject) {
    return Proxy.count(
            "actorId = ?1 and subjectId = ?2 and status in ?3",
            actor,
            subject,
            List.of(Proxy.Status.PENDING, Proxy.Status.ACTIVE))
        .map(n -> n > 0);
  }

  @WithSession
  public Uni<MyProxies> mine(UUID citizenId) {
    return Proxy.<Proxy>list("actorId = ?1 or subjectId = ?1 order by requestedAt desc", citizenId)
        .chain(
            proxies -> {
              Set<UUID> others = new LinkedHashSet<>();
              proxies.forEach(
                  p -> others.add(p.actorId.equals(citizenId) ? p.subjectId : p.actorId));
              return (others.isEmpty()
                      ? Uni.createFrom().item(List.<Citizen>of())
                      : citizens.list("id in ?1", others))
                  .map(
                      people -> {
                        Map<UUID, Citizen> byId = new java.util.HashMap<>();
                        people.forEach(c -> byId.put(c.id, c));
                        List<ProxyView> actingFor = new ArrayList<>();
                        List<ProxyView> actingForMe = new ArrayList<>();
                        for (Proxy p : proxies) {
                          boolean actor = p.actorId.equals(citizenId);
                          Citizen other = byId.get(actor ? p.subjectId : p.actorId);
                          (actor ? actingFor : actingForMe).add(view(p, citizenId, other));
                        }
                        return new MyProxies(actingFor, actingForMe);
                      });
            });
  }

  @WithTransaction
  public Uni<ProxyView> accept(UUID subjectId, UUID proxyId, Set<ProxyScope> scopes) {
    return asSubject(subjectId, proxyId)
        .chain(
            p -> {
              if (p.status != Proxy.Status.PENDING) {
                return Uni.createFrom().failure(illegal("只有待确认的代办请求可以接受"));
              }
              if (scopes != null && !scopes.isEmpty()) {
                p.scopes = scopes.stream().map(Enum::name).sorted().toArray(String[]::new);
              }
              p.status = Proxy.Status.ACTIVE;
              p.activatedAt = clock.instant();
              return notifyBoth(p, "PROXY_ACTIVATED", "activated")
                  .chain(() -> viewFor(p, subjectId));
            });
  }

  @WithTransaction
  public Uni<ProxyView> reject(UUID subjectId, UUID proxyId) {
    return asSubject(subjectId, proxyId)
        .chain(
            p -> {
              if (p.status != Proxy.Status.PENDING) {
                return Uni.createFrom().failure(illegal("只有待确认的代办请求可以拒绝"));
              }
              p.status = Proxy.Status.REJECTED;
              p.endedAt = clock.instant();
              p.endedBy = subjectId;
              return outbox
                  .record(p.actorId, "PROXY_REJECTED", Map.of(), "proxy:" + p.id + ":rejected")
                  .chain(() -> viewFor(p, subjectId));
            });
  }

  /** The subject narrows or widens the scopes; effective for the very next request. */
  @WithTransaction
  public Uni<ProxyView> changeScopes(UUID subjectId, UUID proxyId, Set<ProxyScope> scopes) {
    if (scopes == null || scopes.isEmpty()) {
      throw ProblemException.invalidField("scopes", "REQUIRED", "至少保留一项授权；如需全部取消，请解除代办关系");
    }
    return asSubject(subjectId, proxyId)
        .chain(
            p -> {
              if (p.status != Proxy.Status.ACTIVE) {
                return Uni.createFrom().failure(illegal("只有生效中的代办关系可以调整授权"));
              }
              p.scopes = scopes.stream().map(Enum::name).sorted().toArray(String[]::new);
              return outbox
                  .record(
                      p.actorId,
                      "PROXY_SCOPES_CHANGED",
                      Map.of("scopes", List.of(p.scopes)),
                      "proxy:" + p.id + ":scopes:" + clock.instant().toEpochMilli())
                  .chain(() -> viewFor(p, subjectId));
            });
  }

  /** Either side ends the relation; both are told. */
  @WithTransaction
  public Uni<ProxyView> end(UUID citizenId, UUID proxyId) {
    return Proxy.<Proxy>findById(proxyId)
        .chain(
            p -> {
              if (p == null || (!p.actorId.equals(citizenId) && !p.subjectId.equals(citizenId))) {
                return Uni.createFrom().failure(notFound());
              }
              if (p.status == Proxy.Status.ENDED || p.status == Proxy.Status.REJECTED) {
                return Uni.createFrom().failure(illegal("该代办关系已经结束"));
              }
              p.status = Proxy.Status.ENDED;
              p.endedAt = clock.instant();
              p.endedBy = citizenId;
              return notifyBoth(p, "PROXY_ENDED", "ended").chain(() -> viewFor(p, citizenId));
            });
  }

  /**
   * For features: the actor may act for the subject with this scope. Acting for oneself always
   * passes. Call inside the feature's transaction.
   */
  public Uni<Void> requireScope(UUID actorId, UUID subjectId, ProxyScope scope) {
    if (actorId.equals(subjectId)) {
      return Uni.createFrom().voidItem();
    }
    return Proxy.<Proxy>find(
            "actorId = ?1 and subjectId = ?2 and status = ?3",
            actorId,
            subjectId,
            Proxy.Status.ACTIVE)
        .firstResult()
        .chain(
            p -> {
              if (p == null) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.forbidden("PROXY_NOT_ACTIVE", "您还不是对方的代办人，或代办关系尚未生效"));
              }
              if (!p.grants(scope)) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.forbidden(
                            "PROXY_SCOPE_MISSING", "对方未授权您办理此项业务，请请对方在“家人代办”中调整授权"));
              }
              return Uni.createFrom().voidItem();
            });
  }

  /** A family member's profile (masked), for a proxy holding VIEW_STATUS. */
  @WithSession
  public Uni<org.fingertip.identity.CitizenView> subjectProfile(UUID actorId, UUID subjectId) {
    return requireScope(actorId, subjectId, ProxyScope.VIEW_STATUS)
        .chain(() -> citizens.findById(subjectId))
        .map(org.fingertip.identity.CitizenView::of);
  }

  /** For features: records what an actor did for a subject (the subject sees it). */
  public Uni<Void> recordAction(UUID actorId, UUID subjectId, String action, String reference) {
    if (actorId.equals(subjectId)) {
      return Uni.createFrom().voidItem();
    }
    ProxyAction a = new ProxyAction();
    a.id = UUID.randomUUID();
    a.actorId = actorId;
    a.subjectId = subjectId;
    a.action = action;
    a.reference = reference;
    a.actedAt = clock.instant();
    return a.persist().replaceWithVoid();
  }

  @WithSession
  public Uni<Page<ActionView>> actionsFor(UUID subjectId, PageRequest page) {
    var query = ProxyAction.<ProxyAction>find("subjectId = ?1 order by actedAt desc", subjectId);
    return query
        .page(page.page() - 1, page.size())
        .list()
        .chain(
            actions ->
                query
                    .count()
                    .chain(
                        total -> {
                          Set<UUID> actors = new LinkedHashSet<>();
                          actions.forEach(a -> actors.add(a.actorId));
                          return (actors.isEmpty()
                                  ? Uni.createFrom().item(List.<Citizen>of())
                                  : citizens.list("id in ?1", actors))
                              .map(
                                  people -> {
                                    Map<UUID, String> names = new java.util.HashMap<>();
                                    people.forEach(c -> names.put(c.id, c.realNameMasked));
                                    return Page.of(
                                        actions.stream()
                                            .map(
                                                a ->
                                                    new ActionView(
                                                        a.actedAt,
                                                        a.actorId,
                                                        names.get(a.actorId),
                                                        a.action,
                                                        a.reference))
                                            .toList(),
                                        page,
                                        total);
                                  });
                        }));
  }

  /** Pending requests for subjects without a phone, in the caseworker's regions. */
  @WithTransaction
  public Uni<List<PendingForStaff>> pendingForStaff(StaffScope staff) {
    if (!staff.isAdmin() && !Roles.CASEWORKER.equals(staff.role())) {
      return Uni.createFrom().failure(ProblemException.forbidden("FORBIDDEN", "您没有权限进行此操作"));
    }
    return Proxy.<Proxy>list(
            "status = ?1 and regionCode is not null order by requestedAt", Proxy.Status.PENDING)
        .chain(
            proxies -> {
              Uni<List<PendingForStaff>> acc = Uni.createFrom().item(new ArrayList<>());
              for (Proxy p : proxies) {
                acc =
                    acc.chain(
                        list ->
                            inScope(staff, p.regionCode)
                                .chain(
                                    in -> {
                                      if (!in) {
                                        return Uni.createFrom().item(list);
                                      }
                                      return citizens
                                          .findById(p.subjectId)
                                          .chain(
                                              subject ->
                                                  piiAccess.reveal(
                                                      subject, staff, "核实家人代办关系 " + p.id))
                                          .chain(
                                              revealed ->
                                                  citizens
                                                      .findById(p.actorId)
                                                      .chain(
                                                          actor ->
                                                              piiAccess.reveal(
                                                                  actor, staff, "核实家人代办关系 " + p.id))
                                                      .map(
                                                          actor -> {
                                                            list.add(
                                                                new PendingForStaff(
                                                                    p.id,
                                                                    Relation.valueOf(p.relation),
                                                                    actor.realName(),
                                                                    actor.idNumber(),
                                                                    revealed.realName(),
                                                                    revealed.idNumber(),
                                                                    p.regionCode,
                                                                    p.requestedAt));
                                                            return list;
                                                          }));
                                    }));
              }
              return acc;
            });
  }

  /** A caseworker in scope confirms, in person, a relation for a subject without a phone. */
  @WithTransaction
  public Uni<ProxyView> verifyByStaff(StaffScope staff, UUID proxyId, Set<ProxyScope> scopes) {
    if (!staff.isAdmin() && !Roles.CASEWORKER.equals(staff.role())) {
      return Uni.createFrom().failure(ProblemException.forbidden("FORBIDDEN", "您没有权限进行此操作"));
    }
    return Proxy.<Proxy>findById(proxyId)
        .chain(
            p -> {
              if (p == null || p.regionCode == null) {
                return Uni.createFrom().failure(notFound());
              }
              return inScope(staff, p.regionCode)
                  .chain(
                      in -> {
                        if (!in) {
                          return Uni.createFrom().failure(notFound());
                        }
                        if (p.status != Proxy.Status.PENDING) {
                          return Uni.createFrom().failure(illegal("只有待核实的代办请求可以确认"));
                        }
                        if (scopes != null && !scopes.isEmpty()) {
                          p.scopes =
                              scopes.stream().map(Enum::name).sorted().toArray(String[]::new);
                        }
                        p.status = Proxy.Status.ACTIVE;
                        p.activatedAt = clock.instant();
                        p.verifiedBy = staff.staffId();
                        return citizens
                            .findById(p.subjectId)
                            .invoke(
                                subject -> {
                                  if (subject.verifiedAt == null) {
                                    subject.verifiedAt = clock.instant();
                                  }
                                })
                            .chain(() -> notifyBoth(p, "PROXY_ACTIVATED", "activated"))
                            .chain(() -> viewFor(p, p.actorId));
                      });
            });
  }

  private Uni<Boolean> inScope(StaffScope staff, String regionCode) {
    return regions.require(regionCode).map((Region r) -> staff.coversRegion(r.lineage()));
  }

  private Uni<Proxy> asSubject(UUID subjectId, UUID proxyId) {
    return Proxy.<Proxy>findById(proxyId)
        .onItem()
        .ifNull()
        .failWith(ProxyService::notFound)
        .invoke(
            p -> {
              if (!p.subjectId.equals(subjectId)) {
                // the actor (or anyone else) cannot accept on the subject's behalf
                throw notFound();
              }
            });
  }

  private Uni<Void> notifyBoth(Proxy p, String template, String event) {
    return citizens
        .list("id in ?1", List.of(p.actorId, p.subjectId))
        .chain(
            people -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (Citizen c : people) {
                if (c.offline) {
                  continue;
                }
                chain =
                    chain.chain(
                        () ->
                            outbox.record(
                                c.id,
                                template,
                                Map.of("relation", Relation.valueOf(p.relation).label),
                                "proxy:" + p.id + ":" + event + ":" + c.id));
              }
              return chain;
            });
  }

  private Uni<ProxyView> viewFor(Proxy p, UUID viewer) {
    UUID other = p.actorId.equals(viewer) ? p.subjectId : p.actorId;
    return citizens.findById(other).map(c -> view(p, viewer, c));
  }

  private static ProxyView view(Proxy p, UUID viewer, Citizen other) {
    boolean actor = p.actorId.equals(viewer);
    Relation relation = Relation.valueOf(p.relation);
    return new ProxyView(
        p.id,
        actor ? "ACTOR" : "SUBJECT",
        other == null ? null : other.id,
        other == null ? null : other.realNameMasked,
        relation,
        relation.label,
        Arrays.asList(p.scopes),
        p.status,
        p.regionCode,
        p.requestedAt,
        p.activatedAt,
        p.endedAt);
  }

  private static ProblemException notFound() {
    return ProblemException.notFound("PROXY_NOT_FOUND", "未找到该代办关系");
  }

  private static ProblemException illegal(String detail) {
    return ProblemException.conflict("ILLEGAL_TRANSITION", detail);
  }
}
