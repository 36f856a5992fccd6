package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who must sign off, how many of them, and how long the run waits for them. {@code remindEvery} (null: never) reminds
 * the run's webhooks at that interval while the run waits for any person: sign-off, a manual step, a failure decision.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignoffSpec(Approvers approvers, boolean allowInitiator, String timeout,
    @JsonInclude(JsonInclude.Include.NON_NULL) String remindEvery) {

  public static final String DEFAULT_TIMEOUT = "72h";

  public int required() {
    return approvers == null || approvers.required() == null ? 1 : approvers.required();
  }

  /** The plan's form before reminders, kept so callers that set no reminder compile unchanged. */
  public SignoffSpec(Approvers approvers, boolean allowInitiator, String timeout) {
    this(approvers, allowInitiator, timeout, null);
  }

  public String timeoutOrDefault() {
    return timeout == null ? DEFAULT_TIMEOUT : timeout;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Approvers(String role, Integer required) {}
}
