package dev.rehearsal.activities.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.activities.process.ReadAccess;
import dev.rehearsal.activities.process.StepIsolation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkdirFilesTest {
  @TempDir Path dir;

  @Test
  void theWorkersOwnFilesAreNeverReadForAStepEvenWhenTheStepRanAsTheWorker() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data/secret-outputs"));
    Files.writeString(data.resolve("key"), "aes-key");
    WorkdirFiles files = new WorkdirFiles(dir, ReadAccess.WORKER, new WorkerOwnFiles(List.of(dir.resolve("data"))));

    assertThatThrownBy(() -> files.find("data/secret-outputs/key")).isInstanceOf(WorkdirFiles.Forbidden.class)
        .hasMessageContaining("is the worker's own data or configuration");
    assertThatThrownBy(() -> files.glob("**")).isInstanceOf(WorkdirFiles.Forbidden.class);
  }

  @Test
  void theStepUsersPermissionsDecideWhatIsRead() throws Exception {
    ReadAccess nobody = StepIsolation.forThisProcess(null).access();
    assertThat(nobody.who()).as("the tests run as root, so steps run as nobody").contains("nobody");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path readable = Files.writeString(dir.resolve("readable.txt"), "ok");
    Path rootOnly = Files.writeString(dir.resolve("root-only.txt"), "no");
    Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rw-------"));
    Path unlisted = Files.createDirectories(dir.resolve("unlisted"));
    Files.writeString(unlisted.resolve("a.json"), "{}");
    Files.setPosixFilePermissions(unlisted, PosixFilePermissions.fromString("rwx--x--x"));
    WorkdirFiles files = new WorkdirFiles(dir, nobody, new WorkerOwnFiles(List.of()));

    assertThat(files.find("readable.txt")).contains(readable);
    assertThat(files.find("unlisted/a.json")).as("searchable is enough to read a file by name").isPresent();
    assertThatThrownBy(() -> files.find("root-only.txt")).isInstanceOf(WorkdirFiles.Forbidden.class)
        .hasMessageContaining("could not read " + rootOnly);
    assertThatThrownBy(() -> files.glob("unlisted/*.json")).isInstanceOf(WorkdirFiles.Forbidden.class)
        .hasMessageContaining("it may not list the directory");
  }
}
