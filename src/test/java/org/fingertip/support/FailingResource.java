package org.fingertip.support;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Test-only route that fails the way a bug would, to prove no stack trace reaches the client. */
@Path("/api/v1/test-support/boom")
public class FailingResource {

  @GET
  @PermitAll
  @Operation(hidden = true)
  public String boom() {
    throw new IllegalStateException("secret internal detail: org.fingertip.Boom at line 42");
  }
}
