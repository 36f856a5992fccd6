package dev.rehearsal.bench;

/**
 * The runs the scale benchmark makes: a one-step plan (an {@code assert}, which does no I/O, so the figures are
 * Rehearsal's own) and its sign-off, spread over plan names and environments so that the list's filters select a
 * share of the runs rather than all or none.
 */
final class ScalePlans {
  static final int PLANS = 10;
  static final int ENVIRONMENTS = 5;
  /** The plan of only the first few closed runs: a filter for it must look past every other run. */
  static final String OLDEST = "scale-oldest";

  private ScalePlans() {}

  static String plan(int i) {
    return "scale-p" + (i % PLANS);
  }

  static String environment(int i) {
    return "bench-e" + (i % ENVIRONMENTS);
  }

  static String startBody(String plan, String environment, String releaseCandidate) {
    return "{\"releaseCandidate\":\"" + releaseCandidate + "\",\"parameters\":{},\"plan\":{"
        + "\"apiVersion\":\"rehearsal/v1\",\"name\":\"" + plan + "\",\"environment\":\"" + environment + "\","
        + "\"phases\":{\"smoke\":[{\"name\":\"rc-shape\",\"assert\":{\"matches\":[\"${parameters.releaseCandidate}\",\"^v\"]}}],"
        + "\"signoff\":{\"approvers\":{\"role\":\"APPROVER\",\"required\":1}}}}}";
  }
}
