package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A {@code postgres.restore} step: an earlier snapshot ({@code from}, a snapshot step's name; optional when the plan
 * has exactly one) restored into a target, then verified to be a faithful copy.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestoreSpec(String to, String from, Mode mode, Integer jobs, boolean noOwner, boolean noPrivileges, String timeout) {

  public static final String DEFAULT_TIMEOUT = "2h";

  public RestoreSpec {
    mode = mode == null ? Mode.recreate : mode;
  }

  /**
   * {@code recreate}: drop and create the database (roles and credentials live on the server and are kept).
   * {@code clean}: {@code pg_restore --clean --if-exists} into the existing database.
   */
  public enum Mode {
    recreate,
    clean
  }
}
