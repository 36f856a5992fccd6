package dev.rehearsal.api.history;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened to a run, for auditors. {@code seq} is the Temporal history event id it came from (0 for
 * refusals recorded after the run closed, which have no event).
 */
public record TimelineEntry(long seq, Instant at, String type, String actor, String step, Map<String, Object> detail) {}
