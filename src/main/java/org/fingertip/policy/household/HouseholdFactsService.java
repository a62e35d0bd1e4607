package org.fingertip.policy.household;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.assistance.ApplicationService;
import org.fingertip.assistance.ApplicationViews.ApplicationView;
import org.fingertip.assistance.AssistanceJson;
import org.fingertip.assistance.CatalogService;
import org.fingertip.platform.crypto.PiiCipher;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.RegionService;
import org.fingertip.platform.web.AppClock;
import org.fingertip.policy.eligibility.EligibilityService;
import org.fingertip.policy.eligibility.EligibilityService.CheckResult;
import org.fingertip.policy.eligibility.Household;

/**
 * A citizen's saved household facts: save (with consent, evaluated once), read back by their owner
 * only, delete (consent withdrawn), and start an application draft from them. Nothing else stores
 * household facts; the check route stays stateless.
 */
@ApplicationScoped
public class HouseholdFactsService {

  private static final TypeReference<List<String>> CODES = new TypeReference<>() {};

  private final SavedHouseholdRepository repository;
  private final EligibilityService eligibility;
  private final RegionService regions;
  private final PiiCipher cipher;
  private final ObjectMapper mapper;
  private final AppClock clock;
  private final CatalogService catalog;
  private final AssistanceJson assistanceJson;
  private final ApplicationService applications;

  public HouseholdFactsService(
      SavedHouseholdRepository repository,
      EligibilityService eligibility,
      RegionService regions,
      PiiCipher cipher,
      ObjectMapper mapper,
      AppClock clock,
      CatalogService catalog,
      AssistanceJson assistanceJson,
      ApplicationService applications) {
    this.repository = repository;
    this.eligibility = eligibility;
    this.regions = regions;
    this.cipher = cipher;
    this.mapper = mapper;
    this.clock = clock;
    this.catalog = catalog;
    this.assistanceJson = assistanceJson;
    this.applications = applications;
  }

  /**
   * The saved facts as their owner sees them.
   *
   * @param eligibleItems item codes that matched at the last evaluation
   * @param result the evaluation made by this save (PUT only; null on GET)
   */
  public record SavedFactsView(
      Household facts,
      List<String> eligibleItems,
      OffsetDateTime consentedAt,
      OffsetDateTime evaluatedAt,
      OffsetDateTime updatedAt,
      CheckResult result) {}

  static ProblemException notSaved() {
    return ProblemException.notFound("HOUSEHOLD_FACTS_NOT_FOUND", "您还没有保存家庭情况，请先填写并同意保存");
  }

  /** Saves (or replaces) the facts and evaluates them as of today. */
  @WithTransaction
  public Uni<SavedFactsView> save(UUID citizenId, Household facts) {
    Instant now = clock.instant();
    return eligibility
        .checkAsOf(facts, clock.today())
        .chain(
            result ->
                regions
                    .require(result.regionCode())
                    .chain(
                        region ->
                            repository
                                .findById(citizenId, LockModeType.PESSIMISTIC_WRITE)
                                .chain(
                                    existing -> {
                                      SavedHousehold h =
                                          existing == null ? new SavedHousehold() : existing;
                                      h.citizenId = citizenId;
                                      h.factsEnc = cipher.encrypt(write(facts));
                                      h.lastEligibleEnc = cipher.encrypt(write(codes(result)));
                                      h.regionCode = region.code;
                                      h.regionPath = region.path;
                                      h.consentedAt = now;
                                      h.evaluatedAt = now;
                                      h.updatedAt = now;
                                      return existing == null
                                          ? repository.persist(h)
                                          : Uni.createFrom().item(h);
                                    }))
                    .map(h -> view(h, result)));
  }

  @WithSession
  public Uni<SavedFactsView> get(UUID citizenId) {
    return repository
        .findById(citizenId)
        .onItem()
        .ifNull()
        .failWith(HouseholdFactsService::notSaved)
        .map(h -> view(h, null));
  }

  /** Withdraws consent: the row goes, ciphertext and all. */
  @WithTransaction
  public Uni<Void> delete(UUID citizenId) {
    return repository
        .deleteById(citizenId)
        .chain(
            deleted ->
                deleted ? Uni.createFrom().voidItem() : Uni.createFrom().failure(notSaved()));
  }

  /**
   * Hands the saved facts to the self-application flow: a draft of {@code itemCode} whose form is
   * pre-filled with what the facts answer (household size and monthly income, where the item's form
   * asks for them). Members' names and ID numbers are not part of the facts: the draft takes the
   * household profile of the last application, as any new draft does.
   */
  @WithSession
  public Uni<ApplicationView> startApplication(UUID citizenId, String itemCode, String regionCode) {
    return repository
        .findById(citizenId)
        .onItem()
        .ifNull()
        .failWith(HouseholdFactsService::notSaved)
        .chain(
            saved -> {
              Household facts = facts(saved);
              return catalog
                  .require(itemCode)
                  .chain(
                      item -> {
                        Map<String, Object> form = new LinkedHashMap<>();
                        Map<String, Object> known = prefill(facts);
                        assistanceJson.schema(item).fields().stream()
                            .filter(f -> known.containsKey(f.name()))
                            .forEach(f -> form.put(f.name(), known.get(f.name())));
                        return applications.create(
                            citizenId,
                            new ApplicationService.NewApplication(
                                itemCode,
                                regionCode == null ? saved.regionCode : regionCode,
                                null,
                                false,
                                form,
                                null,
                                null,
                                false,
                                false));
                      });
            });
  }

  /** Form answers the facts give, by the field names assistance forms use. */
  static Map<String, Object> prefill(Household facts) {
    long income =
        facts.members().stream()
                .mapToLong(m -> m.monthlyIncomeFen() == null ? 0 : m.monthlyIncomeFen())
                .sum()
            + (facts.otherMonthlyIncomeFen() == null ? 0 : facts.otherMonthlyIncomeFen());
    Map<String, Object> known = new LinkedHashMap<>();
    known.put("householdSize", facts.members().size());
    known.put("householdMonthlyIncomeFen", income);
    return known;
  }

  Household facts(SavedHousehold h) {
    try {
      return mapper.readValue(cipher.decrypt(h.factsEnc), Household.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("saved household facts unreadable", e);
    }
  }

  List<String> lastEligible(SavedHousehold h) {
    try {
      return mapper.readValue(cipher.decrypt(h.lastEligibleEnc), CODES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("saved household evaluation unreadable", e);
    }
  }

  String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> codes(CheckResult result) {
    return result.eligible().stream().map(EligibilityService.ItemResult::itemCode).toList();
  }

  private SavedFactsView view(SavedHousehold h, CheckResult result) {
    return new SavedFactsView(
        facts(h),
        lastEligible(h),
        local(h.consentedAt),
        local(h.evaluatedAt),
        local(h.updatedAt),
        result);
  }

  private static OffsetDateTime local(Instant instant) {
    return instant.atZone(AppClock.ZONE).toOffsetDateTime();
  }
}
