package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code signoff.approvers}: one rule ({@code { role, required }}, the old form) or a list of rules that must all be
 * met, each naming a role or a group. Each approval counts toward one rule only.
 */
final class ApproverRules {
  static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  /** More approvals than this from distinct people is no sign-off anyone can give. */
  static final int MAX_REQUIRED = 50;
  private static final Set<String> KEYS = RecordKeys.of(SignoffSpec.Approvers.class);

  private final JsonChecks checks;

  ApproverRules(JsonChecks checks) {
    this.checks = checks;
  }

  void check(JsonNode approvers, String path) {
    if (approvers == null || approvers.isNull()) {
      return;
    }
    if (!approvers.isArray()) {
      checkRule(approvers, path, new HashSet<>());
      return;
    }
    if (approvers.isEmpty()) {
      checks.problem(path, "must list at least one rule, e.g. [ { group: dba, required: 1 } ]");
    }
    Set<String> seen = new HashSet<>();
    int total = 0;
    for (int i = 0; i < approvers.size(); i++) {
      total += checkRule(approvers.get(i), path + "[" + i + "]", seen);
    }
    if (total > MAX_REQUIRED) {
      checks.problem(path, "asks for " + total + " approvals in all; at most " + MAX_REQUIRED);
    }
  }

  /** Checks one rule; answers how many approvals it asks for (0 when unreadable). */
  private int checkRule(JsonNode rule, String path, Set<String> seen) {
    if (!checks.requireObject(rule, path)) {
      return 0;
    }
    checks.unknownKeys(rule, path, KEYS);
    JsonNode role = rule.get("role");
    JsonNode group = rule.get("group");
    if (role != null && group != null) {
      checks.problem(path, "names a role or a group, not both");
    }
    if (role != null && !SignoffSpec.APPROVER_ROLE.equals(role.asText())) {
      checks.problem(path + ".role", "must be APPROVER");
    }
    if (group != null && (!group.isTextual() || !GROUP.matcher(group.asText()).matches())) {
      checks.problem(path + ".group", "must be a group name: letters, digits, '.', '_' or '-', at most 64 characters");
    }
    String who = group != null ? "group " + group.asText() : "role";
    if (!seen.add(who)) {
      checks.problem(path, "repeats the rule for " + (group != null ? who : "the APPROVER role")
          + "; give one rule with a higher 'required' instead");
    }
    JsonNode required = rule.get("required");
    if (required != null && (!required.canConvertToInt() || !required.isIntegralNumber() || required.asInt() < 1
        || required.asInt() > MAX_REQUIRED)) {
      checks.problem(path + ".required", "must be a whole number from 1 to " + MAX_REQUIRED);
      return 0;
    }
    return required == null ? 1 : required.asInt();
  }
}
