package dev.rehearsal.api.console.audit;

import dev.rehearsal.activities.archive.ArchiveVerifier;
import java.util.List;

/**
 * The archive check as the audit page shows it: intact or damaged (in words, not only colour), how many archived runs
 * it covered, the chain head an auditor can note and check later ({@code expectHead}), and every problem found.
 */
public record VerifyView(boolean ok, String verdict, int runs, long headSequence, String headManifest, List<String> problems) {

  static VerifyView of(ArchiveVerifier.Verification verification) {
    return new VerifyView(verification.ok(), verification.ok() ? "Intact" : "Damaged", verification.runs(),
        verification.headSequence(), verification.headManifest() == null ? "none yet" : verification.headManifest(),
        verification.problems().stream().map(ArchiveVerifier.Problem::toString).toList());
  }
}
