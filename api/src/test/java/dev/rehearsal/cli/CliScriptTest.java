package dev.rehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/rehearsal under dash (Debian's /bin/sh), with a stand-in {@code java} on the PATH that records how it was
 * started and exits 3 (a FAILED run): whatever happens to the cache, the command runs and its own exit code comes back.
 */
class CliScriptTest {
  private static final Path SCRIPT = Path.of("..", "bin", "rehearsal").toAbsolutePath().normalize();
  private static final int COMMAND_EXIT = 3;

  @TempDir
  Path dir;

  private Path jar;

  @BeforeEach
  void standInJava() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
    Files.writeString(dir.resolve("jdk/release"), "JAVA_RUNTIME_VERSION=\"17.0.99+1\"\n");
    Path java = bin.resolve("java");
    // Extraction makes the jar's directory; a run prints its arguments, writes an archive it is asked for, exits 3.
    Files.writeString(java, """
        #!/bin/sh
        prev=
        for a in "$@"; do
          case $a in -XX:ArchiveClassesAtExit=*) echo archive > "${a#*=}" ;; esac
          if [ "$prev" = --destination ]; then mkdir -p "$a" && : > "$a/rehearsal.jar"; exit 0; fi
          prev=$a
        done
        echo "java $*"
        exit %d
        """.formatted(COMMAND_EXIT));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    jar = Files.writeString(dir.resolve("rehearsal.jar"), "not really a jar");
  }

  @Test
  void aCacheThatCannotBeWrittenFallsBackToPlainJavaWithTheCommandsOwnExitCode() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    // Warmed by another user (an image build): the jar is extracted, this command has no archive yet.
    assertThat(script(cache, "validate", "plan.yaml").exit).isEqualTo(COMMAND_EXIT);
    String mount = "mount --bind '" + cache + "' '" + cache + "' && mount -o remount,ro,bind '" + cache + "' && dash '"
        + SCRIPT + "' status rh-1";
    Run readOnly = run(List.of("unshare", "-m", "sh", "-c", mount), cache);

    assertThat(readOnly.exit).as(readOnly.err).isEqualTo(COMMAND_EXIT);
    assertThat(readOnly.out).contains("/rehearsal.jar status rh-1").doesNotContain("ArchiveClassesAtExit");
  }

  @Test
  void aCacheDirectoryThatIsAFileFallsBackToTheJarItself() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("cache-file"), "x");

    Run run = script(notADirectory, "status", "rh-1");

    assertThat(run.exit).as(run.err).isEqualTo(COMMAND_EXIT);
    assertThat(run.out).contains("-jar " + jar + " status rh-1");
  }

  @Test
  void optionsBeforeTheCommandRunTheCommandNotTheServer() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("cache"));

    Run options = script(cache, "--url", "http://127.0.0.1:1", "status", "rh-1");
    Run server = script(cache, "--server.port=18080");

    assertThat(options.exit).isEqualTo(COMMAND_EXIT);
    assertThat(options.out).contains("-XX:TieredStopAtLevel=1").contains("--url http://127.0.0.1:1 status rh-1");
    assertThat(Files.exists(cache.resolve("rehearsal")) && listArchives(cache).contains("status.jsa")).isTrue();
    assertThat(server.out.strip()).isEqualTo("java -jar " + jar + " --server.port=18080");
  }

  @Test
  void aMissingJarIsOneLineAndAUsageExitNotTheServersRefusal() throws Exception {
    Run run = run(List.of("dash", SCRIPT.toString(), "status", "rh-1"), dir.resolve("cache"),
        Map.of("REHEARSAL_JAR", dir.resolve("missing.jar").toString()));

    assertThat(run.exit).isEqualTo(64);
    assertThat(run.err.lines()).singleElement().asString().contains("no readable jar at").contains("missing.jar");
  }

  private List<String> listArchives(Path cache) throws IOException {
    try (var files = Files.walk(cache)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  private Run script(Path cache, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("dash", SCRIPT.toString()));
    command.addAll(List.of(args));
    return run(command, cache);
  }

  private Run run(List<String> command, Path cache) throws Exception {
    return run(command, cache, Map.of());
  }

  private Run run(List<String> command, Path cache, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PATH", dir.resolve("jdk/bin") + ":/usr/sbin:/usr/bin:/sbin:/bin");
    builder.environment().put("XDG_CACHE_HOME", cache.toString());
    builder.environment().put("REHEARSAL_JAR", jar.toString());
    builder.environment().putAll(env);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private record Run(int exit, String out, String err) {}
}
