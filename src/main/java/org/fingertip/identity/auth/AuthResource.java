package org.fingertip.identity.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fingertip.platform.web.RateLimiter;

/** Logins (WeChat for citizens, password for staff), token refresh and logout. */
@Path("/api/v1/auth")
@Tag(name = "Identity")
@PermitAll
public class AuthResource {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final WeChatLogin weChat;
  private final CitizenLogin citizens;
  private final StaffLogin staffLogin;
  private final SessionService sessions;
  private final TokenService tokens;
  private final RateLimiter limiter;
  private final AuthConfig config;

  public AuthResource(
      WeChatLogin weChat,
      CitizenLogin citizens,
      StaffLogin staffLogin,
      SessionService sessions,
      TokenService tokens,
      RateLimiter limiter,
      AuthConfig config) {
    this.weChat = weChat;
    this.citizens = citizens;
    this.staffLogin = staffLogin;
    this.sessions = sessions;
    this.tokens = tokens;
    this.limiter = limiter;
    this.config = config;
  }

  /** The code from {@code wx.login()} or the app's WeChat OAuth. */
  public record CodeRequest(@NotBlank @Size(max = 128) String code) {}

  public record RefreshRequest(@NotBlank @Size(max = 128) String refreshToken) {}

  public record StaffLoginRequest(
      @NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {}

  @POST
  @Path("/wechat/mini-program")
  @Operation(summary = "Log in from the mini-program with the code of wx.login()")
  public Uni<Session> miniProgram(
      @NotNull @Valid CodeRequest request, @Context HttpServerRequest http) {
    limitIp(http);
    return weChat
        .miniProgram(request.code())
        .invoke(id -> limitAccount("mp:" + id.openid()))
        .chain(
            id ->
                citizens.findOrCreate(CitizenLogin.Channel.MINI_PROGRAM, id.openid(), id.unionid()))
        .chain(sessions::forCitizen);
  }

  @POST
  @Path("/wechat/app")
  @Operation(summary = "Log in from the mobile app with a WeChat OAuth code")
  public Uni<Session> app(@NotNull @Valid CodeRequest request, @Context HttpServerRequest http) {
    limitIp(http);
    return weChat
        .app(request.code())
        .invoke(id -> limitAccount("app:" + id.openid()))
        .chain(id -> citizens.findOrCreate(CitizenLogin.Channel.APP, id.openid(), id.unionid()))
        .chain(sessions::forCitizen);
  }

  @POST
  @Path("/refresh")
  @Operation(summary = "Exchange a refresh token for a new pair; the old refresh token dies")
  public Uni<Session> refresh(
      @NotNull @Valid RefreshRequest request, @Context HttpServerRequest http) {
    limitIp(http);
    limitAccount("refresh:" + TokenService.hash(request.refreshToken()));
    return sessions.refresh(request.refreshToken());
  }

  @POST
  @Path("/logout")
  @Operation(summary = "Revoke the refresh token's whole family (this login on every device)")
  public Uni<Void> logout(@NotNull @Valid RefreshRequest request) {
    return tokens.logout(request.refreshToken());
  }

  @POST
  @Path("/staff")
  @Operation(summary = "Staff login with username and password")
  public Uni<Session> staff(
      @NotNull @Valid StaffLoginRequest request, @Context HttpServerRequest http) {
    limitIp(http);
    limitAccount("staff:" + request.username());
    return staffLogin.login(request.username(), request.password()).chain(sessions::forStaff);
  }

  private void limitIp(HttpServerRequest http) {
    String ip = http.remoteAddress() == null ? "unknown" : http.remoteAddress().host();
    limiter.check("login-ip:" + ip, config.perIpPerMinute(), MINUTE);
  }

  private void limitAccount(String account) {
    limiter.check("login-account:" + account, config.perAccountPerMinute(), MINUTE);
  }
}
