package dev.rehearsal.activities.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.workflows.steps.EvidenceRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step's evidence file as kept: its bytes and their sha256, readable by the worker's user alone, no leftovers. */
class EvidencePutTest {
  @TempDir Path data;

  @Test
  void theFirstArtifactOfARunCreatesItsDirectoryAndIsKeptOwnerOnlyWithItsSha256() throws Exception {
    EvidenceStore store = new EvidenceStore(data);
    byte[] content = "GET /health -> 200 in 3 ms\n\nok".getBytes(StandardCharsets.UTF_8);

    EvidenceRef ref = store.put("rh-1", "health.a1.response.txt", content, false);

    Path file = data.resolve("evidence/rh-1/health.a1.response.txt");
    assertThat(Files.readAllBytes(file)).isEqualTo(content);
    assertThat(ref.sha256()).isEqualTo(EvidenceStore.sha256(file)).isEqualTo(EvidenceStore.sha256(content));
    assertThat(ref.size()).isEqualTo(content.length);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(names(file.getParent())).containsExactly("health.a1.response.txt");
  }

  @Test
  void aSecondPutOfTheSameNameReplacesTheArtifactWhole() throws Exception {
    EvidenceStore store = new EvidenceStore(data);
    store.put("rh-2", "step.a1.response.txt", "a much longer first version".getBytes(StandardCharsets.UTF_8), false);
    store.put("rh-2", "other.a1.response.txt", "x".getBytes(StandardCharsets.UTF_8), true);

    EvidenceRef ref = store.put("rh-2", "step.a1.response.txt", "short".getBytes(StandardCharsets.UTF_8), false);

    Path dir = data.resolve("evidence/rh-2");
    assertThat(Files.readString(dir.resolve("step.a1.response.txt"))).isEqualTo("short");
    assertThat(ref.sha256()).isEqualTo(EvidenceStore.sha256("short".getBytes(StandardCharsets.UTF_8)));
    assertThat(names(dir)).containsExactlyInAnyOrder("step.a1.response.txt", "other.a1.response.txt");
  }

  private static java.util.List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
