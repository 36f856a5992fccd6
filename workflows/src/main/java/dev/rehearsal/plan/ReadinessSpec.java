package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The readiness estimate a team states for each verdict; the defaults are seed 001's §9. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReadinessSpec(String pass, String warn, String fail) {
  public static final ReadinessSpec DEFAULT = new ReadinessSpec("97-98%", "95-96%", "94-95%");

  /** Each estimate the plan leaves out is the default's. */
  public ReadinessSpec orDefaults() {
    return new ReadinessSpec(pass == null ? DEFAULT.pass : pass, warn == null ? DEFAULT.warn : warn, fail == null ? DEFAULT.fail : fail);
  }
}
