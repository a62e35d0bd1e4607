package org.fingertip.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Outbox dispatch and WeChat subscribe messages. */
@ConfigMapping(prefix = "fingertip.notification")
public interface NotificationConfig {

  /** Whether this instance drains the outbox on a schedule (tests drain by hand). */
  @WithDefault("true")
  boolean dispatchEnabled();

  @WithDefault("50")
  int batchSize();

  /** How long a claimed batch stays claimed; an instance that dies frees it after this. */
  @WithDefault("PT60S")
  Duration claimTimeout();

  @WithDefault("6")
  int maxAttempts();

  @WithDefault("PT10S")
  Duration firstRetryDelay();

  /** {@code formal}, {@code trial} or {@code developer} (WeChat's miniprogram_state). */
  @WithDefault("formal")
  String miniProgramState();

  /** WeChat subscribe-message templates by our template code; absent means inbox only. */
  Map<String, WeChatTemplate> wechatTemplates();

  /** One subscribe-message template: its id, the page it opens, and how params fill its keys. */
  interface WeChatTemplate {
    String id();

    Optional<String> page();

    /** WeChat key to our parameter, e.g. {@code thing1 -> title, time2 -> at}. */
    Map<String, String> fields();
  }
}
