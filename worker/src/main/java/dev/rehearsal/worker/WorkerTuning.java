package dev.rehearsal.worker;

import dev.rehearsal.worker.runs.RunStateFeed;
import io.temporal.worker.WorkerFactoryOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many workflows the worker keeps in memory ({@code rehearsal.worker.*}). An open run and its archiver each
 * hold a cache entry and a parked thread while they wait; a run pushed out of the cache replays its whole history to
 * answer the next status read. The SDK's defaults (600 each) thus make reads slow beyond about 300 open runs; the
 * defaults here keep 1,000 open runs and their archivers cached (measured in docs/architecture.md "Many runs").
 *
 * @param workflowCacheSize workflows kept in memory between tasks
 * @param maxWorkflowThreads threads for them; each cached, waiting workflow parks one (plus one per reminder loop)
 */
@ConfigurationProperties("rehearsal.worker")
public record WorkerTuning(@DefaultValue("2500") int workflowCacheSize, @DefaultValue("3000") int maxWorkflowThreads) {

  WorkerFactoryOptions factoryOptions(RunStateFeed feed) {
    WorkerFactoryOptions.Builder options = WorkerFactoryOptions.newBuilder()
        .setWorkflowCacheSize(workflowCacheSize)
        .setMaxWorkflowThreadCount(maxWorkflowThreads);
    if (feed != null) {
      options.setWorkerInterceptors(feed);
    }
    return options.build();
  }
}
