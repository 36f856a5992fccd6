package dev.rehearsal.api.rehearsals;

import dev.rehearsal.workflows.archive.ArchiveKeepers;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param keepers how many archive keeper workflows share the runs (by run id); keep it unchanged while runs are open,
 *     so that a run's registration and its end reach the same keeper
 */
@ConfigurationProperties("rehearsal.archive")
public record ArchiveProperties(@DefaultValue("" + ArchiveKeepers.DEFAULT_COUNT) int keepers) {}
