package dev.rehearsal.activities.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkdirFilesTest {
  @TempDir Path dir;

  @Test
  void aFileInTheWorkingDirectoryIsReadWithoutItsTrailingNewline() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.writeString(Files.createDirectories(work.resolve("out")).resolve("id.txt"), "job-17\n");

    assertThat(WorkdirFiles.read(work, "out/id.txt").value()).isEqualTo("job-17");
  }

  @Test
  void aLinkLeadingOutOfTheWorkingDirectoryIsRefusedAndNamed() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.writeString(dir.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(work.resolve("escape.txt"), dir.resolve("secret.txt"));

    TakenOutputs.Taken taken = WorkdirFiles.read(work, "escape.txt");
    assertThat(taken.value()).isNull();
    assertThat(taken.why()).contains("escape.txt", "outside the working directory");
    assertThat(WorkdirFiles.read(work, "../secret.txt").why()).contains("outside the working directory");
    Files.createLink(work.resolve("hard.txt"), dir.resolve("secret.txt"));
    assertThat(WorkdirFiles.read(work, "hard.txt").why()).contains("hard link");
  }

  @Test
  void aMissingOrTooLargeFileIsAProblemNotAValue() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.write(work.resolve("big.txt"), new byte[WorkdirFiles.MAX_BYTES + 1]);

    assertThat(WorkdirFiles.read(work, "none.txt").why()).contains("was not written");
    assertThat(WorkdirFiles.read(work, "big.txt").why()).contains("larger than");
  }
}
