package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fingertip.identity.CitizenRepository;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.RegionService;
import org.fingertip.platform.web.AppClock;

/**
 * 我为老人助一餐: pledges to a canteen or region pool, and what each pledge paid for. Orders draw on the
 * pools (see {@link MealRepository#allocateDonation}); donors see canteen, date, meal and the
 * elder's category, never who the elder is.
 */
@ApplicationScoped
public class DonationService {

  private final CitizenRepository citizens;
  private final RegionService regions;
  private final AppClock clock;

  public DonationService(CitizenRepository citizens, RegionService regions, AppClock clock) {
    this.citizens = citizens;
    this.regions = regions;
    this.clock = clock;
  }

  /** A pledge as the donor sends it. */
  public record Pledge(
      UUID canteenId, String regionCode, Integer meals, Long amountPerMealFen, String donorName) {}

  /** A meal the pledge paid for. */
  public record FundedMeal(
      String canteenName,
      LocalDate mealDate,
      MealType mealType,
      ElderCategory elderCategory,
      String elderCategoryLabel,
      long amountFen) {}

  /** A pledge with its ledger: pledged = allocated + remaining. */
  public record DonationView(
      UUID id,
      String donorName,
      UUID canteenId,
      String canteenName,
      String regionCode,
      int meals,
      long amountPerMealFen,
      long pledgedFen,
      long allocatedFen,
      long remainingFen,
      int mealsFunded,
      List<FundedMeal> fundedMeals,
      Instant createdAt) {}

  @WithTransaction
  public Uni<DonationView> pledge(UUID donorId, Pledge p) {
    List<Problem.FieldError> errors = new ArrayList<>();
    boolean canteen = p.canteenId() != null;
    boolean region = p.regionCode() != null && !p.regionCode().isBlank();
    if (canteen == region) {
      errors.add(new Problem.FieldError("canteenId", "POOL_REQUIRED", "请选择捐助一个助餐点，或一个地区的助餐池（二选一）"));
    }
    if (p.meals() == null || p.meals() < 1 || p.meals() > 10_000) {
      errors.add(new Problem.FieldError("meals", "RANGE", "捐助餐数应在 1 到 10000 之间"));
    }
    if (p.amountPerMealFen() == null
        || p.amountPerMealFen() < 100
        || p.amountPerMealFen() > 10_000) {
      errors.add(new Problem.FieldError("amountPerMealFen", "RANGE", "每餐金额应在 1 元到 100 元之间"));
    }
    if (p.donorName() != null && p.donorName().length() > 80) {
      errors.add(new Problem.FieldError("donorName", "LENGTH", "捐助人或单位名称不超过 80 个字"));
    }
    if (!errors.isEmpty()) {
      return Uni.createFrom().failure(ProblemException.validation(errors));
    }
    Uni<Void> pool =
        canteen
            ? Canteen.<Canteen>findById(p.canteenId())
                .onItem()
                .ifNull()
                .failWith(CanteenService::canteenNotFound)
                .replaceWithVoid()
            : regions.require(p.regionCode().trim()).replaceWithVoid();
    return pool.chain(() -> citizens.findById(donorId))
        .chain(
            donor -> {
              Donation d = new Donation();
              d.id = UUID.randomUUID();
              d.donorId = donorId;
              d.donorName =
                  p.donorName() != null && !p.donorName().isBlank()
                      ? p.donorName().trim()
                      : donor != null && donor.realNameMasked != null
                          ? donor.realNameMasked
                          : "爱心人士";
              d.canteenId = p.canteenId();
              d.regionCode = region ? p.regionCode().trim() : null;
              d.meals = p.meals();
              d.amountPerMealFen = p.amountPerMealFen();
              d.pledgedFen = d.meals * d.amountPerMealFen;
              d.allocatedFen = 0;
              d.remainingFen = d.pledgedFen;
              d.createdAt = clock.instant();
              return d.persist().chain(() -> views(List.of(d))).map(list -> list.get(0));
            });
  }

  @WithSession
  public Uni<List<DonationView>> mine(UUID donorId) {
    return Donation.<Donation>list("donorId = ?1 order by createdAt desc", donorId)
        .chain(this::views);
  }

  @WithSession
  public Uni<DonationView> get(UUID donorId, UUID id) {
    return Donation.<Donation>findById(id)
        .chain(
            d -> {
              if (d == null || !d.donorId.equals(donorId)) {
                return Uni.createFrom()
                    .failure(ProblemException.notFound("DONATION_NOT_FOUND", "未找到该捐助"));
              }
              return views(List.of(d)).map(list -> list.get(0));
            });
  }

  private Uni<List<DonationView>> views(List<Donation> donations) {
    if (donations.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<UUID> ids = donations.stream().map(d -> d.id).toList();
    return DonationAllocation.<DonationAllocation>list(
            "donationId in ?1 order by mealDate, createdAt", ids)
        .chain(
            allocations -> {
              Set<UUID> canteenIds = new java.util.HashSet<>();
              allocations.forEach(a -> canteenIds.add(a.canteenId));
              donations.stream()
                  .filter(d -> d.canteenId != null)
                  .forEach(d -> canteenIds.add(d.canteenId));
              return Canteen.<Canteen>list("id in ?1", canteenIds)
                  .map(
                      canteens -> {
                        Map<UUID, String> names = new HashMap<>();
                        canteens.forEach(c -> names.put(c.id, c.name));
                        Map<UUID, List<FundedMeal>> funded = new HashMap<>();
                        for (DonationAllocation a : allocations) {
                          funded
                              .computeIfAbsent(a.donationId, k -> new ArrayList<>())
                              .add(
                                  new FundedMeal(
                                      names.get(a.canteenId),
                                      a.mealDate,
                                      a.mealType,
                                      a.elderCategory,
                                      a.elderCategory.label,
                                      a.amountFen));
                        }
                        return donations.stream()
                            .map(
                                d -> {
                                  List<FundedMeal> meals = funded.getOrDefault(d.id, List.of());
                                  return new DonationView(
                                      d.id,
                                      d.donorName,
                                      d.canteenId,
                                      d.canteenId == null ? null : names.get(d.canteenId),
                                      d.regionCode,
                                      d.meals,
                                      d.amountPerMealFen,
                                      d.pledgedFen,
                                      d.allocatedFen,
                                      d.remainingFen,
                                      meals.size(),
                                      meals,
                                      d.createdAt);
                                })
                            .toList();
                      });
            });
  }
}
