package org.fingertip.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * openapi/fingertip.yaml is the contract clients code against; it must equal what the code serves.
 * To refresh it after changing routes: {@code ./mvnw test -Dtest=OpenApiContractTest
 * -Dopenapi.update=true}, then review and commit the diff.
 */
@QuarkusTest
class OpenApiContractTest {

  private static final Path COMMITTED = Path.of("openapi", "fingertip.yaml");

  @Test
  void shouldMatchCommittedContract() throws Exception {
    String served =
        given()
            .queryParam("format", "yaml")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    if (Boolean.getBoolean("openapi.update")) {
      Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(COMMITTED))
        .as(
            "openapi/fingertip.yaml is missing; run ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.update=true")
        .isTrue();
    String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
    assertThat(served)
        .as(
            "openapi/fingertip.yaml differs from /q/openapi. If the change is intended, run"
                + " ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.update=true and commit the file")
        .isEqualTo(committed);
  }
}
