package dev.rehearsal.activities.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PrometheusMetricTest {
  private static final String EXPOSITION = """
      # HELP celery_queue_length Tasks waiting.
      # TYPE celery_queue_length gauge
      celery_queue_length{queue="default",host="w1"} 12
      celery_queue_length{host="w1", queue="reports"} 3.5 1700000000000
      celery_queue_length{queue="odd \\"name\\", really"} 1e1
      celery_queue_length_total 1000
      celery_queue_lengths 77
      broken_line{queue="x" 5
      up 1
      """;

  @Test
  void aBareNameSumsEverySeriesOfThatMetricOnly() {
    assertThat(PrometheusMetric.parse("celery_queue_length").sumIn(EXPOSITION)).hasValue(25.5);
    assertThat(PrometheusMetric.parse("up").sumIn(EXPOSITION)).hasValue(1);
  }

  @Test
  void labelsSelectTheSeriesCarryingThemInAnyOrder() {
    assertThat(PrometheusMetric.parse("celery_queue_length{queue=\"reports\"}").sumIn(EXPOSITION)).hasValue(3.5);
    assertThat(PrometheusMetric.parse("celery_queue_length{host=\"w1\",queue=\"default\"}").sumIn(EXPOSITION))
        .hasValue(12);
    assertThat(PrometheusMetric.parse("celery_queue_length{queue=\"odd \\\"name\\\", really\"}").sumIn(EXPOSITION))
        .hasValue(10);
  }

  @Test
  void aMissingMetricHasNoValue() {
    assertThat(PrometheusMetric.parse("celery_queue_length{queue=\"none\"}").sumIn(EXPOSITION)).isEmpty();
    assertThat(PrometheusMetric.parse("broken_line").sumIn(EXPOSITION)).isEqualTo(OptionalDouble.empty());
    assertThatThrownBy(() -> PrometheusMetric.parse("{queue=\"x\"}")).isInstanceOf(IllegalArgumentException.class);
  }
}
