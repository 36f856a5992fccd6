package dev.rehearsal.workflows.postgres;

import dev.rehearsal.plan.SnapshotSpec;
import dev.rehearsal.workflows.steps.EvidenceRef;

/**
 * What a restore needs to know of a snapshot: the dump directory (its sha256 is over the dump's file manifest) and
 * the census of the source taken with it, both in the evidence store; and the snapshot's options, which decide what
 * a faithful copy can be checked for.
 */
public record SnapshotRef(String step, EvidenceRef dump, EvidenceRef census, SnapshotSpec spec) {}
