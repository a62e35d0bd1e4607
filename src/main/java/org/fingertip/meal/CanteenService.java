package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fingertip.identity.staff.StaffScope;
import org.fingertip.platform.Roles;
import org.fingertip.platform.calendar.CalendarService;
import org.fingertip.platform.calendar.WorkingDayCalendar;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.RegionService;
import org.fingertip.platform.web.AppClock;

/** Canteens near an elder, their menus with places left, and menus published by operators. */
@ApplicationScoped
public class CanteenService {

  static final Set<String> TAGS = Set.of("软食", "低盐", "低糖", "清真", "流食", "素食", "低脂");

  private final MealRepository counters;
  private final CalendarService calendars;
  private final RegionService regions;
  private final AppClock clock;

  public CanteenService(
      MealRepository counters, CalendarService calendars, RegionService regions, AppClock clock) {
    this.counters = counters;
    this.calendars = calendars;
    this.regions = regions;
    this.clock = clock;
  }

  /** One meal a canteen serves. */
  public record MealServiceView(
      MealType mealType,
      String label,
      int capacity,
      LocalTime cutoffTime,
      int cutoffDaysBefore,
      LocalTime serveFrom,
      LocalTime serveUntil) {}

  /** A canteen as the mini-program lists it. */
  public record CanteenView(
      UUID id,
      String name,
      String regionCode,
      String address,
      double latitude,
      double longitude,
      String operatorName,
      String phone,
      Canteen.Opening opening,
      boolean deliveryOffered,
      int deliveryRadiusMetres,
      List<MealServiceView> meals,
      Long distanceMetres,
      Boolean openOnDate) {

    CanteenView withOpen(Boolean open) {
      return new CanteenView(
          id,
          name,
          regionCode,
          address,
          latitude,
          longitude,
          operatorName,
          phone,
          opening,
          deliveryOffered,
          deliveryRadiusMetres,
          meals,
          distanceMetres,
          open);
    }
  }

  /** A dish on a menu. */
  public record DishView(
      UUID dishId,
      String name,
      long priceFen,
      List<String> tags,
      Integer dailyQuantity,
      Integer quantityLeft) {}

  /** One meal of a day's menu, with places left and when ordering closes. */
  public record MealMenu(
      MealType mealType,
      String label,
      OffsetDateTime cutoffAt,
      boolean orderable,
      int capacity,
      int placesLeft,
      List<DishView> dishes) {}

  /** A canteen's menu for a date. */
  public record DayMenu(
      UUID canteenId, String canteenName, LocalDate date, boolean open, List<MealMenu> meals) {}

  /** One dish an operator puts on a menu. */
  public record MenuLine(String name, List<String> tags, Long priceFen, Integer dailyQuantity) {}

  @WithSession
  public Uni<List<CanteenView>> list(Geo.Point near, String regionCode, LocalDate openOn) {
    Uni<List<Canteen>> canteens =
        regionCode == null || regionCode.isBlank()
            ? Canteen.listAll()
            : regions
                .require(regionCode.trim())
                .chain(
                    r ->
                        Canteen.list(
                            "regionCode in (select r.code from Region r where r.path like ?1)",
                            r.path + "%"));
    return canteens.chain(
        list ->
            MealService.<MealService>listAll()
                .chain(
                    services ->
                        calendars
                            .calendar()
                            .map(
                                calendar -> {
                                  Map<UUID, List<MealService>> byCanteen = byCanteen(services);
                                  List<CanteenView> views = new ArrayList<>();
                                  for (Canteen c : list) {
                                    Boolean open =
                                        openOn == null ? null : c.opensOn(openOn, calendar);
                                    if (Boolean.FALSE.equals(open)) {
                                      continue;
                                    }
                                    Long distance =
                                        near == null
                                            ? null
                                            : Math.round(Geo.distanceMetres(near, c.location()));
                                    views.add(
                                        view(c, byCanteen.getOrDefault(c.id, List.of()), distance)
                                            .withOpen(open));
                                  }
                                  views.sort(
                                      near == null
                                          ? Comparator.comparing(CanteenView::name)
                                          : Comparator.comparing(CanteenView::distanceMetres)
                                              .thenComparing(CanteenView::name));
                                  return views;
                                })));
  }

  @WithSession
  public Uni<DayMenu> menu(UUID canteenId, LocalDate date) {
    return requireCanteen(canteenId)
        .chain(
            canteen ->
                calendars
                    .calendar()
                    .chain(
                        calendar ->
                            MealService.<MealService>list("canteenId", canteenId)
                                .chain(
                                    services ->
                                        counters
                                            .places(canteenId, date)
                                            .chain(
                                                places ->
                                                    menuItems(canteenId, date)
                                                        .map(
                                                            items ->
                                                                dayMenu(
                                                                    canteen, date, calendar,
                                                                    services, places, items))))));
  }

  private Uni<List<Object[]>> menuItems(UUID canteenId, LocalDate date) {
    return Panache.getSession()
        .chain(
            s ->
                s.createQuery(
                        "select m, d from MenuItem m, Dish d where d.id = m.dishId and m.canteenId"
                            + " = ?1 and m.mealDate = ?2 order by d.name",
                        Object[].class)
                    .setParameter(1, canteenId)
                    .setParameter(2, date)
                    .getResultList());
  }

  private DayMenu dayMenu(
      Canteen canteen,
      LocalDate date,
      WorkingDayCalendar calendar,
      List<MealService> services,
      Map<MealType, MealRepository.Places> places,
      List<Object[]> items) {
    boolean open = canteen.opensOn(date, calendar);
    Instant now = clock.instant();
    List<MealMenu> meals = new ArrayList<>();
    services.stream()
        .sorted(Comparator.comparing(s -> s.mealType))
        .forEach(
            s -> {
              List<DishView> dishes = new ArrayList<>();
              for (Object[] row : items) {
                MenuItem m = (MenuItem) row[0];
                Dish d = (Dish) row[1];
                if (m.mealType == s.mealType) {
                  dishes.add(
                      new DishView(
                          d.id,
                          d.name,
                          m.priceFen,
                          Arrays.asList(d.tags),
                          m.dailyQuantity,
                          m.dailyQuantity == null ? null : Math.max(0, m.dailyQuantity - m.sold)));
                }
              }
              MealRepository.Places p =
                  places.getOrDefault(s.mealType, new MealRepository.Places(s.capacity, 0));
              Instant cutoff = s.cutoff(date);
              meals.add(
                  new MealMenu(
                      s.mealType,
                      s.mealType.label,
                      cutoff.atZone(AppClock.ZONE).toOffsetDateTime(),
                      open && !dishes.isEmpty() && now.isBefore(cutoff) && p.left() > 0,
                      p.capacity(),
                      open ? p.left() : 0,
                      dishes));
            });
    return new DayMenu(canteen.id, canteen.name, date, open, meals);
  }

  /** An operator (of this canteen) or an admin replaces the menu of one meal on one date. */
  @WithTransaction
  public Uni<DayMenu> publish(
      StaffScope staff, UUID canteenId, LocalDate date, MealType type, List<MenuLine> lines) {
    if (!staff.isAdmin() && !Roles.CANTEEN_OPERATOR.equals(staff.role())) {
      return Uni.createFrom().failure(ProblemException.forbidden("FORBIDDEN", "您没有权限发布菜单"));
    }
    if (!staff.coversCanteen(canteenId.toString())) {
      return Uni.createFrom().failure(canteenNotFound());
    }
    validate(lines, date);
    return requireCanteen(canteenId)
        .chain(
            canteen ->
                MealService.<MealService>find("canteenId = ?1 and mealType = ?2", canteenId, type)
                    .firstResult()
                    .onItem()
                    .ifNull()
                    .failWith(
                        () ->
                            ProblemException.unprocessable(
                                "MEAL_NOT_SERVED", "该助餐点不提供" + type.label)))
        .chain(() -> upsertDishes(canteenId, lines))
        .chain(dishes -> replaceItems(canteenId, date, type, lines, dishes))
        // statements changed rows the session holds as entities: flush, forget, read afresh
        .chain(() -> Panache.getSession().chain(s -> s.flush().invoke(() -> s.clear())))
        .chain(() -> menu(canteenId, date));
  }

  private void validate(List<MenuLine> lines, LocalDate date) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (date.isBefore(clock.today())) {
      errors.add(new Problem.FieldError("date", "DATE_PAST", "不能发布过去日期的菜单"));
    }
    if (lines == null || lines.isEmpty()) {
      errors.add(new Problem.FieldError("items", "REQUIRED", "菜单至少要有一道菜"));
    } else {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < lines.size(); i++) {
        MenuLine l = lines.get(i);
        String f = "items[" + i + "]";
        if (l == null || l.name() == null || l.name().isBlank() || l.name().length() > 60) {
          errors.add(new Problem.FieldError(f + ".name", "REQUIRED", "请填写菜名（不超过 60 个字）"));
          continue;
        }
        if (!names.add(l.name().trim())) {
          errors.add(new Problem.FieldError(f + ".name", "DUPLICATE", "同一餐次的菜名不能重复"));
        }
        if (l.priceFen() == null || l.priceFen() <= 0 || l.priceFen() > 100_000) {
          errors.add(new Problem.FieldError(f + ".priceFen", "RANGE", "价格（分）应在 1 到 100000 之间"));
        }
        if (l.dailyQuantity() != null && (l.dailyQuantity() < 0 || l.dailyQuantity() > 10_000)) {
          errors.add(new Problem.FieldError(f + ".dailyQuantity", "RANGE", "限量应在 0 到 10000 之间"));
        }
        if (l.tags() != null) {
          for (String t : l.tags()) {
            if (!TAGS.contains(t)) {
              errors.add(
                  new Problem.FieldError(
                      f + ".tags",
                      "TAG_INVALID",
                      "标签只能是：" + String.join("、", TAGS.stream().sorted().toList())));
            }
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
  }

  private Uni<Map<String, Dish>> upsertDishes(UUID canteenId, List<MenuLine> lines) {
    return Dish.<Dish>list("canteenId", canteenId)
        .chain(
            existing -> {
              Map<String, Dish> byName = new HashMap<>();
              existing.forEach(d -> byName.put(d.name, d));
              List<Dish> fresh = new ArrayList<>();
              for (MenuLine l : lines) {
                String name = l.name().trim();
                String[] tags =
                    l.tags() == null
                        ? new String[0]
                        : l.tags().stream().distinct().sorted().toArray(String[]::new);
                Dish d = byName.get(name);
                if (d == null) {
                  d = new Dish();
                  d.id = UUID.randomUUID();
                  d.canteenId = canteenId;
                  d.name = name;
                  byName.put(name, d);
                  fresh.add(d);
                }
                d.tags = tags;
              }
              return (fresh.isEmpty() ? Uni.createFrom().voidItem() : Dish.persist(fresh))
                  .replaceWith(byName);
            });
  }

  private Uni<Void> replaceItems(
      UUID canteenId,
      LocalDate date,
      MealType type,
      List<MenuLine> lines,
      Map<String, Dish> dishes) {
    return MenuItem.<MenuItem>list(
            "canteenId = ?1 and mealDate = ?2 and mealType = ?3", canteenId, date, type)
        .chain(
            existing -> {
              Map<UUID, MenuItem> byDish = new HashMap<>();
              existing.forEach(m -> byDish.put(m.dishId, m));
              Set<UUID> kept = new HashSet<>();
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (MenuLine l : lines) {
                Dish d = dishes.get(l.name().trim());
                kept.add(d.id);
                MenuItem m = byDish.get(d.id);
                if (m == null) {
                  MenuItem item = new MenuItem();
                  item.id = UUID.randomUUID();
                  item.canteenId = canteenId;
                  item.mealDate = date;
                  item.mealType = type;
                  item.dishId = d.id;
                  item.priceFen = l.priceFen();
                  item.dailyQuantity = l.dailyQuantity();
                  chain = chain.chain(() -> item.persist()).replaceWithVoid();
                } else {
                  chain = chain.chain(() -> reprice(m.id, d.name, l.priceFen(), l.dailyQuantity()));
                }
              }
              for (MenuItem m : existing) {
                if (!kept.contains(m.dishId)) {
                  chain = chain.chain(() -> removeIfUnsold(m.id));
                }
              }
              return chain;
            });
  }

  /**
   * Price and quantity change by statement, so the concurrently sold count is never overwritten.
   */
  private Uni<Void> reprice(UUID itemId, String name, long priceFen, Integer quantity) {
    String sql =
        quantity == null
            ? "UPDATE meal_menu_item SET price_fen = :p, daily_quantity = NULL WHERE id = :id"
            : "UPDATE meal_menu_item SET price_fen = :p, daily_quantity = :q WHERE id = :id AND"
                + " sold <= :q";
    return Panache.getSession()
        .chain(
            s -> {
              var q =
                  s.createNativeQuery(sql).setParameter("p", priceFen).setParameter("id", itemId);
              if (quantity != null) {
                q.setParameter("q", quantity);
              }
              return q.executeUpdate();
            })
        .invoke(
            n -> {
              if (n == 0) {
                throw ProblemException.conflict(
                        "QUANTITY_BELOW_SOLD", "“" + name + "”已售出的份数多于新的限量，请调高限量")
                    .with("dish", name);
              }
            })
        .replaceWithVoid();
  }

  private Uni<Void> removeIfUnsold(UUID itemId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "DELETE FROM meal_menu_item WHERE id = :id AND sold = 0 AND NOT EXISTS"
                            + " (SELECT 1 FROM meal_order_item WHERE menu_item_id = :id)")
                    .setParameter("id", itemId)
                    .executeUpdate())
        .invoke(
            n -> {
              if (n == 0) {
                throw ProblemException.conflict(
                    "MENU_ITEM_HAS_ORDERS", "已有老人订了这道菜，不能从菜单中撤下；可以将限量调为已售份数");
              }
            })
        .replaceWithVoid();
  }

  Uni<Canteen> requireCanteen(UUID id) {
    return Canteen.<Canteen>findById(id)
        .onItem()
        .ifNull()
        .failWith(CanteenService::canteenNotFound);
  }

  static ProblemException canteenNotFound() {
    return ProblemException.notFound("CANTEEN_NOT_FOUND", "未找到该助餐点");
  }

  static Map<UUID, List<MealService>> byCanteen(List<MealService> services) {
    Map<UUID, List<MealService>> map = new HashMap<>();
    services.forEach(s -> map.computeIfAbsent(s.canteenId, k -> new ArrayList<>()).add(s));
    return map;
  }

  static CanteenView view(Canteen c, List<MealService> services, Long distance) {
    return new CanteenView(
        c.id,
        c.name,
        c.regionCode,
        c.address,
        c.latitude,
        c.longitude,
        c.operatorName,
        c.phone,
        c.opening,
        c.deliveryOffered,
        c.deliveryRadiusMetres,
        services.stream()
            .sorted(Comparator.comparing(s -> s.mealType))
            .map(
                s ->
                    new MealServiceView(
                        s.mealType,
                        s.mealType.label,
                        s.capacity,
                        s.cutoffTime,
                        s.cutoffDaysBefore,
                        s.serveFrom,
                        s.serveUntil))
            .toList(),
        distance,
        null);
  }
}
