package dev.rehearsal.activities.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedCaptureTest {
  private static final int LIMIT = 4096;

  @Test
  void aLongLogKeepsItsHeadAndItsLastErrorWithTheCutMarked() {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      log.append("pg_restore: creating TABLE \"public.t").append(i).append("\"\n");
    }
    log.append("pg_restore: error: could not execute query: ERROR:  role \"reporting\" does not exist\n");
    List<String> lines = new ArrayList<>();

    BoundedCapture capture = BoundedCapture.drainHeadAndTail(stream(log.toString()), LIMIT, lines::add).awaitEnd(Duration.ofSeconds(10));

    String kept = new String(capture.bytes(), StandardCharsets.UTF_8);
    assertThat(kept).startsWith("pg_restore: creating TABLE \"public.t0\"\n")
        .endsWith("pg_restore: error: could not execute query: ERROR:  role \"reporting\" does not exist\n")
        .containsPattern("\\n\\[\\.\\.\\. \\d+ bytes cut here \\.\\.\\.\\]\\n");
    assertThat(kept.length()).isLessThan(LIMIT + 100);
    assertThat(capture.truncated()).isTrue();
    assertThat(capture.total()).isEqualTo(log.length());
    assertThat(lines).hasSize(2001);
  }

  @Test
  void aLogWithinTheLimitIsKeptWholeWithoutAMark() {
    String log = "pg_restore: creating TABLE \"public.t\"\n".repeat(100);

    BoundedCapture capture = BoundedCapture.drainHeadAndTail(stream(log), LIMIT, null).awaitEnd(Duration.ofSeconds(10));

    assertThat(new String(capture.bytes(), StandardCharsets.UTF_8)).isEqualTo(log);
    assertThat(capture.truncated()).isFalse();
  }

  @Test
  void aPlainDrainStillKeepsOnlyTheHead() {
    String log = "x".repeat(LIMIT) + "the end";

    BoundedCapture capture = BoundedCapture.drain(stream(log), LIMIT).awaitEnd(Duration.ofSeconds(10));

    assertThat(new String(capture.bytes(), StandardCharsets.UTF_8)).isEqualTo("x".repeat(LIMIT));
    assertThat(capture.truncated()).isTrue();
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
