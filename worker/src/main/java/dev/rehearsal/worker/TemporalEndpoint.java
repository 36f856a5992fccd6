package dev.rehearsal.worker;

/** Where this process talks to Temporal, and what kind of server that is (for logs and health). */
public record TemporalEndpoint(String target, String namespace, String kind, boolean persistent) {}
