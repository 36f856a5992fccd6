package dev.rehearsal.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FinishedItemLineTest {
  private final FinishedItemLine restore = new FinishedItemLine("pg_restore");

  @Test
  void readsTheLeadersLineAsPgRestorePrintsIt() {
    assertThat(restore.dumpId("pg_restore: finished item 3412 TABLE DATA public items_8")).hasValue(3412);
  }

  @Test
  void readsTheLineWhenAWorkersPrefixLandedBetweenTheLeadersPrefixAndItsMessage() {
    // What split lines look like: the worker's prefix inside the leader's line, and the leader's message alone.
    assertThat(restore.dumpId("pg_restore: pg_restore: finished item 3412 TABLE DATA public items_8")).hasValue(3412);
    assertThat(restore.dumpId("pg_restore:pg_restore:  finished item 3413 TABLE DATA public items_9")).hasValue(3413);
    assertThat(restore.dumpId("finished item 3414 TABLE DATA public items_10")).hasValue(3414);
  }

  @Test
  void noOtherLineReadsAsOneEvenWithATableNamedLikeIt() {
    assertThat(restore.dumpId("pg_restore: processing item 3412 TABLE DATA public items_8")).isEmpty();
    assertThat(restore.dumpId("pg_restore: processing data for table \"public.finished item 7 TABLE DATA x\"")).isEmpty();
    assertThat(restore.dumpId("pg_restore: creating TABLE \"public. finished item 7 TABLE DATA x\"")).isEmpty();
    assertThat(restore.dumpId("pg_dump: finished item 3412 TABLE DATA public items_8")).as("another program's line").isEqualTo(OptionalInt.empty());
    assertThat(restore.dumpId("pg_restore: finished item 3412 INDEX public items_8_pkey")).as("not table data").isEmpty();
  }

  @Test
  void readsPgDumpsLinesWithItsOwnPrefix() {
    FinishedItemLine dump = new FinishedItemLine("pg_dump");
    assertThat(dump.dumpId("pg_dump: pg_dump: finished item 51 TABLE DATA public orders")).hasValue(51);
    assertThat(dump.dumpId("pg_restore: finished item 51 TABLE DATA public orders")).isEmpty();
  }
}
