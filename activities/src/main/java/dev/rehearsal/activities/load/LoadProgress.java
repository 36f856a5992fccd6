package dev.rehearsal.activities.load;

/**
 * A heartbeat-sized snapshot, reported four times a second. Counts are those of the current phase: warm-up
 * requests during {@code warmup}, measured requests during {@code load} and {@code drain} (the time after the load
 * while in-flight requests finish and the queue probe watches the drain). {@code achievedRate} is the phase's sent
 * requests per second so far.
 */
public record LoadProgress(
    String phase, long elapsedMillis, long sent, long completed, long errors, long dropped, double achievedRate) {}
