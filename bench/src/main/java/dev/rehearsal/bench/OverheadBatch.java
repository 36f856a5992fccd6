package dev.rehearsal.bench;

import com.sun.management.OperatingSystemMXBean;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One batch: every run started at once on one side, timed until the last of them has done its steps. A run's end is
 * the time (server clock, from its history) of the workflow task that took in its last activity's result: the bare
 * workflow completes there, Rehearsal starts waiting for sign-off there. So both sides end at the same point.
 */
final class OverheadBatch {
  private static final long PATIENCE_MILLIS = 10 * 60 * 1000;

  /**
   * @param wall start of the first run to the end of the last (s); observed: the harness's own view (s)
   * @param allocatedMb heap allocated by the whole process meanwhile (MB): unlike time, hardly moved by other load
   * @param starts how long the harness's one thread took to start every run (s), part of the wall time
   * @param jit CPU time of the JIT's compiler threads meanwhile (s, part of process CPU; NaN where unknown): not yet
   *     near zero means the batch still paid for warming up, which a long-running worker pays once
   */
  record Result(String side, double wall, double observed, double cpu, int eventsPerRun, double allocatedMb,
                double starts, double jit, Map<String, Double> cpuByThread, Map<String, Double> systemByThread) {}

  private OverheadBatch() {}

  static Result run(OverheadSide side, WorkflowClient client, FastTarget target, int runs, int steps, String label)
      throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      ids.add("overhead-" + label + "-" + (side instanceof BareSide ? "bare" : "rehearsal") + "-" + i);
    }
    long requests = target.served() + (long) runs * steps;
    ThreadCpu threads = new ThreadCpu();
    long cpu0 = processCpuNanos();
    long allocated0 = allocatedBytes();
    double jit0 = CompilerCpu.seconds();
    long t0 = System.currentTimeMillis();
    long n0 = System.nanoTime();
    for (String id : ids) {
      side.start(id);
    }
    double starts = Figures.seconds(n0);
    // Wait on the target's count, then read each run's history: reads only in the last moments of the batch.
    long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
    while (target.served() < requests) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(side.name() + ": only " + (target.served() - requests + (long) runs * steps)
            + " of " + (long) runs * steps + " requests after " + PATIENCE_MILLIS / 1000 + " s");
      }
      Thread.sleep(5);
    }
    for (String id : ids) {
      side.awaitReached(id);
    }
    double observed = Figures.seconds(n0);
    double cpu = (processCpuNanos() - cpu0) / 1e9;
    double allocatedMb = (allocatedBytes() - allocated0) / 1e6;
    double jit = CompilerCpu.seconds() - jit0;
    Map<String, Double> cpuByThread = threads.secondsByKind();
    Map<String, Double> systemByThread = threads.systemSecondsByKind();
    for (String id : ids) {
      side.verify(id);
    }
    long lastEnd = 0;
    List<Double> events = new ArrayList<>();
    for (String id : ids) {
      List<HistoryEvent> history = client.fetchHistory(id).getEvents();
      lastEnd = Math.max(lastEnd, reachedAt(id, history));
      events.add((double) history.size());
    }
    return new Result(side.name(), (lastEnd - t0) / 1000.0, observed, cpu, (int) Math.round(Figures.median(events)),
        allocatedMb, starts, jit, cpuByThread, systemByThread);
  }

  /**
   * Whether the run's history shows it past its last step (all {@code steps} activities completed and a workflow task
   * completed after the last of them) or closed. Counting them matters: a workflow task follows every step's end.
   */
  static boolean reachedOrClosed(List<HistoryEvent> history, int steps) {
    HistoryEvent last = history.get(history.size() - 1);
    long completed = history.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED).count();
    return (completed >= steps && afterLastActivity(history).isPresent()) || switch (last.getEventType()) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
          EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED, EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
          EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT, EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> true;
      default -> false;
    };
  }

  /** When the workflow task after the run's last completed activity completed (epoch ms, server clock). */
  private static long reachedAt(String id, List<HistoryEvent> history) {
    return afterLastActivity(history)
        .orElseThrow(() -> new IllegalStateException(id + ": no workflow task completed after its last activity"));
  }

  private static Optional<Long> afterLastActivity(List<HistoryEvent> history) {
    int lastActivity = -1;
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
        lastActivity = i;
      }
    }
    for (int i = lastActivity + 1; lastActivity >= 0 && i < history.size(); i++) {
      HistoryEvent e = history.get(i);
      if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
        return Optional.of(e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000);
      }
    }
    return Optional.empty();
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
  }

  private static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
