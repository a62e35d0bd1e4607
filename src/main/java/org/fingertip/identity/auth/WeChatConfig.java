package org.fingertip.identity.auth;

import io.smallrye.config.ConfigMapping;

/** Credentials of the mini-program and of the mobile app (Open Platform). */
@ConfigMapping(prefix = "fingertip.wechat")
public interface WeChatConfig {

  Credentials miniProgram();

  Credentials app();

  /** An app id and its secret. */
  interface Credentials {
    String appId();

    String secret();
  }
}
