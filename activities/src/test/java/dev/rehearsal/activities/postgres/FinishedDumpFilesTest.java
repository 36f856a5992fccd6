package dev.rehearsal.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinishedDumpFilesTest {
  @TempDir Path dir;

  @Test
  void eachTableFileThatPgDumpFinishedIsHashedAsTheManifestWouldHashIt() throws Exception {
    byte[] big = new byte[(int) MappedHash.CHUNK + 12_345];
    new Random(17).nextBytes(big);
    Path large = Files.write(dir.resolve("3001.dat"), big);
    Path small = Files.writeString(dir.resolve("3002.dat.gz"), "compressed rows");
    Files.writeString(dir.resolve("toc.dat"), "written at the end");

    Map<Path, String> hashed;
    try (FinishedDumpFiles finished = new FinishedDumpFiles(dir)) {
      finished.accept("pg_dump: finished item 3001 TABLE DATA events");
      finished.accept("pg_dump: finished item 3002 TABLE DATA orders");
      finished.accept("pg_dump: finished item 3003 TABLE DATA not_there");
      finished.accept("pg_dump: dumping contents of table \"public.items\"");
      hashed = finished.finish();
      finished.accept("pg_dump: finished item 3004 TABLE DATA after_the_end");
    }

    assertThat(hashed).containsOnlyKeys(large, small);
    assertThat(hashed.get(large)).isEqualTo(EvidenceStore.sha256(large));
    assertThat(hashed.get(small)).isEqualTo(EvidenceStore.sha256(small));
  }
}
