package org.fingertip.identity.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.fingertip.identity.CitizenView;

/**
 * What a login or refresh answers. {@code expiresIn} is the access token's lifetime in seconds;
 * {@code citizen} or {@code staff} says who logged in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Session(
    String accessToken, String refreshToken, long expiresIn, CitizenView citizen, StaffView staff) {

  /** A member of staff as their own login shows them. */
  public record StaffView(
      String id,
      String username,
      String displayName,
      String role,
      String[] departments,
      String[] regions,
      String[] offices,
      String[] canteens) {}
}
