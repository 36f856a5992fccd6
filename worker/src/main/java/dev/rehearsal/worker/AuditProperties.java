package dev.rehearsal.worker;

import dev.rehearsal.activities.archive.HeadAnchor;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param headCopy where the archive keeps a copy of its chain head after every archive
 *     ({@code rehearsal.audit.head-copy}); outside the data directory, so that cutting the newest runs off the chain
 *     there is noticed by audit verify. Unset: no copy.
 */
@ConfigurationProperties("rehearsal.audit")
public record AuditProperties(Path headCopy) {
  public Optional<HeadAnchor> anchor() {
    return Optional.ofNullable(headCopy).map(HeadAnchor::new);
  }
}
