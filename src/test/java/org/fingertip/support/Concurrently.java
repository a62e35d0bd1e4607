package org.fingertip.support;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Triggers a job twice at once, the way two instances (or two scheduler ticks) would: both calls
 * are subscribed, each on its own Vert.x context, before either completes.
 */
public final class Concurrently {

  private Concurrently() {}

  /**
   * Both results, in subscription order; fails if a call failed or they did not overlap. Neither
   * job body starts before both calls are subscribed (a gate each waits on, resumed on its own
   * context), so a job that finds nothing to do cannot finish before the other one begins.
   */
  public static <T> List<T> twice(Supplier<Uni<T>> job) throws Exception {
    AtomicInteger started = new AtomicInteger();
    CompletableFuture<Void> bothSubscribed = new CompletableFuture<>();
    AtomicInteger startedAtFirstEnd = new AtomicInteger(-1);
    List<CompletableFuture<T>> results =
        List.of(new CompletableFuture<>(), new CompletableFuture<>());
    for (CompletableFuture<T> result : results) {
      VertxContextSupport.subscribe(
          () ->
              Uni.createFrom()
                  .deferred(
                      () -> {
                        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
                        if (started.incrementAndGet() == 2) {
                          bothSubscribed.complete(null);
                        }
                        return Uni.createFrom()
                            .completionStage(bothSubscribed)
                            .emitOn(task -> context.runOnContext(ignored -> task.run()))
                            .chain(job::get);
                      })
                  .toMulti(),
          s ->
              s.with(
                  item -> {
                    startedAtFirstEnd.compareAndSet(-1, started.get());
                    result.complete(item);
                  },
                  failure -> {
                    startedAtFirstEnd.compareAndSet(-1, started.get());
                    result.completeExceptionally(failure);
                  },
                  () -> {
                    // a Uni<Void> ends without an item
                    startedAtFirstEnd.compareAndSet(-1, started.get());
                    result.complete(null);
                  }));
    }
    T first = results.get(0).get(60, TimeUnit.SECONDS);
    T second = results.get(1).get(60, TimeUnit.SECONDS);
    if (startedAtFirstEnd.get() != 2) {
      throw new AssertionError("the two runs did not overlap: one ended before the other began");
    }
    return java.util.Arrays.asList(first, second);
  }

  /**
   * Two blocking calls (e.g. HTTP requests to a staff trigger route) released together from two
   * threads behind a barrier; both results in order.
   */
  public static <T> java.util.List<T> twiceOverHttp(java.util.concurrent.Callable<T> call)
      throws Exception {
    java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.Callable<T> gated =
          () -> {
            barrier.await(30, TimeUnit.SECONDS);
            return call.call();
          };
      var one = pool.submit(gated);
      var two = pool.submit(gated);
      return java.util.Arrays.asList(one.get(60, TimeUnit.SECONDS), two.get(60, TimeUnit.SECONDS));
    } finally {
      pool.shutdown();
    }
  }
}
