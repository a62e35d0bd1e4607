package org.fingertip.identity.auth;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * WeChat's login endpoints. Bodies are read as text: jscode2session answers with a text/plain
 * content type, and errors come as {@code errcode}/{@code errmsg} JSON with HTTP 200.
 */
@RegisterRestClient(configKey = "wechat")
@Produces(MediaType.WILDCARD)
public interface WeChatApi {

  /**
   * Mini-program login:
   * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
   */
  @GET
  @Path("/sns/jscode2session")
  Uni<String> jscode2session(
      @QueryParam("appid") String appId,
      @QueryParam("secret") String secret,
      @QueryParam("js_code") String code,
      @QueryParam("grant_type") String grantType);

  /** App (Open Platform) OAuth code exchange. */
  @GET
  @Path("/sns/oauth2/access_token")
  Uni<String> oauthAccessToken(
      @QueryParam("appid") String appId,
      @QueryParam("secret") String secret,
      @QueryParam("code") String code,
      @QueryParam("grant_type") String grantType);
}
