package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.workflows.steps.EvidenceRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One hash over what an approver reviews: every step's outcome, every gate's figures and verdict, and the sha256 of
 * every artifact. An approval may carry the digest its approver saw; if anything changed since (a rerun step, a new
 * gate), the approval is refused instead of signing off evidence nobody looked at. Deterministic, so safe in workflow
 * code: the same state always gives the same digest.
 */
final class EvidenceDigest {
  private EvidenceDigest() {}

  static String of(List<StepState> steps, List<GateState> gates) {
    StringBuilder text = new StringBuilder("rehearsal-evidence/v1\n");
    for (StepState s : steps) {
      text.append("step\t").append(s.name()).append('\t').append(s.status()).append('\t').append(s.attempts())
          .append('\t').append(s.verdict()).append('\t').append(s.summary()).append('\n');
      // What a step handed on is reviewed too (a secret one as its mask); a step with none hashes as it always did.
      s.outputs().forEach((name, value) -> text.append("output\t").append(name).append('\t').append(value).append('\n'));
      for (EvidenceRef e : s.evidence()) {
        text.append("artifact\t").append(e.name()).append('\t').append(e.size()).append('\t').append(e.sha256()).append('\n');
      }
    }
    for (GateState g : gates) {
      text.append("gate\t").append(g.name()).append('\t').append(g.verdict()).append('\t').append(g.value())
          .append('\t').append(g.thresholds()).append('\t').append(g.baseline()).append('\n');
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
