package dev.rehearsal.activities.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.workflows.archive.ArchiveResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archiving reads only the chain lines appended since it last looked, yet chains every run to the chain's real last
 * line: lines another process appended, a line torn by a crash, and a chain cut short behind its back.
 */
class ArchiveChainReadTest {
  @TempDir Path data;

  @Test
  void runsArchivedByAnotherProcessAreChainedOnNotOverwritten() {
    Archive mine = new Archive(data);
    Archive theirs = new Archive(data);
    mine.write("rh-1", files("rh-1"));
    ArchiveResult second = theirs.write("rh-2", files("rh-2"));
    ArchiveResult third = mine.write("rh-3", files("rh-3"));

    assertThat(third.sequence()).isEqualTo(3);
    assertThat(third.previousSha256()).isEqualTo(second.manifestSha256());
    assertThat(mine.archivedIds()).containsExactlyInAnyOrder("rh-1", "rh-2", "rh-3");
    assertThat(mine.write("rh-2", files("rh-2")).sequence()).as("a run already archived elsewhere").isEqualTo(2);
    assertThat(mine.chain().parse().links()).extracting(ChainLink::runId).containsExactly("rh-1", "rh-2", "rh-3");
  }

  @Test
  void aTornLastLineIsCutOffAndTheNextRunChainsToTheLastCompleteOne() throws Exception {
    Archive archive = new Archive(data);
    ArchiveResult first = archive.write("rh-1", files("rh-1"));
    Files.writeString(archive.chain().file(), "{\"sequence\":2,\"runId\":\"rh-t", StandardOpenOption.APPEND);

    ArchiveResult next = archive.write("rh-2", files("rh-2"));

    assertThat(next.sequence()).isEqualTo(2);
    assertThat(next.previousSha256()).isEqualTo(first.manifestSha256());
    ArchiveChain.Parsed all = archive.chain().parse();
    assertThat(all.unreadable()).isEmpty();
    assertThat(all.links()).extracting(ChainLink::runId).containsExactly("rh-1", "rh-2");
  }

  @Test
  void aChainCutShortIsReadAgainInFull() throws Exception {
    Archive archive = new Archive(data);
    archive.write("rh-1", files("rh-1"));
    ArchiveResult second = archive.write("rh-2", files("rh-2"));
    archive.write("rh-3", files("rh-3"));
    Path chain = archive.chain().file();
    List<String> lines = Files.readAllLines(chain, StandardCharsets.UTF_8);
    Files.writeString(chain, lines.get(0) + "\n" + lines.get(1) + "\n");

    ArchiveResult next = archive.write("rh-4", files("rh-4"));

    assertThat(next.sequence()).as("chained to the line that is really last now").isEqualTo(3);
    assertThat(next.previousSha256()).isEqualTo(second.manifestSha256());
    assertThat(archive.archivedIds()).containsExactlyInAnyOrder("rh-1", "rh-2", "rh-4");
  }

  @Test
  void aDamagedLineAppendedBehindItsBackStopsArchiving() throws Exception {
    Archive archive = new Archive(data);
    archive.write("rh-1", files("rh-1"));
    Files.writeString(archive.chain().file(), "not a link\n", StandardOpenOption.APPEND);

    assertThatThrownBy(() -> archive.write("rh-2", files("rh-2")))
        .hasMessageContaining("chain.jsonl line 2 is not a chain link");
    assertThat(archive.archivedIds()).containsExactly("rh-1");
  }

  private static Map<String, byte[]> files(String id) {
    return Map.of(Archive.STATE, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
  }
}
