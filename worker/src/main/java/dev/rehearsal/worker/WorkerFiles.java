package dev.rehearsal.worker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * The worker's own files: its data directory (evidence, archive, baselines, run index), /proc (its environment), the
 * audit head copy and the
 * configuration files Spring reads (where users and their token hashes are configured). No plan may read them as a
 * {@code ${file:...}} secret, even though the worker itself can.
 */
final class WorkerFiles {
  private static final List<String> CONFIG_LOCATIONS =
      List.of("spring.config.location", "spring.config.additional-location", "spring.config.import");

  private WorkerFiles() {}

  static List<Path> of(RehearsalProperties rehearsal, AuditProperties audit, Environment environment) {
    List<Path> files = new ArrayList<>(List.of(rehearsal.dataDir(), Path.of("/proc"), Path.of("config"), Path.of("application.yaml"),
        Path.of("application.yml"), Path.of("application.properties")));
    if (audit.headCopy() != null) {
      files.add(audit.headCopy());
    }
    for (String property : CONFIG_LOCATIONS) {
      for (String location : environment.getProperty(property, "").split("[,;]")) {
        String file = location.strip().replaceFirst("^optional:", "");
        if (file.startsWith("file:")) {
          files.add(Path.of(file.substring("file:".length())));
        } else if (file.startsWith("/")) {
          files.add(Path.of(file));
        }
      }
    }
    return files;
  }
}
