package dev.rehearsal.activities.load;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The raw latency histograms of a run (microseconds): the merged one and one per window. Window histograms are kept
 * compressed because a long run has hundreds of windows and an uncompressed histogram is ~100 KB.
 */
public final class LatencyHistograms {
  static final int SIGNIFICANT_DIGITS = 3;
  /** One hour: anything slower is clamped (a request never legitimately waits that long). */
  static final long HIGHEST_MICROS = 3_600_000_000L;

  private final long startEpochMs;
  private final Histogram merged;
  private final List<Interval> intervals;

  private record Interval(double startSeconds, double endSeconds, byte[] compressed) {}

  private LatencyHistograms(long startEpochMs, Histogram merged, List<Interval> intervals) {
    this.startEpochMs = startEpochMs;
    this.merged = merged;
    this.intervals = List.copyOf(intervals);
  }

  static LatencyHistograms empty(long startEpochMs) {
    return new LatencyHistograms(startEpochMs, new Histogram(SIGNIFICANT_DIGITS), List.of());
  }

  /** A copy of the merged histogram, so callers cannot change the report's. */
  public Histogram merged() {
    return merged.copy();
  }

  /** The window histograms in order; they add up to {@link #merged()}. */
  public List<Histogram> windows() {
    List<Histogram> out = new ArrayList<>();
    for (Interval i : intervals) {
      out.add(decode(i));
    }
    return out;
  }

  void write(OutputStream out) {
    PrintStream print = new PrintStream(out, false, StandardCharsets.US_ASCII);
    HistogramLogWriter writer = new HistogramLogWriter(print);
    writer.outputComment("Rehearsal load step: latency from each request's intended send time, in microseconds");
    writer.outputLogFormatVersion();
    writer.outputStartTime(startEpochMs);
    writer.setBaseTime(startEpochMs);
    writer.outputBaseTime(startEpochMs);
    writer.outputLegend();
    double end = 0;
    for (Interval i : intervals) {
      writer.outputIntervalHistogram(i.startSeconds(), i.endSeconds(), decode(i), 1000.0);
      end = Math.max(end, i.endSeconds());
    }
    Histogram all = merged.copy();
    all.setTag("merged");
    writer.outputIntervalHistogram(0, end, all, 1000.0);
    print.flush();
    if (print.checkError()) {
      throw new UncheckedIOException(new java.io.IOException("could not write the histogram log"));
    }
  }

  private static Histogram decode(Interval i) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(i.compressed()), 0);
    } catch (DataFormatException e) {
      throw new IllegalStateException("corrupt window histogram", e);
    }
  }

  /** Collects window histograms as they close. */
  static final class Builder {
    private final long startEpochMs;
    private final List<Interval> intervals = new ArrayList<>();

    Builder(long startEpochMs) {
      this.startEpochMs = startEpochMs;
    }

    void addWindow(double startSeconds, double endSeconds, Histogram window) {
      ByteBuffer buffer = ByteBuffer.allocate(window.getNeededByteBufferCapacity());
      int length = window.encodeIntoCompressedByteBuffer(buffer);
      byte[] bytes = new byte[length];
      buffer.flip();
      buffer.get(bytes);
      intervals.add(new Interval(startSeconds, endSeconds, bytes));
    }

    LatencyHistograms build(Histogram merged) {
      return new LatencyHistograms(startEpochMs, merged, intervals);
    }
  }
}
