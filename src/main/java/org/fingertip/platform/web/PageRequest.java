package org.fingertip.platform.web;

import jakarta.ws.rs.QueryParam;
import org.fingertip.platform.problem.ProblemException;

/**
 * {@code ?page=&size=} as a {@code @BeanParam}: pages count from 1, size is at most {@value
 * #MAX_SIZE}; anything else is a clear problem rather than a silent clamp. The parameters are read
 * as text because JAX-RS answers an unconvertible query parameter with a bare 404.
 */
public class PageRequest {

  public static final int MAX_SIZE = 100;
  public static final int DEFAULT_SIZE = 20;

  @QueryParam("page")
  String page;

  @QueryParam("size")
  String size;

  private int pageNumber = 1;
  private int pageSize = DEFAULT_SIZE;

  public PageRequest() {}

  public static PageRequest of(int page, int size) {
    PageRequest request = new PageRequest();
    request.page = Integer.toString(page);
    request.size = Integer.toString(size);
    return request.validated();
  }

  /** Parses and checks; call once at the top of the resource method. */
  public PageRequest validated() {
    pageNumber = parse(page, "page", 1);
    pageSize = parse(size, "size", DEFAULT_SIZE);
    if (pageNumber < 1) {
      throw ProblemException.invalidField("page", "RANGE", "页码从 1 开始");
    }
    if (pageSize < 1 || pageSize > MAX_SIZE) {
      throw ProblemException.invalidField(
          "size", "PAGE_SIZE_TOO_LARGE", "每页条数应在 1 到 " + MAX_SIZE + " 之间");
    }
    return this;
  }

  private static int parse(String value, String field, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.invalidField(field, "TYPE_MISMATCH", "应为整数");
    }
  }

  public int page() {
    return pageNumber;
  }

  public int size() {
    return pageSize;
  }

  public int offset() {
    return (pageNumber - 1) * pageSize;
  }
}
