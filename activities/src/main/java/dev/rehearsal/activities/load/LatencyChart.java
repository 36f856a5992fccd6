package dev.rehearsal.activities.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A standalone SVG of latency over the measured phase: p50, p95 and p99 of each window, plotted at the window's
 * start. Meant to be embedded in the report as is (no scripts, no external fonts or styles).
 */
public final class LatencyChart {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 300;
  private static final int LEFT = 64;
  private static final int RIGHT = 112;
  private static final int TOP = 40;
  private static final int BOTTOM = 44;
  private static final int PLOT_W = WIDTH - LEFT - RIGHT;
  private static final int PLOT_H = HEIGHT - TOP - BOTTOM;

  private record Series(String label, String color, Function<LoadReport.Window, Double> value) {}

  private static final List<Series> SERIES = List.of(
      new Series("p50", "#2b8a3e", LoadReport.Window::p50Ms),
      new Series("p95", "#e67700", LoadReport.Window::p95Ms),
      new Series("p99", "#c92a2a", LoadReport.Window::p99Ms));

  private LatencyChart() {}

  public static String svg(LoadReport report) {
    List<LoadReport.Window> windows = new ArrayList<>();
    double maxMs = 0;
    double maxT = report.measuredSeconds();
    for (LoadReport.Window w : report.windows()) {
      if (w.count() > 0 && w.p99Ms() != null) {
        windows.add(w);
        maxMs = Math.max(maxMs, w.p99Ms());
      }
      maxT = Math.max(maxT, w.startSeconds());
    }
    double yMax = niceCeiling(maxMs);
    double xMax = maxT > 0 ? maxT : 1;

    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
    svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" fill=\"#ffffff\"/>\n");
    svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">")
        .append(escape(title(report))).append("</text>\n");

    // Grid and y axis (ms).
    for (int i = 0; i <= 5; i++) {
      double v = yMax * i / 5;
      double y = TOP + PLOT_H - PLOT_H * i / 5.0;
      svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(f(y)).append("\" x2=\"")
          .append(LEFT + PLOT_W).append("\" y2=\"").append(f(y)).append("\" stroke=\"#e9ecef\"/>\n");
      svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f(y + 4))
          .append("\" text-anchor=\"end\">").append(number(v)).append("</text>\n");
    }
    // X axis (seconds since the measured phase started).
    double step = niceStep(xMax / 8);
    for (double t = 0; t <= xMax + 1e-9; t += step) {
      double x = LEFT + PLOT_W * t / xMax;
      svg.append("<line x1=\"").append(f(x)).append("\" y1=\"").append(TOP + PLOT_H).append("\" x2=\"").append(f(x))
          .append("\" y2=\"").append(TOP + PLOT_H + 4).append("\" stroke=\"#495057\"/>\n");
      svg.append("<text x=\"").append(f(x)).append("\" y=\"").append(TOP + PLOT_H + 16)
          .append("\" text-anchor=\"middle\">").append(number(t)).append("</text>\n");
    }
    svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
        .append("\" y2=\"").append(TOP + PLOT_H).append("\" stroke=\"#495057\"/>\n");
    svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP + PLOT_H).append("\" x2=\"")
        .append(LEFT + PLOT_W).append("\" y2=\"").append(TOP + PLOT_H).append("\" stroke=\"#495057\"/>\n");
    svg.append("<text x=\"").append(LEFT + PLOT_W / 2).append("\" y=\"").append(HEIGHT - 8)
        .append("\" text-anchor=\"middle\">seconds since the measured load started (window start)</text>\n");
    svg.append("<text x=\"14\" y=\"").append(TOP + PLOT_H / 2).append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
        .append(TOP + PLOT_H / 2).append(")\">latency (ms)</text>\n");

    if (windows.isEmpty()) {
      svg.append("<text x=\"").append(LEFT + PLOT_W / 2).append("\" y=\"").append(TOP + PLOT_H / 2)
          .append("\" text-anchor=\"middle\" font-size=\"16\" fill=\"#868e96\">no samples</text>\n");
    } else {
      // A window in which nothing completed (a stall) is shaded, and the lines break there rather than bridge it.
      for (LoadReport.Window w : report.windows()) {
        if (w.count() == 0) {
          double x1 = LEFT + PLOT_W * w.startSeconds() / xMax;
          double x2 = LEFT + PLOT_W * Math.min(xMax, w.endSeconds()) / xMax;
          svg.append("<rect x=\"").append(f(x1)).append("\" y=\"").append(TOP).append("\" width=\"")
              .append(f(Math.max(1, x2 - x1))).append("\" height=\"").append(PLOT_H)
              .append("\" fill=\"#fa5252\" fill-opacity=\"0.12\"><title>no request completed</title></rect>\n");
        }
      }
      for (Series s : SERIES) {
        StringBuilder points = new StringBuilder();
        StringBuilder markers = new StringBuilder();
        for (LoadReport.Window w : report.windows()) {
          if (w.count() == 0 || s.value().apply(w) == null) {
            line(svg, s, points);
            continue;
          }
          double x = LEFT + PLOT_W * w.startSeconds() / xMax;
          double y = TOP + PLOT_H - PLOT_H * s.value().apply(w) / yMax;
          points.append(points.length() == 0 ? "" : " ").append(f(x)).append(',').append(f(y));
          // A marker per point keeps a single window visible and shows where the samples are.
          markers.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(y)).append("\" r=\"2.5\" fill=\"")
              .append(s.color()).append("\"/>\n");
        }
        line(svg, s, points);
        svg.append(markers);
      }
    }
    // Legend.
    for (int i = 0; i < SERIES.size(); i++) {
      Series s = SERIES.get(i);
      int y = TOP + 10 + i * 18;
      int x = LEFT + PLOT_W + 16;
      svg.append("<line x1=\"").append(x).append("\" y1=\"").append(y).append("\" x2=\"").append(x + 20)
          .append("\" y2=\"").append(y).append("\" stroke=\"").append(s.color()).append("\" stroke-width=\"2\"/>\n");
      svg.append("<text x=\"").append(x + 26).append("\" y=\"").append(y + 4).append("\">").append(s.label())
          .append("</text>\n");
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void line(StringBuilder svg, Series s, StringBuilder points) {
    if (points.length() > 0) {
      svg.append("<polyline fill=\"none\" stroke=\"").append(s.color()).append("\" stroke-width=\"2\" points=\"")
          .append(points).append("\"><title>").append(s.label()).append("</title></polyline>\n");
      points.setLength(0);
    }
  }

  private static String title(LoadReport r) {
    String rate = r.targetRate() == null
        ? String.format(Locale.ROOT, "%s model, %d users, %s req/s achieved", r.model(), r.concurrency(),
            number(r.achievedRate()))
        : String.format(Locale.ROOT, "%s model, %s of %s req/s", r.model(), number(r.achievedRate()),
            number(r.targetRate()));
    return "Latency over time (p50 / p95 / p99): " + rate;
  }

  /** 1, 2 or 5 times a power of ten, at least {@code v} (and at least 1 ms, so an empty chart has an axis). */
  private static double niceCeiling(double v) {
    if (v <= 1) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * power >= v) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private static double niceStep(double raw) {
    if (raw <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= raw) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.1f", v);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
