package dev.rehearsal.activities.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.plan.LoadSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Polls the health endpoint every {@code interval} through warm-up and load, on its own thread so a slow answer
 * never delays the load. Healthy means HTTP 200 and, with {@code json}, the value at that pointer being one of
 * {@code healthy} (when that list is empty: ok, up, healthy, pass or true, any case). Anything else is degraded;
 * polls without a usable answer are also failures.
 */
final class HealthPoller {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> DEFAULT_HEALTHY = Set.of("ok", "up", "healthy", "pass", "true");

  /** One poll: when it was sent (nanos since the run started) and what it saw. */
  record Poll(long atNanos, boolean healthy, boolean failure) {}

  private final RunState state;
  private final LoadSpec.HealthProbe probe;
  private final URI uri;
  private final long intervalNanos;
  private final Duration timeout;
  private final List<Poll> polls = new ArrayList<>();
  final Thread thread;

  HealthPoller(RunState state, LoadSpec.HealthProbe probe, URI baseUrl) {
    this.state = state;
    this.probe = probe;
    this.uri = RequestMix.resolve(baseUrl, probe.path());
    Duration interval = Probes.interval(probe.interval());
    this.intervalNanos = interval.toNanos();
    this.timeout = Probes.timeout(interval, state.plan.requestTimeout);
    this.thread = RunState.thread("health", this::run);
  }

  private void run() {
    long end = state.loadEndAt();
    long next = state.startNanos;
    while (!state.stopping() && next - end < 0) {
      if (!RunState.sleepUntil(next)) {
        return;
      }
      long at = System.nanoTime();
      Poll poll;
      try {
        poll = evaluate(at - state.startNanos, state.http.get(uri, timeout));
      } catch (IOException failed) {
        poll = new Poll(at - state.startNanos, false, true);
      } catch (InterruptedException stop) {
        return;
      }
      synchronized (polls) {
        polls.add(poll);
      }
      // Keep to the grid; after a slow poll, skip the slots it overran rather than bursting.
      next += intervalNanos;
      long now = System.nanoTime();
      if (next - now < 0) {
        next = now;
      }
    }
  }

  private Poll evaluate(long at, HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      return new Poll(at, false, false);
    }
    if (probe.json() == null) {
      return new Poll(at, true, false);
    }
    JsonNode value;
    try {
      value = JSON.readTree(response.body()).at(probe.json());
    } catch (IOException notJson) {
      return new Poll(at, false, true);
    }
    if (value.isMissingNode()) {
      return new Poll(at, false, true);
    }
    String text = value.isValueNode() ? value.asText() : value.toString();
    boolean healthy = probe.healthy().isEmpty()
        ? DEFAULT_HEALTHY.contains(text.toLowerCase(Locale.ROOT))
        : probe.healthy().contains(text);
    return new Poll(at, healthy, false);
  }

  LoadReport.HealthReport report() {
    List<Poll> copy;
    synchronized (polls) {
      copy = new ArrayList<>(polls);
    }
    return summarize(copy, state.plan.warmupNanos, state.plan.loadEndNanos());
  }

  /**
   * Degraded time and flapping over [loadStart, loadEnd): each poll's state holds until the next poll. The state
   * before the first poll of the load is the last one warm-up saw, or else that first poll's (carried back).
   */
  static LoadReport.HealthReport summarize(List<Poll> all, long loadStart, long loadEnd) {
    List<Poll> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingLong(Poll::atNanos));
    Boolean current = null;
    long since = loadStart;
    long degraded = 0;
    long count = 0;
    long failures = 0;
    int transitions = 0;
    for (Poll p : sorted) {
      if (p.atNanos() < loadStart) {
        current = p.healthy();
        continue;
      }
      if (p.atNanos() >= loadEnd) {
        break;
      }
      count++;
      if (p.failure()) {
        failures++;
      }
      if (current == null) {
        current = p.healthy();
        continue;
      }
      if (!current) {
        degraded += p.atNanos() - since;
      }
      if (current != p.healthy()) {
        transitions++;
      }
      current = p.healthy();
      since = p.atNanos();
    }
    if (current != null && !current) {
      degraded += loadEnd - since;
    }
    double loadSeconds = (loadEnd - loadStart) / 1e9;
    double degradedSeconds = Millis.round3(degraded / 1e9);
    Double share = current == null || loadSeconds <= 0 ? null : Millis.round3(degraded / 1e9 / loadSeconds);
    return new LoadReport.HealthReport(count, failures, Millis.round3(loadSeconds), degradedSeconds, share, transitions);
  }
}
