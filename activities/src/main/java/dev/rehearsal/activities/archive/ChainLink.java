package dev.rehearsal.activities.archive;

import java.time.Instant;

/** One line of {@code chain.jsonl}: the run archived at {@code sequence} and the sha256 of its manifest. */
public record ChainLink(long sequence, String runId, String manifest, String previous, Instant archivedAt) {}
