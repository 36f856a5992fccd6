package dev.rehearsal.worker;

import dev.rehearsal.activities.evidence.EvidenceStore;
import io.temporal.client.WorkflowClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class WorkerConfiguration {

  @Bean
  @ConditionalOnExpression("'${rehearsal.mode:all}'.toLowerCase() != 'api'")
  RehearsalWorker rehearsalWorker(WorkflowClient client, RehearsalProperties rehearsal, EvidenceStore evidence) {
    return new RehearsalWorker(client, rehearsal.taskQueue(), evidence);
  }
}
