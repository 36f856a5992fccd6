package dev.rehearsal.activities.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.process.ReadAccess;
import dev.rehearsal.activities.steps.WorkdirFiles;
import dev.rehearsal.activities.steps.WorkerOwnFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutputTest {
  @TempDir Path dir;

  @Test
  void aFileInTheWorkingDirectoryIsReadWithoutItsTrailingNewline() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.writeString(Files.createDirectories(work.resolve("out")).resolve("id.txt"), "job-17\n");

    assertThat(read(work, "out/id.txt").value()).isEqualTo("job-17");
  }

  @Test
  void aLinkLeadingOutOfTheWorkingDirectoryIsRefusedAndNamed() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.writeString(dir.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(work.resolve("escape.txt"), dir.resolve("secret.txt"));

    TakenOutputs.Taken taken = read(work, "escape.txt");
    assertThat(taken.value()).isNull();
    assertThat(taken.why()).contains("escape.txt", "leaves the working directory");
    assertThat(read(work, "../secret.txt").why()).contains("leaves the working directory");
    Files.createLink(work.resolve("hard.txt"), dir.resolve("secret.txt"));
    assertThat(read(work, "hard.txt").why()).contains("hard link");
  }

  @Test
  void aMissingOrTooLargeFileIsAProblemNotAValue() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.write(work.resolve("big.txt"), new byte[FileOutput.MAX_BYTES + 1]);

    assertThat(read(work, "none.txt").why()).contains("was not written");
    assertThat(read(work, "big.txt").why()).contains("larger than");
  }

  /** As a worker not running as root reads it (its steps run as itself): links and second names still refused. */
  private static TakenOutputs.Taken read(Path work, String file) {
    return FileOutput.read(new WorkdirFiles(work, ReadAccess.WORKER, new WorkerOwnFiles(List.of())), file);
  }
}
