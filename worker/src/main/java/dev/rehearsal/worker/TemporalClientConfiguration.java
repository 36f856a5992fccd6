package dev.rehearsal.worker;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.util.Duration;
import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.evidence.EvidenceStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connection to Temporal: {@code TEMPORAL_ADDRESS} when set, otherwise an embedded local server. Both API and
 * worker use the one client built here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RehearsalProperties.class, TemporalProperties.class, AuditProperties.class})
public class TemporalClientConfiguration {
  private static final Logger log = LoggerFactory.getLogger(TemporalClientConfiguration.class);

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${temporal.address:}'.isBlank()")
  LocalTemporalServer localTemporalServer(TemporalProperties temporal, RehearsalProperties rehearsal) {
    return LocalTemporalServer.start(temporal, rehearsal.dataDir());
  }

  @Bean
  TemporalEndpoint temporalEndpoint(TemporalProperties temporal, ObjectProvider<LocalTemporalServer> local) {
    LocalTemporalServer server = local.getIfAvailable();
    TemporalEndpoint endpoint = server != null
        ? server.endpoint()
        : new TemporalEndpoint(temporal.address(), temporal.namespace(), TemporalServerKind.REMOTE);
    log.info("Temporal: {} at {}, namespace {}", endpoint.kind().label(), endpoint.target(), endpoint.namespace());
    return endpoint;
  }

  /**
   * Temporal SDK metrics (temporal_*) into the app's Micrometer registry, hence /actuator/prometheus. A bean so that
   * closing the context, a refused start-up included, stops the scope's non-daemon reporting thread.
   */
  @Bean(destroyMethod = "close")
  Scope temporalMetricsScope(ObjectProvider<MeterRegistry> meters) {
    MeterRegistry registry = meters.getIfAvailable();
    if (registry == null) {
      return new NoopScope();
    }
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry) {
          @Override
          public void close() {
            // The registry is Spring's to close, after everything that still records into it.
          }
        })
        .reportEvery(Duration.ofSeconds(10));
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(TemporalEndpoint endpoint, Scope temporalMetricsScope) {
    return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget(endpoint.target())
        .setMetricsScope(temporalMetricsScope)
        .build());
  }

  @Bean
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalEndpoint endpoint) {
    return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(endpoint.namespace()).build());
  }

  @Bean
  EvidenceStore evidenceStore(RehearsalProperties rehearsal) {
    return new EvidenceStore(rehearsal.dataDir());
  }

  @Bean
  Archive archive(RehearsalProperties rehearsal, AuditProperties audit) {
    return new Archive(rehearsal.dataDir(), audit.anchor());
  }
}
