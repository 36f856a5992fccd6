package dev.rehearsal.activities.archive;

import java.time.Instant;
import java.util.SortedMap;

/**
 * What one archived run holds: the sha256 of every file in its directory, and the sha256 of the manifest archived
 * before it ({@code previous}, null for the first), which chains every archived run to all earlier ones.
 */
public record ArchiveManifest(int format, long sequence, String runId, Instant archivedAt, String previous, SortedMap<String, String> files) {
  public static final int FORMAT = 1;
}
