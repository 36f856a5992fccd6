package dev.rehearsal.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CensusTest {
  private static final Census.Scope EVERYTHING = new Census.Scope(true, true);

  @Test
  void anIdenticalCopyHasNoDifferences() {
    assertThat(source().differences(source(), EVERYTHING)).isEmpty();
  }

  @Test
  void everyKindOfDifferenceIsNamed() {
    Census copy = new Census(Map.of("public.orders", 299_999L, "public.extra", 0L),
        sequences(null), Map.of("public", Map.of("tables", 3L, "indexes", 2L)));

    assertThat(source().differences(copy, EVERYTHING)).containsExactly(
        "table public.customers is missing from the copy",
        "table public.extra is in the copy but not in the source",
        "table public.orders: rows 299999 in the copy, 300000 in the source",
        "sequence public.invoice_no_seq: value null in the copy, 41999 in the source",
        "schema public: tables 3 in the copy, 2 in the source");
  }

  @Test
  void aTableFilteredSnapshotIgnoresWhatItDidNotDump() {
    Census copy = new Census(Map.of("public.orders", 300_000L, "public.customers", 30_000L, "public.other", 5L),
        sequences(41_999L), Map.of("public", Map.of("tables", 3L)));

    assertThat(source().differences(copy, new Census.Scope(true, false))).isEmpty();
    assertThat(source().differences(copy, new Census.Scope(false, true))).containsExactly(
        "schema public: indexes 0 in the copy, 2 in the source",
        "schema public: tables 3 in the copy, 2 in the source");
  }

  @Test
  void narrowingKeepsOnlyWhatTheDumpHolds() {
    Census narrowed = source().narrowedTo(List.of("public.orders"), List.of(), List.of("public", "audit"));
    assertThat(narrowed.rows()).containsOnlyKeys("public.orders");
    assertThat(narrowed.sequences()).isEmpty();
    assertThat(narrowed.objects()).containsOnlyKeys("public");
    assertThat(narrowed.totalRows()).isEqualTo(300_000L);
  }

  private static Census source() {
    return new Census(new TreeMap<>(Map.of("public.orders", 300_000L, "public.customers", 30_000L)),
        sequences(41_999L), Map.of("public", Map.of("tables", 2L, "indexes", 2L)));
  }

  private static Map<String, Long> sequences(Long invoice) {
    Map<String, Long> s = new HashMap<>();
    s.put("public.invoice_no_seq", invoice);
    return s;
  }
}
