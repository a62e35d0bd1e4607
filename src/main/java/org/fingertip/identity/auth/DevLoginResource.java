package org.fingertip.identity.auth;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Log in as any openid without WeChat, for local development and tests. Built only into the dev and
 * test profiles: the production build does not contain this route at all.
 */
@IfBuildProfile(anyOf = {"dev", "test"})
@Path("/api/v1/auth/dev-login")
@Tag(name = "Identity")
@PermitAll
public class DevLoginResource {

  private final CitizenLogin citizens;
  private final SessionService sessions;

  public DevLoginResource(CitizenLogin citizens, SessionService sessions) {
    this.citizens = citizens;
    this.sessions = sessions;
  }

  /** A made-up mini-program openid. */
  public record DevLoginRequest(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String openid, String unionid) {}

  @POST
  @Operation(summary = "Dev/test only: log in as a mini-program openid without WeChat")
  public Uni<Session> login(@NotNull @Valid DevLoginRequest request) {
    return citizens
        .findOrCreate(CitizenLogin.Channel.MINI_PROGRAM, request.openid(), request.unionid())
        .chain(sessions::forCitizen);
  }
}
