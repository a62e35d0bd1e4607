package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fingertip.identity.CitizenRepository;
import org.fingertip.identity.staff.StaffScope;
import org.fingertip.platform.Roles;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.region.RegionService;
import org.fingertip.platform.web.AppClock;

/** Caseworkers record special groups (低保, 特困, 失能), delivery need and the elder's home. */
@ApplicationScoped
public class ElderService {

  private final CitizenRepository citizens;
  private final RegionService regions;
  private final AppClock clock;

  public ElderService(CitizenRepository citizens, RegionService regions, AppClock clock) {
    this.citizens = citizens;
    this.regions = regions;
    this.clock = clock;
  }

  /** What a caseworker sends. */
  public record ProfileRequest(
      Set<ElderFlag> flags, String regionCode, String address, Double latitude, Double longitude) {}

  /** The recorded profile. */
  public record ProfileView(
      UUID citizenId,
      List<ElderFlag> flags,
      String regionCode,
      String address,
      Double latitude,
      Double longitude,
      Instant updatedAt) {}

  @WithTransaction
  public Uni<ProfileView> record(StaffScope staff, UUID citizenId, ProfileRequest request) {
    if (!staff.isAdmin() && !Roles.CASEWORKER.equals(staff.role())) {
      return Uni.createFrom()
          .failure(ProblemException.forbidden("FORBIDDEN", "只有民政工作人员可以登记老人的助餐信息"));
    }
    if (request.regionCode() == null || request.regionCode().isBlank()) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("regionCode", "REQUIRED", "请选择老人所在的乡镇（街道）或区县"));
    }
    if ((request.latitude() == null) != (request.longitude() == null)) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("latitude", "COORDINATES_INVALID", "经纬度须同时填写"));
    }
    if (request.latitude() != null) {
      Geo.parse(request.latitude() + "," + request.longitude(), "latitude");
    }
    return regions
        .require(request.regionCode().trim())
        .chain(
            region -> {
              if (!staff.coversRegion(region.lineage())) {
                return Uni.createFrom()
                    .failure(ProblemException.forbidden("REGION_OUT_OF_SCOPE", "该地区不在您的管辖范围内"));
              }
              return citizens
                  .findById(citizenId)
                  .onItem()
                  .ifNull()
                  .failWith(() -> ProblemException.notFound("CITIZEN_NOT_FOUND", "未找到该居民"))
                  .chain(() -> ElderProfile.<ElderProfile>findById(citizenId))
                  .chain(
                      existing ->
                          existing == null
                              ? Uni.createFrom().item(existing)
                              : regions
                                  .require(existing.regionCode)
                                  .map(
                                      r -> {
                                        if (!staff.coversRegion(r.lineage())) {
                                          throw ProblemException.notFound(
                                              "CITIZEN_NOT_FOUND", "未找到该居民");
                                        }
                                        return existing;
                                      }))
                  .chain(
                      existing -> {
                        ElderProfile p = existing == null ? new ElderProfile() : existing;
                        p.citizenId = citizenId;
                        p.flags =
                            request.flags() == null
                                ? new String[0]
                                : request.flags().stream()
                                    .map(Enum::name)
                                    .sorted()
                                    .toArray(String[]::new);
                        p.regionCode = region.code;
                        p.address = request.address();
                        p.latitude = request.latitude();
                        p.longitude = request.longitude();
                        p.updatedBy = staff.staffId();
                        p.updatedAt = clock.instant();
                        return (existing == null ? p.persist() : Uni.createFrom().item(p))
                            .replaceWith(() -> view(p));
                      });
            });
  }

  static ProfileView view(ElderProfile p) {
    return new ProfileView(
        p.citizenId,
        Arrays.stream(p.flags).map(ElderFlag::valueOf).toList(),
        p.regionCode,
        p.address,
        p.latitude,
        p.longitude,
        p.updatedAt);
  }
}
