package dev.rehearsal.activities.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of the probe figures, on hand-made samples. */
class ProbeSummaryTest {
  private static final long S = 1_000_000_000L;

  private static HealthPoller.Poll poll(double seconds, boolean healthy) {
    return new HealthPoller.Poll((long) (seconds * S), healthy, false);
  }

  @Test
  void degradedTimeRunsFromEachPollToTheNextWithinTheLoadPhase() {
    // Load from 1 s to 11 s. Warm-up ended degraded; healthy at 3 s, degraded at 8 s until the end.
    LoadReport.HealthReport h = HealthPoller.summarize(
        List.of(poll(0.5, false), poll(1.5, false), poll(3, true), poll(5, true), poll(8, false), poll(11.5, true)),
        1 * S, 11 * S);
    assertThat(h.polls()).isEqualTo(4);
    assertThat(h.degradedSeconds()).isEqualTo(2.0 + 3.0);
    assertThat(h.degradedShare()).isEqualTo(0.5);
    assertThat(h.transitions()).isEqualTo(2);
  }

  @Test
  void withoutWarmUpTheFirstStateIsCarriedBackAndNoPollsMeansNoShare() {
    LoadReport.HealthReport h = HealthPoller.summarize(
        List.of(new HealthPoller.Poll(S / 2, false, true), poll(2, true)), 0, 4 * S);
    assertThat(h.degradedSeconds()).isEqualTo(2.0);
    assertThat(h.failures()).isEqualTo(1);
    assertThat(h.transitions()).isEqualTo(1);

    LoadReport.HealthReport none = HealthPoller.summarize(List.of(), 0, 4 * S);
    assertThat(none.degradedShare()).isNull();
    assertThat(none.polls()).isZero();
  }

  @Test
  void queueRatesCompareTheLoadEndWithTheFirstAndLastSamples() {
    LoadReport.QueueReport q = QueueDepthPoller.summarize(List.of(
        new QueueDepthPoller.Reading(0, 10, true),
        new QueueDepthPoller.Reading(5, 60, true),
        new QueueDepthPoller.Reading(10, 110, true),
        new QueueDepthPoller.Reading(15, 70, false),
        new QueueDepthPoller.Reading(20, 30, false)), 6, 1, 10);
    assertThat(q.maxDepth()).isEqualTo(110);
    assertThat(q.depthAtLoadEnd()).isEqualTo(110);
    assertThat(q.finalDepth()).isEqualTo(30);
    assertThat(q.backlogGrowthRate()).isEqualTo(10.0);
    assertThat(q.drainRateAfterLoad()).isEqualTo(8.0);
    assertThat(q.polls()).isEqualTo(6);
    assertThat(q.failures()).isEqualTo(1);

    LoadReport.QueueReport noDrain = QueueDepthPoller.summarize(
        List.of(new QueueDepthPoller.Reading(0, 5, true), new QueueDepthPoller.Reading(2, 1, true)), 2, 0, 0);
    assertThat(noDrain.drainRateAfterLoad()).isNull();
    assertThat(noDrain.backlogGrowthRate()).isEqualTo(-2.0);
    assertThat(noDrain.finalDepth()).isEqualTo(1);

    LoadReport.QueueReport empty = QueueDepthPoller.summarize(List.of(), 3, 3, 5);
    assertThat(empty.maxDepth()).isNull();
    assertThat(empty.backlogGrowthRate()).isNull();
    assertThat(empty.drainRateAfterLoad()).isNull();
  }
}
