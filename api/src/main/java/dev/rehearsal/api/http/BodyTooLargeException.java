package dev.rehearsal.api.http;

import java.io.IOException;

/** A request body that ran past its limit while being read (chunked, or longer than it said). */
public class BodyTooLargeException extends IOException {
  private final long limit;

  BodyTooLargeException(long limit) {
    super("the request body is larger than " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
