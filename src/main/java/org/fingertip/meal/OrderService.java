package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fingertip.identity.Citizen;
import org.fingertip.identity.CitizenRepository;
import org.fingertip.identity.proxy.Proxy;
import org.fingertip.identity.proxy.ProxyScope;
import org.fingertip.identity.proxy.ProxyService;
import org.fingertip.identity.staff.StaffScope;
import org.fingertip.notification.Outbox;
import org.fingertip.platform.Roles;
import org.fingertip.platform.calendar.CalendarService;
import org.fingertip.platform.idempotency.Idempotency;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.Region;
import org.fingertip.platform.region.RegionService;
import org.fingertip.platform.web.AppClock;
import org.fingertip.platform.web.Page;
import org.fingertip.platform.web.PageRequest;
import org.hibernate.FlushMode;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Orders for elders, by themselves or a family proxy: every check with its own code, places and
 * limited dishes taken by conditional statements in the order's transaction (never oversold), the
 * subsidy claimed once per meal type and day, a donation share for priority elders; cancellation
 * before the cutoff gives all of it back; redemption at the counter; missed meals after closing.
 */
@ApplicationScoped
public class OrderService {

  private final MealRepository counters;
  private final CitizenRepository citizens;
  private final ProxyService proxies;
  private final CalendarService calendars;
  private final RegionService regions;
  private final Outbox outbox;
  private final QrTokens qr;
  private final MealConfig config;
  private final AppClock clock;

  public OrderService(
      MealRepository counters,
      CitizenRepository citizens,
      ProxyService proxies,
      CalendarService calendars,
      RegionService regions,
      Outbox outbox,
      QrTokens qr,
      MealConfig config,
      AppClock clock) {
    this.counters = counters;
    this.citizens = citizens;
    this.proxies = proxies;
    this.calendars = calendars;
    this.regions = regions;
    this.outbox = outbox;
    this.qr = qr;
    this.config = config;
    this.clock = clock;
  }

  /** One dish and how many. */
  public record Line(UUID dishId, Integer quantity) {}

  /** What the elder (or proxy) orders. */
  public record PlaceOrder(
      UUID canteenId,
      LocalDate date,
      MealType mealType,
      List<Line> items,
      Fulfilment fulfilment,
      UUID forCitizenId) {}

  /** An order line as shown. */
  public record ItemView(
      UUID dishId, String name, long unitPriceFen, int quantity, long lineTotalFen) {}

  /** Price breakdown of an order. */
  public record PriceView(
      long dishTotalFen,
      long subsidyFen,
      long donationFen,
      long payableFen,
      boolean subsidised,
      String note) {}

  /** An order as the elder or their family sees it. */
  public record OrderView(
      UUID id,
      String code,
      String qrToken,
      UUID citizenId,
      UUID placedBy,
      UUID canteenId,
      String canteenName,
      LocalDate mealDate,
      MealType mealType,
      Fulfilment fulfilment,
      MealOrder.Status status,
      ElderCategory category,
      List<ItemView> items,
      PriceView price,
      OffsetDateTime cutoffAt,
      Instant createdAt,
      Instant cancelledAt,
      Instant servedAt,
      UUID reorderedFrom) {}

  /** What the counter sees after a redemption: no identity beyond the masked name. */
  public record RedemptionView(
      UUID orderId,
      String code,
      String elderName,
      ElderCategory category,
      LocalDate mealDate,
      MealType mealType,
      List<ItemView> items,
      long payableFen,
      Instant servedAt) {}

  // ------------------------------------------------------------------ placing

  /**
   * Places an order. The checks run cheapest first: the request, then the meal with its canteen and
   * the day's place counter (one statement), so a sold-out meal is refused with {@code
   * MEAL_CAPACITY_FULL} before the elder, menu or subsidy look-ups. That read only decides to
   * refuse early; places and limited dishes are still taken by the conditional statements in {@link
   * #take}, the only guard against overselling.
   */
  @WithTransaction
  public Uni<OrderView> place(
      UUID actorId, PlaceOrder order, UUID reorderedFrom, Idempotency.Answer<OrderView> answer) {
    validate(order);
    UUID subjectId = order.forCitizenId() == null ? actorId : order.forCitizenId();
    Map<UUID, Integer> wanted = new LinkedHashMap<>();
    order.items().forEach(l -> wanted.merge(l.dishId(), l.quantity(), Integer::sum));
    Ctx ctx = new Ctx();
    return Panache.getSession()
        .invoke(OrderService::writeOnlyWhatIsNew)
        .chain(() -> proxies.requireScope(actorId, subjectId, ProxyScope.ORDER_MEALS))
        .chain(() -> orderContext(order, subjectId))
        .chain(
            found -> {
              if (found == null) {
                return refusalWithoutContext(order, subjectId);
              }
              ctx.elder = found.elder();
              ctx.profile = found.profile();
              ctx.canteen = found.canteen();
              ctx.service = found.service();
              checkElder(ctx, order.date());
              Instant now = clock.instant();
              Instant cutoff = ctx.service.cutoff(order.date());
              if (!now.isBefore(cutoff)) {
                return Uni.createFrom().failure(cutoffPassed(cutoff));
              }
              if (order.date().isAfter(clock.today().plusDays(config.maxDaysAhead()))) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.unprocessable(
                            "ORDER_TOO_EARLY", "最多可以预订 " + config.maxDaysAhead() + " 天内的餐"));
              }
              if (found.places() != null && found.places().taken >= found.places().capacity) {
                return Uni.createFrom().failure(mealFull(ctx.canteen, order.mealType()));
              }
              return calendars.calendar();
            })
        .chain(
            calendar -> {
              if (!ctx.canteen.opensOn(order.date(), calendar)) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.conflict(
                                "CANTEEN_CLOSED", ctx.canteen.name + "在 " + order.date() + " 不营业")
                            .with("date", order.date().toString()));
              }
              checkDelivery(order.fulfilment(), ctx);
              return menuWithNames(ctx.canteen.id, order.date(), order.mealType());
            })
        .chain(
            rows -> {
              Map<UUID, MenuItem> byDish = new HashMap<>();
              for (Object[] r : rows) {
                MenuItem m = (MenuItem) r[0];
                if (wanted.containsKey(m.dishId)) {
                  byDish.put(m.dishId, m);
                  ctx.dishNames.put(m.dishId, (String) r[1]);
                }
              }
              for (UUID dishId : wanted.keySet()) {
                if (!byDish.containsKey(dishId)) {
                  return Uni.createFrom()
                      .failure(
                          ProblemException.unprocessable(
                                  "DISH_NOT_ON_MENU", "所选菜品不在当天该餐次的菜单上，请刷新菜单后重新选择")
                              .with("dishId", dishId.toString()));
                }
              }
              ctx.menu = byDish;
              return lineage(ctx.canteen.regionCode);
            })
        .chain(
            lineage -> {
              ctx.lineage = lineage;
              return subsidyRules(lineage);
            })
        .chain(rules -> take(order, wanted, ctx, rules, actorId, subjectId, reorderedFrom, answer));
  }

  /**
   * Placing an order reads the elder, canteen, menu and rules but changes none of them (its
   * counters are guarded SQL statements): what it loads is read-only, so Hibernate keeps no
   * snapshots of it and never dirty-checks it. Its new rows are flushed where {@link #take} says
   * (before the hot rows) and at commit, not before every statement.
   */
  private static void writeOnlyWhatIsNew(Mutiny.Session session) {
    session.setDefaultReadOnly(true);
    session.setFlushMode(FlushMode.COMMIT);
  }

  private static ProblemException mealFull(Canteen canteen, MealType type) {
    return ProblemException.conflict(
        "MEAL_CAPACITY_FULL", canteen.name + type.label + "已订满，请选择其他日期或助餐点");
  }

  /** Identity and age on the meal date; {@code ctx.elder} and {@code ctx.profile} are set. */
  private static void checkElder(Ctx ctx, LocalDate date) {
    if (ctx.elder == null || !ctx.elder.verified() || ctx.elder.birthDate == null) {
      throw ProblemException.conflict("IDENTITY_NOT_VERIFIED", "请先完成实名认证，助餐按身份证上的出生日期确认老人身份");
    }
    Set<ElderFlag> flags = ctx.profile == null ? Set.of() : ctx.profile.flagSet();
    ctx.categories = Eligibility.categories(ctx.elder.birthDate, date, flags);
    if (ctx.categories.isEmpty()) {
      throw ProblemException.unprocessable(
              "NOT_AN_ELDER", "老年助餐服务面向用餐当日年满 " + Eligibility.ELDER_AGE + " 周岁的老人")
          .with("ageOnMealDate", Eligibility.ageOn(ctx.elder.birthDate, date));
    }
  }

  private record OrderContext(
      Citizen elder,
      ElderProfile profile,
      MealService service,
      Canteen canteen,
      MealCapacity places) {}

  /**
   * In one statement: the elder with their profile, the meal with its canteen, and the day's place
   * counter (absent before the first order). Null when the elder, the canteen or the meal does not
   * exist; {@link #refusalWithoutContext} then finds out which.
   */
  private static Uni<OrderContext> orderContext(PlaceOrder order, UUID subjectId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createQuery(
                        "select e, ep, s, c, p from MealService s"
                            + " join Canteen c on c.id = s.canteenId"
                            + " join Citizen e on e.id = :e"
                            + " left join ElderProfile ep on ep.citizenId = e.id"
                            + " left join MealCapacity p on p.canteenId = s.canteenId"
                            + " and p.mealType = s.mealType and p.mealDate = :d"
                            + " where s.canteenId = :c and s.mealType = :t",
                        Object[].class)
                    .setParameter("e", subjectId)
                    .setParameter("c", order.canteenId())
                    .setParameter("t", order.mealType())
                    .setParameter("d", order.date())
                    .getResultList())
        .map(
            rows -> {
              if (rows.isEmpty()) {
                return null;
              }
              Object[] r = rows.get(0);
              return new OrderContext(
                  (Citizen) r[0],
                  (ElderProfile) r[1],
                  (MealService) r[2],
                  (Canteen) r[3],
                  (MealCapacity) r[4]);
            });
  }

  /** The refusal when {@link #orderContext} found nothing, in the order of the checks. */
  private <T> Uni<T> refusalWithoutContext(PlaceOrder order, UUID subjectId) {
    Ctx ctx = new Ctx();
    return citizens
        .findById(subjectId)
        .chain(
            elder -> {
              ctx.elder = elder;
              return elder == null
                  ? Uni.createFrom().<ElderProfile>nullItem()
                  : ElderProfile.<ElderProfile>findById(subjectId);
            })
        .chain(
            profile -> {
              ctx.profile = profile;
              checkElder(ctx, order.date());
              return Canteen.<Canteen>findById(order.canteenId());
            })
        .map(
            canteen -> {
              if (canteen == null) {
                throw CanteenService.canteenNotFound();
              }
              throw ProblemException.unprocessable(
                  "MEAL_NOT_SERVED", "该助餐点不提供" + order.mealType().label);
            });
  }

  /**
   * The meal's whole menu with the dish names: one statement, without an IN list (Hibernate does
   * not cache the plan of a query with a multi-valued parameter and translates it again every
   * time).
   */
  private static Uni<List<Object[]>> menuWithNames(UUID canteenId, LocalDate date, MealType type) {
    return Panache.getSession()
        .chain(
            s ->
                s.createQuery(
                        "select m, d.name from MenuItem m join Dish d on d.id = m.dishId"
                            + " where m.canteenId = :c and m.mealDate = :d and m.mealType = :t",
                        Object[].class)
                    .setParameter("c", canteenId)
                    .setParameter("d", date)
                    .setParameter("t", type)
                    .getResultList());
  }

  /** Subsidy rules of the canteen's region and its ancestors, without an IN list (see above). */
  private static Uni<List<SubsidyRule>> subsidyRules(List<String> lineage) {
    if (lineage.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    StringBuilder where = new StringBuilder();
    for (int i = 1; i <= lineage.size(); i++) {
      where.append(i == 1 ? "" : " or ").append("regionCode = ?").append(i);
    }
    return SubsidyRule.<SubsidyRule>list(where.toString(), lineage.toArray());
  }

  private static final Duration LINEAGE_TTL = Duration.ofMinutes(5);

  private record CachedLineage(List<String> codes, long loadedAtNanos) {}

  private final ConcurrentHashMap<String, CachedLineage> lineages = new ConcurrentHashMap<>();

  /**
   * Codes from the province down to the canteen's region. A region's ancestry does not change once
   * it exists, so it is kept for a few minutes per code instead of read on every order.
   */
  private Uni<List<String>> lineage(String regionCode) {
    CachedLineage cached = lineages.get(regionCode);
    if (cached != null && System.nanoTime() - cached.loadedAtNanos() < LINEAGE_TTL.toNanos()) {
      return Uni.createFrom().item(cached.codes());
    }
    return regions
        .require(regionCode)
        .map(
            (Region region) -> {
              List<String> codes = region.lineage();
              if (lineages.size() > 10_000) {
                lineages.clear();
              }
              lineages.put(regionCode, new CachedLineage(codes, System.nanoTime()));
              return codes;
            });
  }

  /** Per-request working state of {@link #place}. */
  private static final class Ctx {
    Citizen elder;
    ElderProfile profile;
    List<ElderCategory> categories;
    Canteen canteen;
    MealService service;
    Map<UUID, MenuItem> menu;
    final Map<UUID, String> dishNames = new HashMap<>();
    List<String> lineage;
  }

  /**
   * The winner path. Everything that does not touch a row shared by all orders of the meal runs
   * first: the subsidy claim (the elder's own row), the donation share read without a lock, the
   * order, its lines, the allocation, the proxy record and the outbox rows (flushed explicitly).
   * Only then the guarded counter statements, in a fixed order (the meal's places, the dishes by
   * menu item id, the pledge) so concurrent orders cannot deadlock: their row locks are held for
   * those few statements and the commit, not across the whole order. A "no" from any of them fails
   * the transaction, which rolls back everything written before it.
   */
  private Uni<OrderView> take(
      PlaceOrder order,
      Map<UUID, Integer> wanted,
      Ctx ctx,
      List<SubsidyRule> rules,
      UUID actorId,
      UUID subjectId,
      UUID reorderedFrom,
      Idempotency.Answer<OrderView> answer) {
    UUID orderId = UUID.randomUUID();
    long dishTotal = 0;
    for (var e : wanted.entrySet()) {
      dishTotal += ctx.menu.get(e.getKey()).priceFen * e.getValue();
    }
    long total = dishTotal;
    long ruleFen =
        SubsidyRules.perMealFen(
            rules.stream().map(SubsidyRule::rule).toList(),
            ctx.lineage,
            ctx.categories,
            order.date());
    ElderCategory primary = Eligibility.primary(ctx.categories);
    var group = Eligibility.donationGroup(ctx.categories);
    int reserve = group.map(Eligibility::donationReserveQuarters).orElse(0);
    return counters
        .claimSubsidy(subjectId, order.date(), order.mealType(), orderId)
        .chain(
            subsidised -> {
              PriceBreakdown price = PriceBreakdown.of(total, ruleFen, subsidised);
              if (!subsidised || group.isEmpty() || price.payableFen() == 0) {
                return Uni.createFrom().item(new Priced(price, price, subsidised, null));
              }
              return counters
                  .donationCandidate(ctx.canteen.id, ctx.lineage, price.payableFen(), reserve)
                  .map(
                      a ->
                          a.isPresent()
                              ? new Priced(
                                  price, price.withDonation(a.get().amountFen()), true, a.get())
                              : new Priced(price, price, true, null));
            })
        .chain(
            priced -> {
              MealOrder o = new MealOrder();
              o.id = orderId;
              o.code = QrTokens.newCode();
              o.citizenId = subjectId;
              o.placedBy = actorId;
              o.canteenId = ctx.canteen.id;
              o.mealDate = order.date();
              o.mealType = order.mealType();
              o.fulfilment = order.fulfilment();
              o.status = MealOrder.Status.CONFIRMED;
              o.category = primary;
              o.subsidised = priced.subsidised();
              setPrice(o, priced.price());
              o.reorderedFrom = reorderedFrom;
              o.createdAt = clock.instant();
              List<MealOrderItem> lines = new ArrayList<>();
              for (var e : wanted.entrySet()) {
                MenuItem m = ctx.menu.get(e.getKey());
                MealOrderItem item = new MealOrderItem();
                item.orderId = orderId;
                item.menuItemId = m.id;
                item.dishId = m.dishId;
                item.name = ctx.dishNames.get(m.dishId);
                item.unitPriceFen = m.priceFen;
                item.quantity = e.getValue();
                lines.add(item);
              }
              Uni<Void> persist = o.persist().chain(() -> MealOrderItem.persist(lines));
              DonationAllocation a;
              if (priced.allocation() != null) {
                a = new DonationAllocation();
                a.id = UUID.randomUUID();
                a.donationId = priced.allocation().donationId();
                a.orderId = orderId;
                a.amountFen = priced.allocation().amountFen();
                a.canteenId = ctx.canteen.id;
                a.mealDate = order.date();
                a.mealType = order.mealType();
                a.elderCategory = group.orElse(primary);
                a.createdAt = clock.instant();
                persist = persist.chain(() -> a.persist()).replaceWithVoid();
              } else {
                a = null;
              }
              OrderView placed = view(o, lines, ctx.canteen, ctx.service);
              return persist
                  .chain(
                      () ->
                          proxies.recordAction(
                              actorId, subjectId, "MEAL_ORDERED", o.code + " " + o.mealDate))
                  .chain(() -> notifyConfirmed(o, ctx.elder, ctx.canteen))
                  // every INSERT above reaches the database now, then the idempotent answer, all
                  // before the first hot row
                  .chain(() -> Panache.getSession().chain(s -> s.flush()))
                  .chain(() -> answer.now(placed))
                  .chain(() -> takeHotRows(order, wanted, ctx, a, reserve))
                  .chain(
                      donationTaken ->
                          donationTaken
                              ? Uni.createFrom().item(placed)
                              : reallocateDonation(o, a, priced, ctx, reserve)
                                  .replaceWith(() -> view(o, lines, ctx.canteen, ctx.service)));
            });
  }

  /**
   * The rows every order of the meal shares, in one statement ({@link MealRepository#takeAll}): a
   * place, the dishes, the donation share read before. A missing place or dish fails the order (and
   * so undoes the rest); the result tells whether the donation share was still there.
   */
  private Uni<Boolean> takeHotRows(
      PlaceOrder order, Map<UUID, Integer> wanted, Ctx ctx, DonationAllocation a, int reserve) {
    List<MenuItem> items = new ArrayList<>();
    wanted.keySet().forEach(dishId -> items.add(ctx.menu.get(dishId)));
    items.sort(Comparator.comparing((MenuItem m) -> m.id));
    List<MealRepository.Portion> portions =
        items.stream().map(m -> new MealRepository.Portion(m.id, wanted.get(m.dishId))).toList();
    return counters
        .takeAll(
            ctx.canteen.id,
            order.date(),
            order.mealType(),
            ctx.service.capacity,
            portions,
            a == null ? null : new MealRepository.Allocation(a.donationId, a.amountFen),
            reserve)
        .map(
            taken -> {
              if (!taken.place()) {
                throw mealFull(ctx.canteen, order.mealType());
              }
              for (MenuItem m : items) {
                if (!taken.dishes().contains(m.id)) {
                  throw ProblemException.conflict(
                          "DISH_SOLD_OUT", "“" + ctx.dishNames.get(m.dishId) + "”今日已售罄，请换一道菜")
                      .with("dishId", m.dishId.toString());
                }
              }
              return taken.donation();
            });
  }

  /**
   * Concurrent orders drew the pledge down between the unlocked read and {@link #takeHotRows}
   * (rare: near the end of a pool): the share is allocated again under the pledge's lock, and the
   * order, its allocation and its notifications are corrected to it.
   */
  private Uni<Void> reallocateDonation(
      MealOrder o, DonationAllocation a, Priced priced, Ctx ctx, int reserve) {
    return counters
        .allocateDonation(ctx.canteen.id, ctx.lineage, priced.base().payableFen(), reserve)
        .chain(
            again -> {
              PriceBreakdown price =
                  again.isPresent()
                      ? priced.base().withDonation(again.get().amountFen())
                      : priced.base();
              setPrice(o, price);
              Uni<Void> fix;
              if (again.isPresent()) {
                a.donationId = again.get().donationId();
                a.amountFen = again.get().amountFen();
                fix = Uni.createFrom().voidItem();
              } else {
                fix = a.delete();
              }
              return fix.chain(() -> counters.repriceConfirmation(o.id, o.payableFen))
                  .chain(() -> Panache.getSession().chain(s -> s.flush()));
            });
  }

  private static void setPrice(MealOrder o, PriceBreakdown price) {
    o.dishTotalFen = price.dishTotalFen();
    o.subsidyFen = price.subsidyFen();
    o.donationFen = price.donationFen();
    o.payableFen = price.payableFen();
    o.priceNote = price.note();
  }

  /**
   * The price without a donation ({@code base}), the price with the donation share read before the
   * counters ({@code price}), and that share.
   */
  private record Priced(
      PriceBreakdown base,
      PriceBreakdown price,
      boolean subsidised,
      MealRepository.Allocation allocation) {}

  private void checkDelivery(Fulfilment fulfilment, Ctx ctx) {
    if (fulfilment != Fulfilment.DELIVERY) {
      return;
    }
    Canteen c = ctx.canteen;
    if (!c.deliveryOffered) {
      throw ProblemException.unprocessable("DELIVERY_NOT_AVAILABLE", c.name + "不提供送餐上门，请选择到店取餐")
          .with("reason", "NOT_OFFERED");
    }
    ElderProfile p = ctx.profile;
    if (p == null || !p.flagSet().contains(ElderFlag.NEEDS_DELIVERY)) {
      throw ProblemException.unprocessable(
              "DELIVERY_NOT_AVAILABLE", "送餐上门面向经社区评估行动不便的老人，请联系社区工作人员登记")
          .with("reason", "NOT_ASSESSED");
    }
    if (p.latitude == null || p.longitude == null) {
      throw ProblemException.unprocessable(
              "DELIVERY_NOT_AVAILABLE", "尚未登记老人的居住地址，暂不能送餐上门，请联系社区工作人员")
          .with("reason", "NO_ADDRESS");
    }
    long distance =
        Math.round(Geo.distanceMetres(c.location(), new Geo.Point(p.latitude, p.longitude)));
    if (distance > c.deliveryRadiusMetres) {
      throw ProblemException.unprocessable(
              "DELIVERY_NOT_AVAILABLE",
              "老人住址距" + c.name + "约 " + distance + " 米，超出 " + c.deliveryRadiusMetres + " 米的送餐范围")
          .with("reason", "OUT_OF_RANGE")
          .with("distanceMetres", distance);
    }
  }

  private static void validate(PlaceOrder o) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (o.canteenId() == null) {
      errors.add(new Problem.FieldError("canteenId", "REQUIRED", "请选择助餐点"));
    }
    if (o.date() == null) {
      errors.add(new Problem.FieldError("date", "REQUIRED", "请选择用餐日期"));
    }
    if (o.mealType() == null) {
      errors.add(new Problem.FieldError("mealType", "REQUIRED", "请选择餐次"));
    }
    if (o.fulfilment() == null) {
      errors.add(new Problem.FieldError("fulfilment", "REQUIRED", "请选择到店取餐或送餐上门"));
    }
    if (o.items() == null || o.items().isEmpty()) {
      errors.add(new Problem.FieldError("items", "REQUIRED", "请至少选择一道菜"));
    } else if (o.items().size() > 10) {
      errors.add(new Problem.FieldError("items", "TOO_MANY", "一单最多 10 道菜"));
    } else {
      for (int i = 0; i < o.items().size(); i++) {
        Line l = o.items().get(i);
        if (l == null || l.dishId() == null) {
          errors.add(new Problem.FieldError("items[" + i + "].dishId", "REQUIRED", "请选择菜品"));
        } else if (l.quantity() == null || l.quantity() < 1 || l.quantity() > 5) {
          errors.add(new Problem.FieldError("items[" + i + "].quantity", "RANGE", "每道菜 1 到 5 份"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
  }

  private Uni<Void> notifyConfirmed(MealOrder o, Citizen elder, Canteen canteen) {
    Map<String, Object> params =
        Map.of(
            "canteen", canteen.name,
            "date", o.mealDate.toString(),
            "meal", o.mealType.label,
            "code", o.code,
            "payableFen", o.payableFen);
    Uni<Void> chain =
        elder.offline
            ? Uni.createFrom().voidItem()
            : outbox.record(
                o.citizenId, "MEAL_ORDER_CONFIRMED", params, "meal:" + o.id + ":confirmed");
    if (!o.placedBy.equals(o.citizenId)) {
      chain =
          chain.chain(
              () ->
                  outbox.record(
                      o.placedBy,
                      "MEAL_ORDER_CONFIRMED_FAMILY",
                      params,
                      "meal:" + o.id + ":confirmed:family"));
    }
    return chain;
  }

  // ------------------------------------------------------------------ reading

  /** Orders for me, placed by me, or for the elders I hold ORDER_MEALS for. */
  @WithSession
  public Uni<Page<OrderView>> list(UUID me, PageRequest page) {
    return familyOf(me)
        .chain(
            family -> {
              List<UUID> subjects = new ArrayList<>(family);
              subjects.add(me);
              var query =
                  MealOrder.<MealOrder>find(
                      "citizenId in ?1 or placedBy = ?2 order by mealDate desc, createdAt desc",
                      subjects,
                      me);
              return query
                  .page(page.page() - 1, page.size())
                  .list()
                  .chain(orders -> query.count().chain(total -> views(orders, page, total)));
            });
  }

  private Uni<Page<OrderView>> views(List<MealOrder> orders, PageRequest page, long total) {
    if (orders.isEmpty()) {
      return Uni.createFrom().item(Page.of(List.of(), page, total));
    }
    List<UUID> ids = orders.stream().map(o -> o.id).toList();
    Set<UUID> canteenIds = new java.util.HashSet<>();
    orders.forEach(o -> canteenIds.add(o.canteenId));
    return MealOrderItem.<MealOrderItem>list("orderId in ?1", ids)
        .chain(
            items ->
                Canteen.<Canteen>list("id in ?1", canteenIds)
                    .chain(
                        canteens ->
                            MealService.<MealService>list("canteenId in ?1", canteenIds)
                                .map(
                                    services -> {
                                      Map<UUID, Canteen> cs = new HashMap<>();
                                      canteens.forEach(c -> cs.put(c.id, c));
                                      Map<UUID, List<MealOrderItem>> byOrder = new HashMap<>();
                                      items.forEach(
                                          i ->
                                              byOrder
                                                  .computeIfAbsent(
                                                      i.orderId, k -> new ArrayList<>())
                                                  .add(i));
                                      return Page.of(
                                          orders.stream()
                                              .map(
                                                  o ->
                                                      view(
                                                          o,
                                                          byOrder.getOrDefault(o.id, List.of()),
                                                          cs.get(o.canteenId),
                                                          service(services, o)))
                                              .toList(),
                                          page,
                                          total);
                                    })));
  }

  private static MealService service(List<MealService> services, MealOrder o) {
    return services.stream()
        .filter(s -> s.canteenId.equals(o.canteenId) && s.mealType == o.mealType)
        .findFirst()
        .orElse(null);
  }

  @WithSession
  public Uni<OrderView> get(UUID me, UUID orderId) {
    return visible(me, orderId, null).chain(this::view);
  }

  /** Cancels before the cutoff; places, dishes, subsidy and donation go back. */
  @WithTransaction
  public Uni<OrderView> cancel(UUID me, UUID orderId) {
    return visible(me, orderId, LockModeType.PESSIMISTIC_WRITE)
        .chain(
            o ->
                MealService.<MealService>find(
                        "canteenId = ?1 and mealType = ?2", o.canteenId, o.mealType)
                    .<MealService>firstResult()
                    .chain(
                        service -> {
                          if (o.status != MealOrder.Status.CONFIRMED) {
                            return Uni.createFrom()
                                .failure(
                                    ProblemException.conflict(
                                            "ORDER_NOT_CANCELLABLE", "该订单已取消、已用餐或已过期，不能再取消")
                                        .with("currentStatus", o.status.name()));
                          }
                          Instant cutoff = service.cutoff(o.mealDate);
                          if (!clock.instant().isBefore(cutoff)) {
                            return Uni.createFrom().failure(cutoffPassed(cutoff));
                          }
                          o.status = MealOrder.Status.CANCELLED;
                          o.cancelledAt = clock.instant();
                          return release(o)
                              .chain(
                                  () ->
                                      proxies.recordAction(
                                          me,
                                          o.citizenId,
                                          "MEAL_CANCELLED",
                                          o.code + " " + o.mealDate))
                              .chain(() -> view(o));
                        }));
  }

  /** Everything an order held goes back: place, dishes, subsidy, donation. */
  private Uni<Void> release(MealOrder o) {
    return counters
        .releasePlace(o.canteenId, o.mealDate, o.mealType)
        .chain(() -> MealOrderItem.<MealOrderItem>list("orderId", o.id))
        .chain(
            items -> {
              // the dishes in menu item id order, as when they were taken
              List<MealOrderItem> sorted = new ArrayList<>(items);
              sorted.sort(Comparator.comparing((MealOrderItem i) -> i.menuItemId));
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (MealOrderItem i : sorted) {
                chain = chain.chain(() -> counters.releaseDish(i.menuItemId, i.quantity));
              }
              return chain;
            })
        .chain(() -> counters.releaseSubsidy(o.id))
        .chain(() -> counters.releaseDonation(o.id));
  }

  /** The same dishes for another day, re-priced and re-checked as a new order. */
  public Uni<PlaceOrder> reorderRequest(UUID me, UUID orderId, LocalDate date, MealType type) {
    return loadVisible(me, orderId)
        .chain(
            o ->
                MealOrderItem.<MealOrderItem>list("orderId", o.id)
                    .map(
                        items ->
                            new PlaceOrder(
                                o.canteenId,
                                date,
                                type == null ? o.mealType : type,
                                items.stream().map(i -> new Line(i.dishId, i.quantity)).toList(),
                                o.fulfilment,
                                o.citizenId)));
  }

  @WithSession
  Uni<MealOrder> loadVisible(UUID me, UUID orderId) {
    return visible(me, orderId, null);
  }

  /** The order when I am its elder, placed it, or hold ORDER_MEALS for its elder; else 404. */
  private Uni<MealOrder> visible(UUID me, UUID orderId, LockModeType lock) {
    Uni<MealOrder> load =
        lock == null ? MealOrder.findById(orderId) : MealOrder.findById(orderId, lock);
    return load.chain(
        o -> {
          if (o == null) {
            return Uni.createFrom().failure(orderNotFound());
          }
          if (o.citizenId.equals(me) || o.placedBy.equals(me)) {
            return Uni.createFrom().item(o);
          }
          return familyOf(me)
              .map(
                  family -> {
                    if (!family.contains(o.citizenId)) {
                      throw orderNotFound();
                    }
                    return o;
                  });
        });
  }

  /** Elders I hold an active ORDER_MEALS proxy for. */
  private Uni<List<UUID>> familyOf(UUID me) {
    return Proxy.<Proxy>list("actorId = ?1 and status = ?2", me, Proxy.Status.ACTIVE)
        .map(
            list ->
                list.stream()
                    .filter(p -> List.of(p.scopes).contains(ProxyScope.ORDER_MEALS.name()))
                    .map(p -> p.subjectId)
                    .toList());
  }

  // ------------------------------------------------------------------ counter

  /** An operator of the order's canteen marks it served, once, on its day. */
  @WithTransaction
  public Uni<RedemptionView> redeem(StaffScope staff, String orderCode) {
    if (!staff.isAdmin() && !Roles.CANTEEN_OPERATOR.equals(staff.role())) {
      return Uni.createFrom().failure(ProblemException.forbidden("FORBIDDEN", "只有助餐点工作人员可以核销"));
    }
    if (orderCode == null || orderCode.isBlank() || orderCode.length() > 200) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("orderCode", "REQUIRED", "请输入取餐码或扫描二维码"));
    }
    String raw = orderCode.trim();
    var tokenId = QrTokens.orderIdOf(raw);
    Uni<MealOrder> load =
        tokenId.isPresent()
            ? MealOrder.<MealOrder>findById(tokenId.get(), LockModeType.PESSIMISTIC_WRITE)
                .map(o -> o != null && qr.matches(raw, o.id, o.code) ? o : null)
            : MealOrder.<MealOrder>find("code", raw.toUpperCase())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .<MealOrder>firstResult();
    return load.chain(
        o -> {
          // another canteen's order does not exist for this counter
          if (o == null || !staff.coversCanteen(o.canteenId.toString())) {
            return Uni.createFrom()
                .failure(ProblemException.notFound("ORDER_NOT_FOUND", "本助餐点没有这个取餐码的订单，请核对取餐码"));
          }
          if (o.status == MealOrder.Status.SERVED) {
            return Uni.createFrom()
                .failure(
                    ProblemException.conflict("ALREADY_REDEEMED", "该订单已核销，不能重复取餐")
                        .with("servedAt", o.servedAt.toString()));
          }
          if (o.status != MealOrder.Status.CONFIRMED) {
            return Uni.createFrom()
                .failure(
                    ProblemException.conflict(
                            "ORDER_NOT_REDEEMABLE",
                            o.status == MealOrder.Status.CANCELLED ? "该订单已取消" : "该订单已过取餐时间")
                        .with("currentStatus", o.status.name()));
          }
          if (!o.mealDate.equals(clock.today())) {
            return Uni.createFrom()
                .failure(
                    ProblemException.conflict("WRONG_DAY", "这是 " + o.mealDate + " 的订单，不是今天的")
                        .with("mealDate", o.mealDate.toString()));
          }
          o.status = MealOrder.Status.SERVED;
          o.servedAt = clock.instant();
          o.servedBy = staff.staffId();
          return citizens
              .findById(o.citizenId)
              .chain(
                  elder ->
                      MealOrderItem.<MealOrderItem>list("orderId", o.id)
                          .map(
                              items ->
                                  new RedemptionView(
                                      o.id,
                                      o.code,
                                      elder.realNameMasked,
                                      o.category,
                                      o.mealDate,
                                      o.mealType,
                                      items.stream().map(OrderService::itemView).toList(),
                                      o.payableFen,
                                      o.servedAt)));
        });
  }

  /**
   * Marks orders not served by their meal's closing time as missed: the subsidy is not paid for
   * them and any donation goes back to its pledge. Called by {@link MissedMealsJob} and by staff.
   *
   * @return how many orders were marked
   */
  @WithTransaction
  public Uni<Integer> markMissed() {
    Instant now = clock.instant();
    LocalDate today = clock.today();
    // locked in a total order: two runs at once queue behind each other instead of deadlocking,
    // and the second re-checks the status of what the first marked
    return MealOrder.<MealOrder>find(
            "status = ?1 and mealDate <= ?2 order by mealDate, id",
            MealOrder.Status.CONFIRMED,
            today)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .page(0, 500)
        .list()
        .chain(
            orders ->
                MealService.<MealService>listAll()
                    .chain(
                        services -> {
                          Uni<Integer> chain = Uni.createFrom().item(0);
                          for (MealOrder o : orders) {
                            MealService s = service(services, o);
                            if (s != null && now.isBefore(s.closing(o.mealDate))) {
                              continue;
                            }
                            chain =
                                chain.chain(
                                    n -> {
                                      o.status = MealOrder.Status.MISSED;
                                      return counters
                                          .releaseDonation(o.id)
                                          .chain(() -> notifyMissed(o))
                                          .replaceWith(n + 1);
                                    });
                          }
                          return chain;
                        }));
  }

  private Uni<Void> notifyMissed(MealOrder o) {
    Map<String, Object> params =
        Map.of("date", o.mealDate.toString(), "meal", o.mealType.label, "code", o.code);
    return citizens
        .findById(o.citizenId)
        .chain(
            elder ->
                (elder.offline
                        ? Uni.createFrom().voidItem()
                        : outbox.record(
                            o.citizenId, "MEAL_MISSED", params, "meal:" + o.id + ":missed"))
                    .chain(() -> ElderProfile.<ElderProfile>findById(o.citizenId))
                    .chain(
                        profile -> {
                          boolean alone =
                              profile != null && profile.flagSet().contains(ElderFlag.LIVES_ALONE);
                          boolean over80 = Eligibility.ageOn(elder.birthDate, o.mealDate) >= 80;
                          if (!alone || !over80) {
                            return Uni.createFrom().voidItem();
                          }
                          // an elder of 80+ living alone who did not come: tell the family
                          return Proxy.<Proxy>list(
                                  "subjectId = ?1 and status = ?2",
                                  o.citizenId,
                                  Proxy.Status.ACTIVE)
                              .chain(
                                  family -> {
                                    Uni<Void> chain = Uni.createFrom().voidItem();
                                    for (Proxy p : family) {
                                      chain =
                                          chain.chain(
                                              () ->
                                                  outbox.record(
                                                      p.actorId,
                                                      "MEAL_MISSED_FAMILY",
                                                      Map.of(
                                                          "date", o.mealDate.toString(),
                                                          "meal", o.mealType.label,
                                                          "elderName", elder.realNameMasked),
                                                      "meal:" + o.id + ":missed:" + p.actorId));
                                    }
                                    return chain;
                                  });
                        }));
  }

  // ------------------------------------------------------------------ views

  private Uni<OrderView> view(MealOrder o) {
    return MealOrderItem.<MealOrderItem>list("orderId", o.id)
        .chain(
            items ->
                Canteen.<Canteen>findById(o.canteenId)
                    .chain(
                        canteen ->
                            MealService.<MealService>find(
                                    "canteenId = ?1 and mealType = ?2", o.canteenId, o.mealType)
                                .<MealService>firstResult()
                                .map(service -> view(o, items, canteen, service))));
  }

  private OrderView view(
      MealOrder o, List<MealOrderItem> items, Canteen canteen, MealService service) {
    return new OrderView(
        o.id,
        o.code,
        qr.token(o.id, o.code),
        o.citizenId,
        o.placedBy,
        o.canteenId,
        canteen == null ? null : canteen.name,
        o.mealDate,
        o.mealType,
        o.fulfilment,
        o.status,
        o.category,
        items.stream().map(OrderService::itemView).toList(),
        new PriceView(
            o.dishTotalFen, o.subsidyFen, o.donationFen, o.payableFen, o.subsidised, o.priceNote),
        service == null
            ? null
            : service.cutoff(o.mealDate).atZone(AppClock.ZONE).toOffsetDateTime(),
        o.createdAt,
        o.cancelledAt,
        o.servedAt,
        o.reorderedFrom);
  }

  private static ItemView itemView(MealOrderItem i) {
    return new ItemView(i.dishId, i.name, i.unitPriceFen, i.quantity, i.unitPriceFen * i.quantity);
  }

  static ProblemException orderNotFound() {
    return ProblemException.notFound("ORDER_NOT_FOUND", "未找到该订单");
  }

  private static ProblemException cutoffPassed(Instant cutoff) {
    return ProblemException.conflict(
            "CUTOFF_PASSED",
            "该餐次已于 "
                + cutoff.atZone(AppClock.ZONE).toLocalDateTime().toString().replace('T', ' ')
                + " 截止预订和取消")
        .with("cutoffAt", cutoff.atZone(AppClock.ZONE).toOffsetDateTime().toString());
  }
}
