package org.fingertip.platform.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the reactive PostgreSQL pool with the limits Quarkus has no setting for, so that a
 * database that is down or saturated makes requests fail fast (503) instead of hanging: a request
 * waits at most {@code connection-timeout} for a connection, at most {@code max-wait-queue-size}
 * requests wait at all, and opening a TCP connection gives up after {@code connect-timeout}.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

  private final Duration connectionTimeout;
  private final int maxWaitQueueSize;
  private final Duration connectTimeout;

  public DatabasePool(
      @ConfigProperty(name = "fingertip.database-pool.connection-timeout", defaultValue = "3s")
          Duration connectionTimeout,
      @ConfigProperty(name = "fingertip.database-pool.max-wait-queue-size", defaultValue = "200")
          int maxWaitQueueSize,
      @ConfigProperty(name = "fingertip.database-pool.connect-timeout", defaultValue = "2s")
          Duration connectTimeout) {
    this.connectionTimeout = connectionTimeout;
    this.maxWaitQueueSize = maxWaitQueueSize;
    this.connectTimeout = connectTimeout;
  }

  @Override
  public Pool create(Input input) {
    PoolOptions options =
        new PoolOptions(input.poolOptions())
            .setConnectionTimeout((int) connectionTimeout.toMillis())
            .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
            .setMaxWaitQueueSize(maxWaitQueueSize);
    List<SqlConnectOptions> servers = new ArrayList<>();
    for (PgConnectOptions server : input.pgConnectOptionsList()) {
      servers.add(new PgConnectOptions(server).setConnectTimeout((int) connectTimeout.toMillis()));
    }
    return PgBuilder.pool().with(options).connectingTo(servers).using(input.vertx()).build();
  }
}
