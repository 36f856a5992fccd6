package dev.rehearsal.bench;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the calls this process makes to the Temporal service, by method: what each side asks of the service. */
final class ServiceCalls implements ClientInterceptor {
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    calls.computeIfAbsent(method.getBareMethodName(), m -> new LongAdder()).increment();
    return next.newCall(method, options);
  }

  /** Calls per run by method, the long polls left out (idle pollers make them whatever the load). */
  String perRun(int runs) {
    Map<String, Long> sorted = new TreeMap<>();
    calls.forEach((method, n) -> sorted.put(method, n.sum()));
    StringBuilder text = new StringBuilder();
    sorted.forEach((method, n) -> {
      if (!method.startsWith("Poll")) {
        text.append(text.length() == 0 ? "" : ", ").append(method).append(' ')
            .append(String.format(java.util.Locale.ROOT, "%.2f", n / (double) runs));
      }
    });
    return text.toString();
  }
}
