package dev.rehearsal.api.audit;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchiveVerifier;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.api.rehearsals.IndexAudit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** The one audit check, for the endpoint and the command alike: the archive, its head anchors, and the run index against it. */
final class AuditVerification {
  private AuditVerification() {}

  static ArchiveVerifier.Verification run(Path dataDir, Archive archive, EvidenceStore evidence, Optional<String> expectHead) {
    return new ArchiveVerifier(archive, evidence).verify(expectHead).with(IndexAudit.problems(dataDir, archive, Instant.now()));
  }
}
