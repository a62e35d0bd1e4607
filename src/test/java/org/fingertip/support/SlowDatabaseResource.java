package org.fingertip.support;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Test-only route that holds a pooled database connection for a while, like a slow query. */
@Path("/api/v1/test-support/slow-db")
public class SlowDatabaseResource {

  private final Pool pool;

  public SlowDatabaseResource(Pool pool) {
    this.pool = pool;
  }

  @GET
  @PermitAll
  @Operation(hidden = true)
  public Uni<String> sleep(@QueryParam("ms") int millis) {
    return pool.preparedQuery("SELECT pg_sleep($1)")
        .execute(Tuple.of(Math.min(millis, 30_000) / 1000.0))
        .map(rows -> "slept");
  }
}
