package dev.rehearsal.api.errors;

import java.util.List;

/** A parameter or field the caller can correct; {@code allowed} lists the values it may take, where they are few. */
public final class InvalidRequest extends RehearsalException {
  private final transient List<String> allowed;

  public InvalidRequest(String detail) {
    this(detail, List.of());
  }

  public InvalidRequest(String detail, List<String> allowed) {
    super(detail);
    this.allowed = List.copyOf(allowed);
  }

  public List<String> allowed() {
    return allowed;
  }
}
