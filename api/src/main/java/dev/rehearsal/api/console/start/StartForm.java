package dev.rehearsal.api.console.start;

/**
 * What the start form holds, bound from its fields and shown again after Validate or a refused Start, so nothing typed
 * is lost. The plan is the pasted text, or the chosen file's text once the form has been sent.
 */
public record StartForm(String plan, String releaseCandidate, String parameters) {
  static final StartForm EMPTY = new StartForm("", "", "");

  public StartForm {
    plan = plan == null ? "" : plan.replace("\r\n", "\n");
    releaseCandidate = releaseCandidate == null ? "" : releaseCandidate.trim();
    parameters = parameters == null ? "" : parameters.replace("\r\n", "\n");
  }

  StartForm withPlan(String text) {
    return new StartForm(text, releaseCandidate, parameters);
  }
}
