package org.fingertip.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;

/** Uploading a document to an application, as the mini-program does (multipart). */
public final class Uploads {

  private Uploads() {}

  public static ValidatableResponse upload(
      Citizens.LoggedIn who,
      String applicationId,
      String type,
      byte[] bytes,
      String fileName,
      String contentType) {
    return given()
        .auth()
        .oauth2(who.accessToken())
        .multiPart("type", type)
        .multiPart("file", fileName, bytes, contentType)
        .post("/api/v1/applications/" + applicationId + "/documents")
        .then();
  }
}
