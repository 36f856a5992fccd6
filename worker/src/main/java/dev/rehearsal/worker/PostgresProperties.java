package dev.rehearsal.worker;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param binDir the directory holding {@code pg_dump} and {@code pg_restore} (e.g. {@code /usr/lib/postgresql/16/bin});
 *     unset, they are found on the worker's PATH. They must be at least as new as the servers they dump.
 */
@ConfigurationProperties("rehearsal.postgres")
public record PostgresProperties(Path binDir) {}
