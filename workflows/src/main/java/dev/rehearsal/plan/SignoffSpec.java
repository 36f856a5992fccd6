package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Who must sign off, how many of them, and how long the run waits for them. {@code approvers} is one rule (the old
 * {@code { role, required }} form, still read and, for one rule, still written that way so recorded histories keep
 * their shape) or a list of rules that must all be met. {@code remindEvery} (null: never) reminds the run's webhooks
 * at that interval while the run waits for any person: sign-off, a manual step, a failure decision.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignoffSpec(
    @JsonFormat(with = {JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY, JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED})
    List<Approvers> approvers,
    boolean allowInitiator,
    String timeout,
    @JsonInclude(JsonInclude.Include.NON_NULL) String remindEvery) {

  public static final String DEFAULT_TIMEOUT = "72h";
  public static final String APPROVER_ROLE = "APPROVER";

  public SignoffSpec {
    approvers = approvers == null ? null : List.copyOf(approvers);
  }

  /** The rules as written; absent, one approver. */
  public List<Approvers> rules() {
    return approvers == null || approvers.isEmpty() ? List.of(new Approvers(null, null, null)) : approvers;
  }

  /** How many distinct people sign off: each approval counts toward one rule only, so the rules' sum. */
  public int required() {
    return rules().stream().mapToInt(Approvers::count).sum();
  }

  /** The plan's form before reminders, kept so callers that set no reminder compile unchanged. */
  public SignoffSpec(List<Approvers> approvers, boolean allowInitiator, String timeout) {
    this(approvers, allowInitiator, timeout, null);
  }

  public String timeoutOrDefault() {
    return timeout == null ? DEFAULT_TIMEOUT : timeout;
  }

  /**
   * One approver rule: {@code required} approvals from holders of {@code role} (APPROVER, the default) or from members
   * of {@code group} (who must hold the APPROVER role too).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Approvers(String role, Integer required, String group) {
    public Approvers(String role, Integer required) {
      this(role, required, null);
    }

    public int count() {
      return required == null ? 1 : required;
    }

    /** What the rule asks for, for people: {@code group dba} or {@code role APPROVER}. */
    public String who() {
      return group != null ? "group " + group : "role " + (role == null ? APPROVER_ROLE : role);
    }

    /** Whether someone with these roles and groups may count toward this rule. */
    public boolean admits(List<String> roles, List<String> groups) {
      return group != null ? groups.contains(group) && roles.contains(APPROVER_ROLE)
          : roles.contains(role == null ? APPROVER_ROLE : role);
    }
  }
}
