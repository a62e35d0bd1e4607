package org.fingertip.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Conditional GETs for public, hot reads: the body is serialised once, its SHA-256 is the strong
 * ETag, and a matching {@code If-None-Match} gets 304 without a body. Clients and proxies may keep
 * a response for {@link #MAX_AGE_SECONDS}; after that they revalidate cheaply.
 */
@ApplicationScoped
public class HttpCaching {

  static final int MAX_AGE_SECONDS = 60;
  static final String CACHE_CONTROL = "public, max-age=" + MAX_AGE_SECONDS;

  private final ObjectMapper mapper;

  public HttpCaching(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A serialised response body and its ETag, ready to be served again (and cached). */
  public record Body(byte[] bytes, String etag) {}

  public Body prepare(Object entity) {
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(entity);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response not serialisable", e);
    }
    return new Body(body, "\"" + digest(body) + "\"");
  }

  public Response respond(Object entity, String ifNoneMatch) {
    return respond(prepare(entity), ifNoneMatch);
  }

  public Response respond(Body prepared, String ifNoneMatch) {
    byte[] body = prepared.bytes();
    String etag = prepared.etag();
    if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
      return Response.notModified()
          .header("ETag", etag)
          .header("Cache-Control", CACHE_CONTROL)
          .build();
    }
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
        .header("ETag", etag)
        .header("Cache-Control", CACHE_CONTROL)
        .build();
  }

  private static boolean matches(String header, String etag) {
    for (String candidate : header.split(",")) {
      String c = candidate.strip();
      if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  private static String digest(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
