package dev.rehearsal.api.rehearsals;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.api.errors.DecisionRefused;
import dev.rehearsal.api.errors.StepNotFound;
import dev.rehearsal.api.http.RequestLimits;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.workflows.rehearsal.ApprovalRefusals;
import dev.rehearsal.workflows.rehearsal.CompletionCheck;
import dev.rehearsal.workflows.rehearsal.ManualCompletion;
import dev.rehearsal.workflows.rehearsal.ManualCompletionRecord;
import dev.rehearsal.workflows.rehearsal.RefusalReason;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.steps.EvidenceRef;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;

/**
 * People completing manual steps. The order matters: the form is checked, then the run is asked whether it would take
 * this completion (who, which step, what it carries), and only then are the attachments stored, with their sha256,
 * before the update carrying just their references is sent. A refusal at any point stores nothing (or removes what
 * this request stored when the run refuses at the last moment, such as the loser of two completions at once) and is
 * recorded like a refused approval.
 */
@Service
public class ManualCompletions {
  private final WorkflowClient client;
  private final RehearsalService rehearsals;
  private final RefusalRecorder refusals;
  private final EvidenceStore evidence;
  private final RequestLimits limits;
  private final MeterRegistry meters;

  public ManualCompletions(WorkflowClient client, RehearsalService rehearsals, RefusalRecorder refusals, EvidenceStore evidence,
      RequestLimits limits, MeterRegistry meters) {
    this.client = client;
    this.rehearsals = rehearsals;
    this.refusals = refusals;
    this.evidence = evidence;
    this.limits = limits;
    this.meters = meters;
  }

  /** {@code parameters} and {@code files} are the multipart body's text and file parts. */
  public ManualCompletionRecord complete(RehearsalUser user, String id, String step, Map<String, String[]> parameters,
      MultiValueMap<String, MultipartFile> files) {
    refusals.checkRate(user, id);
    CompletionForm form = CompletionForm.read(parameters, files, limits.attachment().toBytes());
    try {
      RunSteps.require(rehearsals, id, step);
    } catch (StepNotFound unknown) {
      refusals.unrecorded(user, id);
      throw unknown;
    }
    String attempt = "COMPLETE " + step + " " + (form.outcomeGiven() == null ? "(no outcome)" : form.outcomeGiven());
    if (!rehearsals.isOpen(id)) {
      throw refused(id, false, user, attempt, RefusalReason.NOT_WAITING, "the run is closed; it waits for no step");
    }
    if (form.outcome() == null) {
      throw refused(id, true, user, attempt, RefusalReason.INCOMPLETE_COMPLETION, "outcome must be CONFIRMED or FAILED;"
          + (form.outcomeGiven() == null ? " the completion has none" : " '" + form.outcomeGiven() + "' is neither"));
    }
    List<Pending> pending = new ArrayList<>();
    for (MultipartFile file : form.attachments()) {
      String name = AttachmentNames.preferred(step, pending.size() + 1, file.getOriginalFilename());
      pending.add(new Pending(file, pending.size() + 1, new EvidenceRef(name, file.getSize(), sha256(file), false)));
    }
    ManualCompletion completion = new ManualCompletion(user.name(), user.roleNames(), user.groups(), step,
        form.outcome(), form.note(), pending.stream().map(Pending::ref).toList());
    CompletionCheck check = stub(id).checkCompletion(completion);
    if (check.refused()) {
      throw refused(id, true, user, attempt, RefusalReason.ofType(check.reason()).orElseThrow(), check.message());
    }
    List<EvidenceRef> stored = store(id, step, pending);
    try {
      return stub(id).completeManualStep(new ManualCompletion(completion.actor(), completion.roles(), completion.groups(),
          step, completion.outcome(), completion.note(), stored));
    } catch (WorkflowNotFoundException closedMeanwhile) {
      remove(id, stored);
      throw refused(id, false, user, attempt, RefusalReason.NOT_WAITING, "the run is closed; it waits for no step");
    } catch (WorkflowUpdateException e) {
      remove(id, stored);
      ApprovalRefusals.Refusal refusal = ApprovalRefusals.of(e).orElse(null);
      if (refusal == null) {
        if (!rehearsals.isOpen(id)) {
          throw refused(id, false, user, attempt, RefusalReason.NOT_WAITING, "the run is closed; it waits for no step");
        }
        throw new IllegalStateException("completing a manual step failed unexpectedly", e);
      }
      throw refused(id, true, user, attempt, refusal.reason(), refusal.message());
    }
  }

  private record Pending(MultipartFile file, int index, EvidenceRef ref) {}

  /**
   * Kept under the names checked, or, where another completion holds one, under a name of this submission's own: a
   * kept file is never replaced, so removing what this request stored never touches another request's (recorded) file.
   * A file that changed between hashing and keeping is not what was checked.
   */
  private List<EvidenceRef> store(String id, String step, List<Pending> pending) {
    List<EvidenceRef> stored = new ArrayList<>();
    try {
      for (Pending p : pending) {
        EvidenceRef kept = keepUnderFreeName(id, step, p);
        stored.add(kept);
        if (!kept.sha256().equals(p.ref().sha256())) {
          throw new IllegalStateException("attachment " + p.ref().name() + " changed while it was stored");
        }
      }
      return stored;
    } catch (IOException | RuntimeException e) {
      remove(id, stored);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private EvidenceRef keepUnderFreeName(String id, String step, Pending p) throws IOException {
    String name = p.ref().name();
    for (int attempt = 0; attempt < 5; attempt++) {
      try (InputStream in = p.file().getInputStream()) {
        Optional<EvidenceRef> kept = evidence.copyInNew(id, name, in);
        if (kept.isPresent()) {
          return kept.get();
        }
      }
      name = AttachmentNames.ofNewSubmission(step, p.index(), p.file().getOriginalFilename());
    }
    throw new IllegalStateException("no free evidence name for attachment " + p.ref().name());
  }

  private void remove(String id, List<EvidenceRef> stored) {
    for (EvidenceRef ref : stored) {
      evidence.find(id, ref.name()).ifPresent(file -> {
        try {
          EvidenceStore.deleteRecursively(file);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot remove a refused attachment " + ref.name(), e);
        }
      });
    }
  }

  private DecisionRefused refused(String id, boolean open, RehearsalUser user, String attempt, RefusalReason reason,
      String message) {
    meters.counter("rehearsal.completions.refused").increment();
    refusals.approval(id, open, user, attempt, message);
    return new DecisionRefused(reason, message);
  }

  private static String sha256(MultipartFile file) {
    try (InputStream in = new DigestInputStream(file.getInputStream(), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read attachment " + file.getOriginalFilename(), e);
    }
  }

  private RehearsalWorkflow stub(String id) {
    return client.newWorkflowStub(RehearsalWorkflow.class, id);
  }
}
