package dev.rehearsal.workflows.steps;

/** An artifact in the evidence store. History carries only this reference, never the bytes. */
public record EvidenceRef(String name, long size, String sha256, boolean truncated) {}
