package dev.rehearsal.activities.steps;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.gates.ReportFile;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.plan.Artifact;
import dev.rehearsal.plan.CommandSpec;
import dev.rehearsal.plan.ReportGate;
import dev.rehearsal.workflows.steps.EvidenceRef;
import dev.rehearsal.workflows.steps.StepFailureType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps what a command wrote, once its processes are gone and before its working directory is removed: each artifact
 * (a file, a directory kept file by file with a sha256 manifest, or each file a glob matches) and each report its
 * gates read, within the step's {@code maxArtifactBytes}. Every secret the attempt revealed is masked in what is kept
 * (a tool may write a token it was given into its report); a file holding none is kept byte for byte.
 */
final class ArtifactKeeper {
  private final EvidenceStore evidence;

  ArtifactKeeper(EvidenceStore evidence) {
    this.evidence = evidence;
  }

  /** What was kept, the reports the gates read by path, and why the step must fail (null when it need not). */
  record Kept(List<EvidenceRef> refs, Map<String, ReportFile> reports, StepFailureType failure, String why) {}

  Kept keep(String runId, String prefix, WorkdirFiles files, CommandSpec spec, Collection<ReportGate> gates, SecretScope secrets) {
    Keeping keeping = new Keeping(runId, prefix, files, spec.maxArtifactBytesOrDefault(), secrets);
    Map<String, ReportFile> reports = new LinkedHashMap<>();
    try {
      for (Artifact artifact : spec.artifactsOrNone()) {
        keeping.artifact(artifact);
      }
      for (ReportGate gate : gates) {
        if (gate.file() != null && !reports.containsKey(gate.file())) {
          reports.put(gate.file(), keeping.report(gate.file()));
        }
      }
    } catch (WorkdirFiles.Refused refused) {
      return new Kept(keeping.refs, reports, StepFailureType.GUARD_REFUSED, refused.getMessage());
    } catch (WorkdirFiles.Forbidden forbidden) {
      return new Kept(keeping.refs, reports, StepFailureType.GUARD_REFUSED, forbidden.getMessage());
    } catch (Missing missing) {
      return new Kept(keeping.refs, reports, StepFailureType.ASSERTION_FAILED, missing.getMessage());
    }
    return new Kept(keeping.refs, reports, null, null);
  }

  /** A required artifact that is not there, or artifacts beyond the step's bound. */
  private static final class Missing extends RuntimeException {
    Missing(String message) {
      super(message, null, false, false);
    }
  }

  private final class Keeping {
    final String runId;
    final String prefix;
    final WorkdirFiles files;
    final long limit;
    final SecretScope secrets;
    final List<EvidenceRef> refs = new ArrayList<>();
    long used;

    Keeping(String runId, String prefix, WorkdirFiles files, long limit, SecretScope secrets) {
      this.runId = runId;
      this.prefix = prefix;
      this.files = files;
      this.limit = limit;
      this.secrets = secrets;
    }

    void artifact(Artifact artifact) {
      if (artifact.glob()) {
        List<Path> matched = files.glob(artifact.path());
        if (matched.isEmpty() && !artifact.optional()) {
          throw new Missing("artifact '" + artifact.path() + "' matched no file");
        }
        matched.forEach(file -> keepFile(file));
        return;
      }
      Optional<Path> found = files.find(artifact.path());
      if (found.isEmpty()) {
        if (!artifact.optional()) {
          throw new Missing("artifact '" + artifact.path() + "' was not written");
        }
      } else if (Files.isDirectory(found.get(), LinkOption.NOFOLLOW_LINKS)) {
        keepDirectory(found.get(), artifact.path());
      } else if (Files.isRegularFile(found.get(), LinkOption.NOFOLLOW_LINKS)) {
        keepFile(found.get());
      } else {
        throw new Missing("artifact '" + artifact.path() + "' is neither a file nor a directory");
      }
    }

    private void keepFile(Path file) {
      String relative = files.relative(file);
      reserve(relative, size(file));
      String name = name("artifact", relative);
      refs.add(kept(file, content -> evidence.copyIn(runId, name, content)));
    }

    private void keepDirectory(Path dir, String asked) {
      List<Path> all = files.filesUnder(dir, asked);
      reserve(asked, all.stream().mapToLong(ArtifactKeeper::size).sum());
      String name = name("artifact", files.relative(dir));
      evidence.freshDirectory(runId, name);
      all.forEach(file -> kept(file, content -> evidence.copyInto(runId, name, dir.relativize(file).toString(), content)));
      refs.addAll(evidence.sealDirectory(runId, name));
    }

    /** Hands the file's content, secrets masked, never read through a link, to {@code keep}. */
    private <T> T kept(Path file, Function<InputStream, T> keep) {
      try (InputStream content = secrets.masking(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS))) {
        return keep.apply(content);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + files.relative(file), e);
      }
    }

    ReportFile report(String file) {
      Optional<Path> found = files.find(file);
      if (found.isEmpty()) {
        return ReportFile.absent("report " + file + " was not written");
      }
      if (!Files.isRegularFile(found.get(), LinkOption.NOFOLLOW_LINKS)) {
        return ReportFile.absent("report " + file + " is not a file");
      }
      reserve(file, size(found.get()));
      try {
        byte[] content;
        try (java.io.InputStream in = Files.newInputStream(found.get(), LinkOption.NOFOLLOW_LINKS)) {
          content = in.readAllBytes();
        }
        byte[] masked = secrets.mask(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        refs.add(evidence.put(runId, name("report", file), masked, false));
        return ReportFile.of(content);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read report " + file, e);
      }
    }

    private void reserve(String what, long bytes) {
      used += bytes;
      if (used > limit) {
        throw new Missing("artifacts and reports exceed maxArtifactBytes (" + limit + " bytes) at '" + what + "' (" + used + " bytes so far)");
      }
    }

    /** {@code <step>.a<attempt>.<kind>.<path>}, the path's '/' as ':' (evidence names are flat); long paths shortened with a hash. */
    private String name(String kind, String relative) {
      String safe = relative.replace('/', ':').replaceAll("[^A-Za-z0-9._:-]", "_").replace("..", "._");
      if (safe.length() > 60) {
        safe = safe.substring(0, 40) + "-" + EvidenceStore.sha256(relative.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
      }
      String name = prefix + "." + kind + "." + safe;
      for (int n = 2; isTaken(name); n++) {
        name = prefix + "." + kind + "." + safe + "-" + n;
      }
      return name;
    }

    private boolean isTaken(String name) {
      return refs.stream().anyMatch(r -> r.name().equals(name));
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file.getFileName(), e);
    }
  }
}
