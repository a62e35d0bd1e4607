package org.fingertip.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import java.util.concurrent.CompletionException;
import org.fingertip.platform.problem.Problems;
import org.junit.jupiter.api.Test;

/** Which failures mean "a dependency is down or saturated" (answered 503 + Retry-After). */
class ProblemsTest {

  @Test
  void shouldTreatThePoolAcquisitionTimeoutAsDependencyDown() {
    // what the reactive pool fails a Hibernate Reactive request with when no connection frees up
    // within fingertip.database-pool.connection-timeout (seen as a 500 in the lunch-rush benchmark)
    NoStackTraceThrowable poolTimeout = new NoStackTraceThrowable("Timeout");

    assertThat(Problems.isDependencyDown(poolTimeout)).isTrue();
    assertThat(Problems.isDependencyDown(new CompletionException(poolTimeout))).isTrue();
    assertThat(Problems.isDependencyDown(new VertxException("Connection timeout", true))).isTrue();
  }

  @Test
  void shouldNotTreatOtherVertxFailuresAsDependencyDown() {
    assertThat(Problems.isDependencyDown(new NoStackTraceThrowable("Boom"))).isFalse();
    assertThat(Problems.isDependencyDown(new IllegalStateException("timeout in our code")))
        .isFalse();
  }
}
