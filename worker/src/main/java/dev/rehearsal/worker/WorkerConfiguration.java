package dev.rehearsal.worker;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.notify.RunLinks;
import dev.rehearsal.activities.postgres.PgTools;
import dev.rehearsal.activities.process.StepIsolation;
import dev.rehearsal.activities.secrets.SecretAllowList;
import dev.rehearsal.worker.runs.RunStateFeed;
import dev.rehearsal.worker.runs.RunStateListener;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PostgresProperties.class, StepsProperties.class, SecretsProperties.class, WorkerTuning.class})
public class WorkerConfiguration {

  /** The secrets plans may reference; never the worker's own configuration files or its data. */
  @Bean
  SecretAllowList secretAllowList(SecretsProperties secrets, RehearsalProperties rehearsal, AuditProperties audit,
      Environment environment) {
    return secrets.allowList(WorkerFiles.of(rehearsal, audit, environment));
  }

  /** Links to runs for people outside ({@code rehearsal.public-url}): in webhooks and in the inbox. */
  @Bean
  RunLinks runLinks(@Value("${rehearsal.public-url:}") String publicUrl) {
    return RunLinks.of(publicUrl);
  }

  @Bean
  @ConditionalOnExpression("'${rehearsal.mode:all}'.toLowerCase() != 'api'")
  RehearsalWorker rehearsalWorker(
      WorkflowClient client, RehearsalProperties rehearsal, PostgresProperties postgres, StepsProperties steps,
      SecretAllowList secrets, EvidenceStore evidence, Archive archive, RunLinks links, WorkerTuning tuning,
      ObjectProvider<RunStateListener> listener, TemporalEndpoint temporal) {
    // The API's run list in this process hears each run's state from the worker, when that worker runs every run.
    RunStateListener inProcess = RunStateFeed.tellsEveryRun(temporal, rehearsal) ? listener.getIfAvailable() : null;
    return new RehearsalWorker(client, WorkerOptions.getDefaultInstance(), rehearsal.taskQueue(), evidence, archive,
        new PgTools(postgres.binDir(), System::getenv), StepIsolation.forThisProcess(steps.runAs()), secrets, links,
        tuning.factoryOptions(inProcess == null ? null : new RunStateFeed(inProcess)));
  }
}
