package org.fingertip.platform.web;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Moving work off the event loop and back, so a reactive session can be used afterwards. */
public final class VertxContexts {

  private VertxContexts() {}

  /** Delivers the result on the Vert.x context of the caller (if any). */
  public static <T> Uni<T> onCallerContext(Uni<T> uni) {
    Context context = Vertx.currentContext();
    if (context == null) {
      return uni;
    }
    Executor executor = task -> context.runOnContext(v -> task.run());
    return uni.emitOn(executor);
  }

  /** Runs blocking work (hashing, file I/O) on a worker and comes back to the caller's context. */
  public static <T> Uni<T> blocking(Supplier<T> work) {
    return onCallerContext(
        Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
  }
}
