package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Who must sign off, how many of them, and how long the run waits for them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignoffSpec(Approvers approvers, boolean allowInitiator, String timeout) {

  public static final String DEFAULT_TIMEOUT = "72h";

  public int required() {
    return approvers == null || approvers.required() == null ? 1 : approvers.required();
  }

  public String timeoutOrDefault() {
    return timeout == null ? DEFAULT_TIMEOUT : timeout;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Approvers(String role, Integer required) {}
}
