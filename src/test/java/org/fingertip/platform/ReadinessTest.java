package org.fingertip.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import org.fingertip.platform.embedded.EmbeddedServices;
import org.junit.jupiter.api.Test;

/** Readiness names the dependency that is down, and comes back by itself. */
@QuarkusTest
class ReadinessTest {

  @Test
  void shouldGoDownWhenObjectStoreStopsAndUpWhenItReturns() {
    given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    EmbeddedServices.control("s3.stop").run();
    try {
      given()
          .get("/q/health/ready")
          .then()
          .statusCode(503)
          .body("status", is("DOWN"))
          .body("checks.find { it.name == 'object-storage' }.status", is("DOWN"))
          .body("checks.name", hasItem("object-storage"));
      // liveness is about this process, not its dependencies
      given().get("/q/health/live").then().statusCode(200);
    } finally {
      EmbeddedServices.control("s3.start").run();
    }
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'object-storage' }.status", is("UP"));
  }

  @Test
  void shouldReportDatabaseInReadinessAndExposeMetrics() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
    given().get("/q/metrics").then().statusCode(200);
  }
}
