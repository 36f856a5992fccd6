package dev.rehearsal.activities.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class LatencyChartTest {

  private static LoadReport report(List<LoadReport.Window> windows) {
    return new LoadReport("open", 100.0, 98.5, 15, 0, 64, 5, 0, 1478, 1478, 3, 0, 0, 0.0, 3 / 1478.0,
        new LoadReport.Latency(0, null, null, null, null, null), Map.of(), windows, null, null, false, null);
  }

  private static LoadReport.Window window(double start, double p50, double p95, double p99) {
    return new LoadReport.Window(start, start + 5, 500, 1, 500, 100.0, 100.0, p50, p95, p99, p99 * 1.5);
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void threeLinesOverTheWindowsWithAxesAndLegend() throws Exception {
    String svg = LatencyChart.svg(report(List.of(
        window(0, 12, 40, 90), window(5, 15, 800, 2100.5), window(10, 11, 35, 70))));
    Document doc = parse(svg);

    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo("800");
    assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(3);
    assertThat(svg).contains(">p50<", ">p95<", ">p99<", "latency (ms)", "seconds", "Latency over time", ">2500<")
        .doesNotContain("no samples");
  }

  @Test
  void aWindowWithoutCompletionsBreaksTheLinesAndIsShaded() throws Exception {
    String svg = LatencyChart.svg(report(List.of(window(0, 12, 40, 90),
        new LoadReport.Window(5, 10, 0, 0, 250, 100.0, 50.0, null, null, null, null), window(10, 900, 1800, 2000))));
    Document doc = parse(svg);
    assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(6);
    assertThat(svg).contains("no request completed");
  }

  @Test
  void zeroOrOneWindowStillMakesAChart() throws Exception {
    String empty = LatencyChart.svg(report(List.of()));
    assertThat(parse(empty).getElementsByTagName("polyline").getLength()).isZero();
    assertThat(empty).contains("no samples");

    String idle = LatencyChart.svg(report(List.of(
        new LoadReport.Window(0, 5, 0, 0, 0, 0.0, 0, null, null, null, null))));
    assertThat(idle).contains("no samples");
    parse(idle);

    String one = LatencyChart.svg(report(List.of(window(0, 3, 5, 9))));
    Document doc = parse(one);
    assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(3);
    assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo(3);
  }
}
