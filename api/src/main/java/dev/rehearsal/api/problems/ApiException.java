package dev.rehearsal.api.problems;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A refusal the API answers with a problem document: what went wrong and what the caller can do. */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String title;
  private final transient Map<String, Object> properties;

  public ApiException(HttpStatus status, String title, String detail, Map<String, Object> properties) {
    super(detail);
    this.status = status;
    this.title = title;
    this.properties = Map.copyOf(properties);
  }

  public static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, "Not found", what, Map.of());
  }

  public static ApiException conflict(String detail) {
    return new ApiException(HttpStatus.CONFLICT, "Conflict", detail, Map.of());
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, "Bad request", detail, Map.of());
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
