package dev.rehearsal.bench;

/**
 * One measured run of either tool. Latencies in ms; CPU in seconds over the whole run (warm-up included for the
 * generator, which warms up inside the run), divided by all requests of the run for the per-request figures.
 */
record LoadRun(String tool, String mode, int connections, Double targetRate, double rate, long requests, long errors,
    double p50, double p95, double p99, double clientCpu, Double targetCpu, long cpuRequests, double wallSeconds,
    String note) {
  double clientMicrosPerRequest() {
    return cpuRequests == 0 ? Double.NaN : clientCpu * 1e6 / cpuRequests;
  }

  Double targetMicrosPerRequest() {
    return targetCpu == null || cpuRequests == 0 ? null : targetCpu * 1e6 / cpuRequests;
  }

  /** Client and target CPU over the run as a share of all cores. */
  Double machineShare() {
    return targetCpu == null ? null
        : (clientCpu + targetCpu) / (wallSeconds * Runtime.getRuntime().availableProcessors());
  }
}
