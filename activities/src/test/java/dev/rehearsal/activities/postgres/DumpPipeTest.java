package dev.rehearsal.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityExecutionContext;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream copy's pipeline {@code pg_dump | tee | pg_restore}, with stand-in tools. */
class DumpPipeTest {
  private static final PgAddress SOURCE = PgAddress.parse("postgresql://app:s3cret@127.0.0.1:5/prod");
  private static final PgAddress TARGET = PgAddress.parse("postgresql://app:s3cret@127.0.0.1:5/staging");
  /** A heartbeat that goes nowhere: the pipes here end or are stopped before one is due. */
  private static final ActivityExecutionContext CONTEXT = (ActivityExecutionContext) Proxy.newProxyInstance(
      DumpPipeTest.class.getClassLoader(), new Class<?>[] {ActivityExecutionContext.class}, (proxy, method, args) -> null);

  @TempDir Path dir;

  @Test
  void pgRestoreGetsEveryByteAndTheKeptFileIsHashedBehindTee() throws Exception {
    Path bin = bin();
    Path received = dir.resolve("received");
    script(bin.resolve("pg_dump"), "seq 1 2000000");
    script(bin.resolve("pg_restore"), "cat > " + received + "; echo 'pg_restore: done' >&2");
    Path file = dir.resolve("copy.dump.partial");

    DumpPipe.Outcome outcome = start(bin, System.getenv("PATH"), file).await(CONTEXT, Duration.ofSeconds(60), () -> null);

    byte[] expected = new ProcessBuilder("seq", "1", "2000000").start().getInputStream().readAllBytes();
    assertThat(outcome.dumpExit()).contains(0);
    assertThat(outcome.restoreExit()).contains(0);
    assertThat(outcome.copyError()).isNull();
    assertThat(Files.readAllBytes(received)).isEqualTo(expected);
    assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    assertThat(outcome.bytes()).isEqualTo(expected.length);
    assertThat(outcome.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected)));
    assertThat(outcome.restoreLog()).contains("pg_restore: done");
  }

  @Test
  void aTeeThatCannotKeepTheDumpFailsTheCopyWithItsMessage() throws Exception {
    Path bin = bin();
    Path teeDir = Files.createDirectories(dir.resolve("tee-bin"));
    script(bin.resolve("pg_dump"), "seq 1 1000");
    // Still building after its input ended (as pg_restore builds indexes) when tee reports its failure.
    script(bin.resolve("pg_restore"), "cat > /dev/null; sleep 1");
    script(teeDir.resolve("tee"), "cat; echo \"tee: $1: No space left on device\" >&2; exit 1");

    DumpPipe.Outcome outcome = start(bin, teeDir + ":" + System.getenv("PATH"), dir.resolve("copy.dump.partial"))
        .await(CONTEXT, Duration.ofSeconds(60), () -> null);

    assertThat(outcome.dumpExit()).contains(0);
    assertThat(outcome.restoreExit()).contains(0);
    assertThat(outcome.sha256()).isNull();
    assertThat(outcome.copyError()).startsWith("tee exited 1: tee: ").endsWith("No space left on device");
  }

  @Test
  void theTimeoutKillsAllThreeTools() throws Exception {
    Path bin = bin();
    Path pids = dir.resolve("pids");
    script(bin.resolve("pg_dump"), "echo $$ >> " + pids + "; printf start; exec sleep 120");
    script(bin.resolve("pg_restore"), "echo $$ >> " + pids + "; exec cat > /dev/null");
    DumpPipe pipe = start(bin, System.getenv("PATH"), dir.resolve("copy.dump.partial"));
    while (!Files.exists(pids) || Files.readAllLines(pids).size() < 2) {
      Thread.sleep(10);
    }
    List<ProcessHandle> tools = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    assertThat(tools).extracting(p -> p.info().command().orElse("")).anyMatch(c -> c.endsWith("/tee"));

    DumpPipe.Outcome outcome = pipe.await(CONTEXT, Duration.ofMillis(300), () -> null);

    assertThat(outcome.dumpExit()).isEmpty();
    assertThat(outcome.restoreExit()).isEmpty();
    assertThat(outcome.sha256()).isNull();
    assertThat(tools).as("pg_dump (sleeping), tee and pg_restore (cat)").hasSize(3).noneMatch(ProcessHandle::isAlive);
  }

  private DumpPipe start(Path bin, String path, Path file) {
    PgTools tools = new PgTools(bin, name -> name.equals("PATH") ? path : System.getenv(name));
    return DumpPipe.start(tools, SOURCE, List.of("pg_dump", "-Fc"), TARGET, List.of("pg_restore", "-d", "staging"), file, line -> {});
  }

  private Path bin() throws Exception {
    return Files.createDirectories(dir.resolve("bin"));
  }

  private static void script(Path file, String body) throws Exception {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
