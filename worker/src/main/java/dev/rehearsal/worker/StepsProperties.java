package dev.rehearsal.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How command steps run.
 *
 * @param runAs the OS user command steps run as: a user name or {@code uid:gid}. Unset: {@code nobody}, when the
 *     worker runs as root; a worker that is not root cannot isolate steps and says so at start-up and in every step.
 */
@ConfigurationProperties("rehearsal.steps")
public record StepsProperties(String runAs) {}
