package dev.rehearsal.activities.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.workflows.archive.ArchiveResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's archive write that waits for its turn says so about once a second (the archive activity heartbeats), and
 * gives up when told to stop (a timed-out attempt's heartbeat throws): waiters never pile up behind a busy archive.
 */
class ArchiveWaitTest {
  @TempDir Path data;

  @Test
  void aWriteWaitingForItsTurnSaysSoEverySecondAndThenWrites() throws Exception {
    Archive archive = new Archive(data);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> other = holdTheLock(archive, release);

    AtomicInteger told = new AtomicInteger();
    CompletableFuture<ArchiveResult> waiting = CompletableFuture.supplyAsync(() -> archive.write("rh-1", files(), told::incrementAndGet));
    Thread.sleep(2_500);
    assertThat(waiting).isNotDone();
    assertThat(told.get()).as("times it said it waits in 2.5 s").isBetween(2, 3);

    release.countDown();
    other.get(5, TimeUnit.SECONDS);
    assertThat(waiting.get(5, TimeUnit.SECONDS).sequence()).isEqualTo(1);
    assertThat(archive.archivedIds()).containsExactly("rh-1");
  }

  @Test
  void aWriteToldToStopWhileWaitingWritesNothing() throws Exception {
    Archive archive = new Archive(data);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> other = holdTheLock(archive, release);

    assertThatThrownBy(() -> archive.write("rh-1", files(), () -> {
      throw new IllegalStateException("this attempt timed out");
    })).hasMessage("this attempt timed out");
    release.countDown();
    other.get(5, TimeUnit.SECONDS);
    assertThat(archive.archivedIds()).isEmpty();
  }

  @Test
  void aWriteWaitingForAnotherProcessSaysSoEverySecondAndThenWrites() throws Exception {
    Archive archive = new Archive(data);
    java.nio.file.Files.createDirectories(data.resolve("archive"));
    Path locker = data.resolve("Locker.java");
    java.nio.file.Files.writeString(locker, """
        import java.nio.channels.FileChannel;
        import java.nio.file.*;
        public class Locker {
          public static void main(String[] args) throws Exception {
            try (FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                var lock = c.lock()) {
              System.out.println("locked");
              System.out.flush();
              Thread.sleep(Long.parseLong(args[1]));
            }
          }
        }
        """);
    Path lockFile = archive.chain().file().resolveSibling(".lock");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process other = new ProcessBuilder(java, locker.toString(), lockFile.toString(), "3000").start();
    try {
      assertThat(new String(other.getInputStream().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("locked");
      AtomicInteger told = new AtomicInteger();
      ArchiveResult written = archive.write("rh-1", files(), told::incrementAndGet);
      assertThat(written.sequence()).isEqualTo(1);
      assertThat(told.get()).as("times it said it waits for the other process").isBetween(1, 4);
    } finally {
      other.destroyForcibly().waitFor();
    }
  }

  /** Another thread of this process takes the archive's lock and holds it until {@code release}. */
  private static CompletableFuture<Void> holdTheLock(Archive archive, CountDownLatch release) throws InterruptedException {
    CountDownLatch busy = new CountDownLatch(1);
    CompletableFuture<Void> other = CompletableFuture.runAsync(() -> archive.chain().locked(() -> {
      busy.countDown();
      await(release);
      return null;
    }));
    busy.await(5, TimeUnit.SECONDS);
    return other;
  }

  private static Map<String, byte[]> files() {
    return Map.of(Archive.STATE, "{\"id\":\"rh-1\"}".getBytes(StandardCharsets.UTF_8));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
