package org.fingertip.identity.auth;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import org.fingertip.identity.Citizen;
import org.fingertip.identity.CitizenRepository;
import org.fingertip.identity.CitizenView;
import org.fingertip.identity.staff.Staff;
import org.fingertip.identity.staff.StaffRepository;
import org.fingertip.platform.Roles;
import org.fingertip.platform.problem.ProblemException;

/** Turns an authenticated citizen or member of staff into a token pair, and refreshes pairs. */
@ApplicationScoped
public class SessionService {

  private final TokenService tokens;
  private final CitizenRepository citizens;
  private final StaffRepository staff;

  public SessionService(TokenService tokens, CitizenRepository citizens, StaffRepository staff) {
    this.tokens = tokens;
    this.citizens = citizens;
    this.staff = staff;
  }

  public Uni<Session> forCitizen(Citizen citizen) {
    return tokens
        .startFamily(TokenService.CITIZEN, citizen.id)
        .map(refresh -> citizenSession(citizen, refresh));
  }

  public Uni<Session> forStaff(Staff member) {
    return tokens
        .startFamily(TokenService.STAFF, member.id)
        .map(refresh -> staffSession(member, refresh));
  }

  @WithSession
  public Uni<Session> refresh(String plain) {
    return tokens
        .rotate(plain)
        .chain(
            rotation ->
                switch (rotation.status()) {
                  case UNKNOWN, EXPIRED ->
                      Uni.createFrom()
                          .failure(
                              new ProblemException(401, "REFRESH_TOKEN_INVALID", "登录已过期，请重新登录"));
                  case REUSED ->
                      Uni.createFrom()
                          .failure(
                              new ProblemException(
                                  401,
                                  "REFRESH_TOKEN_REUSED",
                                  "检测到登录凭证被重复使用，为保护账号安全已退出所有设备，请重新登录"));
                  case ROTATED ->
                      TokenService.CITIZEN.equals(rotation.subjectKind())
                          ? citizens
                              .findById(rotation.subjectId())
                              .map(c -> citizenSession(c, rotation.refreshToken()))
                          : staff
                              .findById(rotation.subjectId())
                              .map(s -> staffSession(s, rotation.refreshToken()));
                });
  }

  private Session citizenSession(Citizen citizen, String refresh) {
    String access =
        tokens.accessToken(
            citizen.id, Set.of(Roles.CITIZEN), Map.of("verified", citizen.verified()));
    return new Session(access, refresh, tokens.accessTokenSeconds(), CitizenView.of(citizen), null);
  }

  private Session staffSession(Staff member, String refresh) {
    String access =
        tokens.accessToken(
            member.id,
            Set.of(member.role),
            Map.of(
                "departments", java.util.List.of(member.departments),
                "regions", java.util.List.of(member.regions),
                "offices", java.util.List.of(member.offices),
                "canteens", java.util.List.of(member.canteens)));
    return new Session(
        access,
        refresh,
        tokens.accessTokenSeconds(),
        null,
        new Session.StaffView(
            member.id.toString(),
            member.username,
            member.displayName,
            member.role,
            member.departments,
            member.regions,
            member.offices,
            member.canteens));
  }
}
