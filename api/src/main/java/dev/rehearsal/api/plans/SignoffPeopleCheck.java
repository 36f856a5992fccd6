package dev.rehearsal.api.plans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.plan.PlanProblem;
import dev.rehearsal.plan.SignoffSpec;
import dev.rehearsal.plan.SignoffSpec.Approvers;
import dev.rehearsal.workflows.rehearsal.ApprovalPolicy;
import dev.rehearsal.workflows.rehearsal.ApproverMatching.Person;
import dev.rehearsal.workflows.rehearsal.ApproverShortfalls;
import dev.rehearsal.workflows.rehearsal.ApproverShortfalls.Shortfall;
import dev.rehearsal.workflows.rehearsal.SignoffRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the known people can give the sign-off a run would wait for: the rules in force (the plan's, with what the
 * policy fills in) met all at once by different people, each approval counting toward one rule only, the initiator
 * (or, on validation, the caller) left out unless they may approve. Each rule, or set of rules, nobody can meet is a
 * problem at its path, saying how many people could count toward it (counts, not names: the caller may be anyone who
 * validates).
 */
final class SignoffPeopleCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIGNOFF = "phases.signoff";
  private static final String ONE_RULE_EACH = "Each approval counts toward one rule only, so one person in two groups"
      + " fills one of them";

  List<PlanProblem> problems(JsonNode plan, ApprovalPolicy policy, RehearsalUser initiator, List<RehearsalUser> users) {
    JsonNode signoff = plan.at("/phases/signoff");
    SignoffSpec spec;
    try {
      spec = signoff.isObject() ? JSON.treeToValue(signoff, SignoffSpec.class) : null;
    } catch (IOException unreadable) {
      return List.of(); // the plan's own validation reports it
    }
    SignoffRules rules = SignoffRules.of(spec, policy);
    boolean initiatorLeftOut = !rules.allowInitiator() && initiator != null;
    List<Person> people = users.stream()
        .filter(u -> !initiatorLeftOut || !u.name().equals(initiator.name()))
        .map(SignoffPeopleCheck::person)
        .toList();
    List<PlanProblem> problems = new ArrayList<>();
    for (Shortfall shortfall : ApproverShortfalls.of(rules.rules(), people)) {
      List<Approvers> unmet = shortfall.rules().stream().map(rules.rules()::get).toList();
      boolean one = unmet.size() == 1;
      boolean youWould = initiatorLeftOut && unmet.stream()
          .anyMatch(rule -> rule.admits(initiator.roleNames(), initiator.groups()));
      problems.add(new PlanProblem(path(signoff, shortfall), describe(signoff, shortfall, unmet, policy)
          + (one ? " needs " + shortfall.places() + " approval(s)"
              : " need " + shortfall.places() + " approvals from different people")
          + ", but " + people(shortfall.candidates()) + " could count toward " + (one ? "it" : "any of them")
          + (youWould ? " (not counting you: whoever starts the run may not approve it)" : "")
          + ", so the run would still wait for " + (one ? unmet.get(0).who() + " (" : "") + shortfall.missing()
          + " more" + (one ? ")" : "") + ". " + ONE_RULE_EACH));
    }
    return problems;
  }

  /** A rule's own path where the plan wrote it; the list for a set of rules; the sign-off for the policy's rules. */
  private static String path(JsonNode signoff, Shortfall shortfall) {
    JsonNode approvers = signoff.get("approvers");
    if (approvers == null || approvers.isNull()) {
      return SIGNOFF;
    }
    return approvers.isArray() && shortfall.rules().size() == 1
        ? SIGNOFF + ".approvers[" + shortfall.rules().get(0) + "]"
        : SIGNOFF + ".approvers";
  }

  private static String describe(JsonNode signoff, Shortfall shortfall, List<Approvers> rules, ApprovalPolicy policy) {
    boolean fromPolicy = !signoff.hasNonNull("approvers");
    boolean listed = signoff.path("approvers").isArray();
    List<String> named = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      named.add(rules.get(i).who() + " \u00d7" + rules.get(i).count()
          + (listed && rules.size() > 1 ? " ([" + shortfall.rules().get(i) + "])" : ""));
    }
    String which = rules.size() == 1 ? "the rule " + named.get(0) : "the rules " + String.join(" and ", named);
    return fromPolicy ? which + " (filled in from the approval policy, " + policy.source() + ")" : which;
  }

  private static String people(int count) {
    return count == 0 ? "no configured user (rehearsal.security.users)"
        : "only " + count + " configured user" + (count == 1 ? "" : "s") + " (rehearsal.security.users)";
  }

  private static Person person(RehearsalUser user) {
    return new Person(user.name(), user.roleNames(), user.groups());
  }
}
