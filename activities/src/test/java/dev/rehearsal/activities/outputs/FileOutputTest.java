package dev.rehearsal.activities.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutputTest {
  @TempDir Path dir;

  @Test
  void aFileInTheWorkingDirectoryIsReadWithoutItsTrailingNewline() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.writeString(Files.createDirectories(work.resolve("out")).resolve("id.txt"), "job-17\n");

    assertThat(FileOutput.read(work, "out/id.txt").value()).isEqualTo("job-17");
  }

  @Test
  void aLinkLeadingOutOfTheWorkingDirectoryIsRefusedAndNamed() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.writeString(dir.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(work.resolve("escape.txt"), dir.resolve("secret.txt"));

    TakenOutputs.Taken taken = FileOutput.read(work, "escape.txt");
    assertThat(taken.value()).isNull();
    assertThat(taken.why()).contains("escape.txt", "leaves the working directory");
    assertThat(FileOutput.read(work, "../secret.txt").why()).contains("leaves the working directory");
    Files.createLink(work.resolve("hard.txt"), dir.resolve("secret.txt"));
    assertThat(FileOutput.read(work, "hard.txt").why()).contains("hard link");
  }

  @Test
  void aMissingOrTooLargeFileIsAProblemNotAValue() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.write(work.resolve("big.txt"), new byte[FileOutput.MAX_BYTES + 1]);

    assertThat(FileOutput.read(work, "none.txt").why()).contains("was not written");
    assertThat(FileOutput.read(work, "big.txt").why()).contains("larger than");
  }
}
