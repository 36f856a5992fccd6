package dev.rehearsal.worker;

/** Where this process talks to Temporal, and what kind of server that is (for logs, health and the API's tokens). */
public record TemporalEndpoint(String target, String namespace, TemporalServerKind kind) {
  public boolean persistent() {
    return kind.persistent();
  }
}
