package org.fingertip.identity.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.fingertip.platform.problem.ProblemException;

/**
 * Exchanges a WeChat login code for the user's openid (and unionid). The session_key and the OAuth
 * access token in WeChat's answers are dropped here: they never reach a client, a log line or the
 * database. One attempt per login, with a short timeout: a retry storm against a busy WeChat helps
 * nobody.
 */
@ApplicationScoped
public class WeChatLogin {

  /** Who WeChat says the user is. */
  public record WeChatIdentity(String openid, String unionid) {}

  private final WeChatApi api;
  private final WeChatConfig config;
  private final ObjectMapper mapper;

  public WeChatLogin(@RestClient WeChatApi api, WeChatConfig config, ObjectMapper mapper) {
    this.api = api;
    this.config = config;
    this.mapper = mapper;
  }

  public Uni<WeChatIdentity> miniProgram(String code) {
    var c = config.miniProgram();
    return call(api.jscode2session(c.appId(), c.secret(), code, "authorization_code"));
  }

  public Uni<WeChatIdentity> app(String code) {
    var c = config.app();
    return call(api.oauthAccessToken(c.appId(), c.secret(), code, "authorization_code"));
  }

  private Uni<WeChatIdentity> call(Uni<String> request) {
    return request
        .onFailure()
        .transform(
            e -> {
              Log.warnf("WeChat login call failed: %s", e.getClass().getSimpleName());
              return unavailable();
            })
        .map(this::parse);
  }

  private WeChatIdentity parse(String body) {
    JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (Exception e) {
      Log.warn("WeChat answered with something that is not JSON");
      throw unavailable();
    }
    int errcode = json.path("errcode").asInt(0);
    if (errcode != 0) {
      throw problemFor(errcode);
    }
    String openid = json.path("openid").asText(null);
    if (openid == null || openid.isBlank()) {
      Log.warn("WeChat answered without an openid");
      throw unavailable();
    }
    String unionid = json.path("unionid").asText(null);
    return new WeChatIdentity(openid, unionid == null || unionid.isBlank() ? null : unionid);
  }

  static ProblemException problemFor(int errcode) {
    return switch (errcode) {
      case 40029, 40163 ->
          new ProblemException(401, "WECHAT_CODE_INVALID", "微信登录凭证无效或已使用，请重新进入小程序再试");
      case 45011 -> ProblemException.retryLater(429, "WECHAT_RATE_LIMITED", "登录过于频繁，请一分钟后再试", 60);
      case 40226 ->
          ProblemException.forbidden("WECHAT_USER_BLOCKED", "微信判定该账号存在风险，暂时无法登录；请通过微信安全中心处理后再试");
      default -> {
        if (errcode != -1) {
          // 40013 invalid appid, 40125 invalid secret …: our configuration, not the user's fault
          Log.errorf(
              "WeChat refused our login request with errcode %d: check fingertip.wechat.*",
              errcode);
        }
        yield unavailable();
      }
    };
  }

  private static ProblemException unavailable() {
    return ProblemException.retryLater(503, "WECHAT_UNAVAILABLE", "微信服务暂时繁忙，请稍后再试", 5);
  }
}
