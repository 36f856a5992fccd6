package dev.rehearsal.api.audit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchiveVerifier;
import dev.rehearsal.activities.archive.HeadAnchor;
import dev.rehearsal.activities.evidence.EvidenceStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar rehearsal.jar audit verify --data-dir DIR [--head-copy FILE] [--expect-head HEX]}: the audit check
 * without starting the app (or Temporal), for an auditor holding a copy of the data directory: the archive, the run
 * index against it, the chain head copy kept outside the data directory, and a head the auditor noted earlier. Exit 0
 * when intact, 1 on any problem, 2 on misuse.
 */
public final class AuditCommand {
  private static final String USAGE = "usage: java -jar rehearsal.jar audit verify --data-dir DIR [--head-copy FILE] [--expect-head HEX]";
  private static final List<String> OPTIONS = List.of("--data-dir", "--head-copy", "--expect-head");

  private AuditCommand() {}

  public static boolean isCommand(String[] args) {
    return args.length > 0 && args[0].equals("audit");
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> options = new HashMap<>();
    for (int i = 2; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (!OPTIONS.contains(name) || (eq < 0 && i + 1 >= args.length)) {
        err.println("unknown argument " + arg + "\n" + USAGE);
        return 2;
      }
      options.put(name, eq < 0 ? args[++i] : arg.substring(eq + 1));
    }
    String expectHead = options.get("--expect-head");
    if (args.length < 2 || !args[1].equals("verify") || !options.containsKey("--data-dir")
        || (expectHead != null && !HeadAnchor.isHead(expectHead))) {
      err.println(USAGE + "\n  --expect-head takes the chain head's manifest sha256 (64 hex digits)");
      return 2;
    }
    Path dataDir = Path.of(options.get("--data-dir"));
    if (!Files.isDirectory(dataDir.resolve("archive"))) {
      err.println("no archive in " + dataDir.toAbsolutePath() + " (expected " + dataDir.resolve("archive") + ")");
      return 1;
    }
    // The replayer's embedded Temporal logs at DEBUG without Spring's logging setup; the report is the output.
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    Archive archive;
    try {
      archive = new Archive(dataDir, Optional.ofNullable(options.get("--head-copy")).map(Path::of).map(HeadAnchor::new));
    } catch (IllegalStateException insideDataDir) {
      err.println(insideDataDir.getMessage());
      return 2;
    }
    ArchiveVerifier.Verification result = AuditVerification.run(dataDir, archive, new EvidenceStore(dataDir), Optional.ofNullable(expectHead));
    result.problems().forEach(problem -> out.println("PROBLEM " + problem));
    out.println((result.ok() ? "OK: " : "FAILED: ") + result.runs() + " archived runs, " + result.problems().size()
        + " problems; chain head #" + result.headSequence() + " " + (result.headManifest() == null ? "-" : result.headManifest()));
    return result.ok() ? 0 : 1;
  }
}
