package dev.rehearsal.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import java.util.stream.Collectors;

/**
 * CPU time of the process's Java threads by kind (name without its number), between two snapshots: which part of a
 * batch (the in-memory service's gRPC threads, workflow threads, activity threads, the harness) the CPU went to.
 * Threads that end between the snapshots are missed, as are the JVM's own (GC, JIT): the rest of process CPU.
 */
final class ThreadCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<Long, Long> before = nanosById(THREADS::getThreadCpuTime);
  private final Map<Long, Long> userBefore = nanosById(THREADS::getThreadUserTime);

  /** Seconds per thread kind since this snapshot, largest first. */
  Map<String, Double> secondsByKind() {
    return byKind(before, THREADS::getThreadCpuTime);
  }

  /**
   * The same for time in the kernel (system calls: files, sockets, waking threads), for the kinds whose threads
   * report a user time (the SDK's workflow threads report none here).
   */
  Map<String, Double> systemSecondsByKind() {
    Map<String, Double> user = byKind(userBefore, THREADS::getThreadUserTime);
    Map<String, Double> system = new LinkedHashMap<>();
    secondsByKind().forEach((kind, cpu) -> {
      if (user.getOrDefault(kind, 0.0) > 0) {
        system.put(kind, cpu - user.get(kind));
      }
    });
    return system;
  }

  private static Map<String, Double> byKind(Map<Long, Long> before, LongUnaryOperator nanos) {
    Map<String, Long> byKind = new HashMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long now = nanos.applyAsLong(info.getThreadId());
      if (now > 0) {
        byKind.merge(kind(info.getThreadName()), now - before.getOrDefault(info.getThreadId(), 0L), Long::sum);
      }
    }
    return byKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() / 1e9, (a, b) -> a, LinkedHashMap::new));
  }

  private static Map<Long, Long> nanosById(LongUnaryOperator nanos) {
    Map<Long, Long> byId = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      byId.put(id, nanos.applyAsLong(id));
    }
    return byId;
  }

  /**
   * "Activity Executor taskQueue=..., namespace=...: 12" and "grpc-default-executor-3" become their kind. A workflow's
   * thread is named after its run while the run is open ("workflow-method-<workflow id>-<run id>") and
   * "workflow-thread-N" once it closed: one kind, "workflow-thread", or the bare side's closed runs and Rehearsal's
   * open ones (awaiting sign-off) would be counted under different names.
   */
  private static String kind(String name) {
    if (name.startsWith("workflow-method-") || name.startsWith("workflow-thread-")) {
      return "workflow-thread";
    }
    int cut = name.indexOf(" taskQueue=");
    return (cut > 0 ? name.substring(0, cut) : name).replaceAll("[-: ]*\\d+$", "");
  }
}
