package dev.rehearsal.api.console.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.workflows.rehearsal.GateState;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A load step's latency over its measured phase (p50, p95 and p99 of each window, from the figures in the step's
 * {@code summary.json}), with its latency gates' thresholds as lines, laid out for the page's inline SVG: coordinates
 * in a fixed view box, colours left to the stylesheet (the Content-Security-Policy allows no inline style). Each window
 * is drawn across its span, so a short load with a single window still shows as a line.
 */
public record LatencyChartView(String step, String label, List<Series> series, List<Tick> yTicks, List<Tick> xTicks,
    List<Threshold> thresholds) {
  static final int WIDTH = 640;
  static final int HEIGHT = 260;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 16;
  private static final int BOTTOM = 40;
  private static final double PLOT_W = WIDTH - LEFT - RIGHT;
  private static final double PLOT_H = HEIGHT - TOP - BOTTOM;
  private static final List<String> PERCENTILES = List.of("p50", "p95", "p99");

  /** One percentile's line: {@code points} as the SVG attribute wants them. */
  public record Series(String name, String points) {}

  /** An axis label at {@code at} (y for the value axis, x for the time axis). */
  public record Tick(String at, String label) {}

  /** A gate's bound drawn across the chart: {@code kind} is pass or warn. */
  public record Threshold(String y, String kind, String label) {}

  /** The chart for {@code step} from its summary; empty when no window had samples (nothing to draw is not a line at 0). */
  static java.util.Optional<LatencyChartView> of(String step, JsonNode summary, List<GateState> gates) {
    JsonNode figures = summary.has("figures") ? summary.get("figures") : summary;
    List<JsonNode> windows = new ArrayList<>();
    double maxMs = 0;
    double maxT = figures.path("measuredSeconds").asDouble(0);
    for (JsonNode w : figures.path("windows")) {
      if (w.path("count").asLong(0) > 0 && w.path("p99Ms").isNumber()) {
        windows.add(w);
        maxMs = Math.max(maxMs, w.path("p99Ms").asDouble());
      }
      maxT = Math.max(maxT, w.path("endSeconds").asDouble(w.path("startSeconds").asDouble(0)));
    }
    if (windows.isEmpty()) {
      return java.util.Optional.empty();
    }
    List<Bound> bounds = bounds(step, gates);
    for (Bound b : bounds) {
      maxMs = Math.max(maxMs, b.ms());
    }
    double yMax = niceCeiling(maxMs);
    double xMax = maxT > 0 ? maxT : 1;
    List<Series> series = new ArrayList<>();
    for (String p : PERCENTILES) {
      StringBuilder points = new StringBuilder();
      for (JsonNode w : windows) {
        if (w.path(p + "Ms").isNumber()) {
          String level = f(y(w.path(p + "Ms").asDouble(), yMax));
          double start = w.path("startSeconds").asDouble();
          points.append(points.isEmpty() ? "" : " ").append(f(x(start, xMax))).append(',').append(level)
              .append(' ').append(f(x(w.path("endSeconds").asDouble(start), xMax))).append(',').append(level);
        }
      }
      series.add(new Series(p, points.toString()));
    }
    List<Threshold> thresholds = bounds.stream()
        .map(b -> new Threshold(f(y(b.ms(), yMax)), b.kind(), b.label())).toList();
    List<Tick> yTicks = new ArrayList<>();
    for (int i = 0; i <= 4; i++) {
      double v = yMax * i / 4;
      yTicks.add(new Tick(f(y(v, yMax)), number(v)));
    }
    List<Tick> xTicks = new ArrayList<>();
    double every = niceStep(xMax / 6);
    for (double t = 0; t <= xMax + 1e-9; t += every) {
      xTicks.add(new Tick(f(x(t, xMax)), number(t) + " s"));
    }
    String label = step + ": latency (ms) of each window over the measured load, p50, p95 and p99";
    return java.util.Optional.of(new LatencyChartView(step, label, series, yTicks, xTicks, thresholds));
  }

  private record Bound(double ms, String kind, String label) {}

  /** The pass and warn bounds of the step's latency gates ({@code <step>.p95LatencyMs}...). */
  private static List<Bound> bounds(String step, List<GateState> gates) {
    List<Bound> bounds = new ArrayList<>();
    for (String p : PERCENTILES) {
      gates.stream().filter(g -> g.name().equals(step + "." + p + "LatencyMs") && g.thresholds() != null).findFirst()
          .ifPresent(g -> g.thresholds().forEach((kind, value) -> {
            if (value != null && (kind.equals("pass") || kind.equals("warn"))) {
              bounds.add(new Bound(value, kind, p + " " + kind + " ≤ " + number(value) + " ms"));
            }
          }));
    }
    return bounds;
  }

  /** The plot's edges in the view box (0 0 {@value #WIDTH} {@value #HEIGHT}), for the template's axes and labels. */
  public record Plot(int left, int right, int top, int bottom, int labelY) {}

  public Plot plot() {
    return new Plot(LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM, HEIGHT - BOTTOM + 18);
  }

  private static double x(double seconds, double xMax) {
    return LEFT + PLOT_W * seconds / xMax;
  }

  private static double y(double ms, double yMax) {
    return TOP + PLOT_H - PLOT_H * Math.min(ms, yMax) / yMax;
  }

  private static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * magnitude >= v) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static double niceStep(double rough) {
    return rough <= 0 ? 1 : niceCeiling(rough);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** {@code 1200}, {@code 1.5}, {@code 61.22}, {@code 0.0123}: four significant digits, no trailing zeros. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
