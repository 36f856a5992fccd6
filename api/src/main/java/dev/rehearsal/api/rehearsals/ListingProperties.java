package dev.rehearsal.api.rehearsals;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param source where the run list comes from: {@code auto} (the default: Temporal's visibility when
 *     {@code TEMPORAL_ADDRESS} names a server, the API's index in local mode), {@code visibility} or {@code index}
 */
@ConfigurationProperties("rehearsal.listing")
public record ListingProperties(@DefaultValue("auto") Source source) {

  public enum Source {
    AUTO,
    VISIBILITY,
    INDEX
  }
}
