package dev.rehearsal.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.RehearsalApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Issue 10, finding 6: tokens stay hashed outside local mode, and generated development tokens are only printed. */
class TokenStartupTest {
  @TempDir Path dir;

  @Test
  void aPlaintextTokenIsRefusedAtStartWhenTemporalIsRemote() {
    assertThatThrownBy(() -> start(
        "--temporal.address=127.0.0.1:1",
        "--rehearsal.security.users[0].name=bob",
        "--rehearsal.security.users[0].roles=APPROVER",
        "--rehearsal.security.users[0].token=bob-plain-token").close())
        .hasRootCauseMessage("rehearsal.security.users[0] (bob): plaintext tokens are refused outside local mode"
            + " (TEMPORAL_ADDRESS is set); configure the token's digest instead: token: \"sha256:<hex>\", the output of"
            + " printf %s \"$TOKEN\" | sha256sum");
  }

  @Test
  void generatedDevelopmentTokensArePrintedAndNeverWrittenToDisk() throws Exception {
    Path log = dir.resolve("rehearsal.log");
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new TeeStream(console, printed), true, StandardCharsets.UTF_8));
    try {
      start("--temporal.local-port=0", "--logging.file.name=" + log).close();
    } finally {
      System.setOut(console);
    }

    Matcher token = Pattern.compile("Bearer (dev-[0-9a-f]{48})").matcher(printed.toString(StandardCharsets.UTF_8));
    assertThat(token.find()).as("a development token printed on standard output").isTrue();
    assertThat(Files.readString(log)).contains("development tokens generated").doesNotContain(token.group(1));
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(token.group(1));
      }
    }
  }

  private ConfigurableApplicationContext start(String... args) {
    String[] all = Stream.concat(Stream.of("--server.port=0", "--rehearsal.data-dir=" + dir.resolve("data")), Stream.of(args))
        .toArray(String[]::new);
    return new SpringApplicationBuilder(RehearsalApplication.class).run(all);
  }

  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws java.io.IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}
