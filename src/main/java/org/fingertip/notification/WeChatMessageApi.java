package org.fingertip.notification;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** WeChat server APIs for subscribe messages; bodies read as text (errors come with HTTP 200). */
@RegisterRestClient(configKey = "wechat")
@Produces(MediaType.WILDCARD)
@Consumes(MediaType.APPLICATION_JSON)
public interface WeChatMessageApi {

  /**
   * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html
   */
  @POST
  @Path("/cgi-bin/stable_token")
  Uni<String> stableToken(String body);

  /**
   * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
   */
  @POST
  @Path("/cgi-bin/message/subscribe/send")
  Uni<String> send(@QueryParam("access_token") String accessToken, String body);
}
