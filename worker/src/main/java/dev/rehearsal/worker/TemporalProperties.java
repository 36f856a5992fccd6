package dev.rehearsal.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param address host:port of a Temporal frontend ({@code TEMPORAL_ADDRESS}); unset means local mode
 * @param namespace the namespace to use ({@code TEMPORAL_NAMESPACE})
 * @param localPort the port local mode binds on 127.0.0.1; 0 picks a free one
 * @param cli path of a {@code temporal} CLI for local mode; when found (here or on the PATH) local mode runs
 *     {@code temporal server start-dev} with a SQLite file in the data directory, which persists
 */
@ConfigurationProperties("temporal")
public record TemporalProperties(
    String address, @DefaultValue("default") String namespace, @DefaultValue("7233") int localPort, String cli) {}
