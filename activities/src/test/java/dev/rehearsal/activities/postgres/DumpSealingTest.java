package dev.rehearsal.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.activities.evidence.EvidenceStore;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpSealingTest {
  @TempDir Path dir;

  @Test
  void anAttemptThatEndsFirstStopsTheSealingAndWaitsUntilItHasStopped() throws Exception {
    CountDownLatch hashing = new CountDownLatch(1);
    AtomicBoolean left = new AtomicBoolean();
    DumpSealing<String> sealing = new DumpSealing<>(() -> {
      try {
        hashing.countDown();
        // A hash loop that stops only when interrupted, then a flush that ends on its own.
        while (!Thread.currentThread().isInterrupted()) {
          Thread.onSpinWait();
        }
        Thread.interrupted();
        Thread.sleep(300);
        return "sealed";
      } finally {
        left.set(true);
      }
    });
    assertThat(hashing.await(10, TimeUnit.SECONDS)).isTrue();

    sealing.close();

    assertThat(left).as("the sealing has stopped when close returns").isTrue();
  }

  @Test
  void aSealedResultIsReturnedAndCloseAfterwardsChangesNothing() {
    try (DumpSealing<String> sealing = new DumpSealing<>(() -> "sealed")) {
      assertThat(sealing.join()).isEqualTo("sealed");
    }
  }

  @Test
  void anInterruptedSealWritesNoManifest() throws Exception {
    EvidenceStore evidence = new EvidenceStore(dir);
    Path dump = evidence.directory("run", "step.a1.dump");
    Files.createDirectories(dump);
    Files.writeString(dump.resolve("toc.dat"), "x".repeat(100_000));

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> evidence.sealDirectory("run", "step.a1.dump")).isInstanceOf(UncheckedIOException.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(evidence.find("run", "step.a1.dump.sha256")).isEmpty();
  }
}
