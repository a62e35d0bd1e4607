package org.fingertip.identity;

import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.fingertip.platform.Roles;
import org.fingertip.platform.problem.ProblemException;

/** Who is calling, read from the verified access token. */
public record Caller(UUID id, Set<String> roles) {

  public static Caller of(JsonWebToken jwt) {
    if (jwt == null || jwt.getSubject() == null) {
      throw new ProblemException(401, "UNAUTHENTICATED", "请先登录");
    }
    try {
      return new Caller(UUID.fromString(jwt.getSubject()), jwt.getGroups());
    } catch (IllegalArgumentException e) {
      throw new ProblemException(401, "UNAUTHENTICATED", "登录凭证无效，请重新登录");
    }
  }

  public boolean isCitizen() {
    return roles.contains(Roles.CITIZEN);
  }

  public boolean isStaff() {
    return roles.contains(Roles.CASEWORKER)
        || roles.contains(Roles.REGISTRY_CLERK)
        || roles.contains(Roles.CANTEEN_OPERATOR)
        || roles.contains(Roles.ADMIN);
  }
}
