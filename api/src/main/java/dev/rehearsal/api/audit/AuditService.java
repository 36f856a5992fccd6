package dev.rehearsal.api.audit;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchiveVerifier;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.api.rehearsals.RehearsalService;
import dev.rehearsal.api.rehearsals.RunFilter;
import dev.rehearsal.worker.RehearsalProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** What auditors ask of the archive as a whole, for the REST API and the console alike: is it intact, and the export. */
@Service
public class AuditService {
  private final RehearsalService rehearsals;
  private final Archive archive;
  private final EvidenceStore evidence;
  private final Path dataDir;
  private final Clock clock = Clock.systemUTC();

  public AuditService(RehearsalService rehearsals, Archive archive, EvidenceStore evidence, RehearsalProperties properties) {
    this.rehearsals = rehearsals;
    this.archive = archive;
    this.evidence = evidence;
    this.dataDir = properties.dataDir();
  }

  /** The archive re-hashed, its chain and head anchors checked, its histories replayed, the run index against it. */
  public ArchiveVerifier.Verification verify(Optional<String> expectHead) {
    return AuditVerification.run(dataDir, archive, evidence, expectHead);
  }

  /** Every run the filter matches, with every decision on it; a closed run's refusals after its close included. */
  public AuditExport.Export export(RunFilter filter) {
    // A closed run's state carries the refusals recorded after its close as well.
    return AuditExport.of(rehearsals.states(filter), rehearsals.refusedStarts(filter), clock.instant());
  }

  /** The export as RFC 4180 CSV, a row per decision. */
  public static String csv(AuditExport.Export export) {
    return AuditExport.csv(export);
  }
}
