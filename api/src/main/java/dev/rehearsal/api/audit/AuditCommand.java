package dev.rehearsal.api.audit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.rehearsal.activities.archive.ArchiveVerifier;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar rehearsal.jar audit verify --data-dir DIR}: the archive check without starting the app (or
 * Temporal), for an auditor holding a copy of the data directory. Exit 0 when intact, 1 on any problem, 2 on misuse.
 */
public final class AuditCommand {
  private static final String USAGE = "usage: java -jar rehearsal.jar audit verify --data-dir DIR";

  private AuditCommand() {}

  public static boolean isCommand(String[] args) {
    return args.length > 0 && args[0].equals("audit");
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path dataDir = null;
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("--data-dir") && i + 1 < args.length) {
        dataDir = Path.of(args[++i]);
      } else if (args[i].startsWith("--data-dir=")) {
        dataDir = Path.of(args[i].substring("--data-dir=".length()));
      } else {
        err.println("unknown argument " + args[i] + "\n" + USAGE);
        return 2;
      }
    }
    if (args.length < 2 || !args[1].equals("verify") || dataDir == null) {
      err.println(USAGE);
      return 2;
    }
    if (!Files.isDirectory(dataDir.resolve("archive"))) {
      err.println("no archive in " + dataDir.toAbsolutePath() + " (expected " + dataDir.resolve("archive") + ")");
      return 1;
    }
    // The replayer's embedded Temporal logs at DEBUG without Spring's logging setup; the report is the output.
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    ArchiveVerifier.Verification result = new ArchiveVerifier(dataDir).verify();
    result.problems().forEach(problem -> out.println("PROBLEM " + problem));
    out.println((result.ok() ? "OK: " : "FAILED: ") + result.runs() + " archived runs, " + result.problems().size()
        + " problems; chain head #" + result.headSequence() + " " + (result.headManifest() == null ? "-" : result.headManifest()));
    return result.ok() ? 0 : 1;
  }
}
