package org.fingertip.assistance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Deadlines of the workflow stages. */
@ConfigMapping(prefix = "fingertip.assistance")
public interface AssistanceConfig {

  /** Working days to accept or reject a submitted application at intake. */
  @WithDefault("3")
  int intakeWorkingDays();

  /** Working days the citizen has to provide requested materials. */
  @WithDefault("10")
  int supplementWorkingDays();

  /** Length of the public notice (民主评议/公示), in calendar days. */
  @WithDefault("P7D")
  Duration publicNotice();

  /** How often the supplement-deadline job runs ("off" disables it; tests trigger it). */
  @WithDefault("15m")
  String deadlineJobEvery();
}
