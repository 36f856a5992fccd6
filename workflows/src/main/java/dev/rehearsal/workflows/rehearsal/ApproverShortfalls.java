package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.SignoffSpec.Approvers;
import dev.rehearsal.workflows.rehearsal.ApproverMatching.Person;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Why a set of people cannot meet approver rules, for refusing a plan before its run waits for people nobody can be.
 * First each rule that fewer people could count toward than it needs on its own; then, with those rules cut down to
 * what their people can give, each set of rules that together need more people than could count toward any of them
 * (Hall's condition, found from the rules' maximum matching; a set reports the rules' full counts). Empty when the
 * people can meet every rule at once.
 */
public final class ApproverShortfalls {
  /**
   * Rules that cannot be met together.
   *
   * @param rules indexes into the rules, in order
   * @param places how many approvals these rules need together (each approval counts toward one rule)
   * @param candidates how many of the people could count toward any of these rules
   */
  public record Shortfall(List<Integer> rules, int places, int candidates) {
    public Shortfall {
      rules = List.copyOf(rules);
    }

    /** How many more people the rules would need. */
    public int missing() {
      return places - candidates;
    }
  }

  private ApproverShortfalls() {}

  public static List<Shortfall> of(List<Approvers> rules, List<Person> people) {
    List<Shortfall> shortfalls = new ArrayList<>();
    List<Approvers> capped = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Approvers rule = rules.get(i);
      int candidates = candidates(List.of(rule), people).size();
      if (candidates < rule.count()) {
        shortfalls.add(new Shortfall(List.of(i), rule.count(), candidates));
      }
      capped.add(new Approvers(rule.role(), Math.min(rule.count(), candidates), rule.group()));
    }
    shortfalls.addAll(jointShortfalls(rules, capped, people));
    return shortfalls;
  }

  /**
   * From each rule left with an open place after the best seating: the rules reachable by moving people from place
   * to place (a person who could count toward a reached rule, and the rule they hold). Every such person already holds
   * a place among them, or the seating was not the best, so these rules have more places than people.
   */
  private static List<Shortfall> jointShortfalls(List<Approvers> rules, List<Approvers> capped, List<Person> people) {
    int[] holder = ApproverMatching.seating(capped, people);
    int[] ruleOf = new int[holder.length];
    int place = 0;
    for (int r = 0; r < capped.size(); r++) {
      for (int i = 0; i < capped.get(r).count(); i++) {
        ruleOf[place++] = r;
      }
    }
    List<Shortfall> shortfalls = new ArrayList<>();
    Set<Integer> reported = new HashSet<>();
    for (int open = 0; open < holder.length; open++) {
      if (holder[open] >= 0 || reported.contains(ruleOf[open])) {
        continue;
      }
      Set<Integer> reached = new HashSet<>(Set.of(ruleOf[open]));
      for (boolean grew = true; grew; ) {
        grew = false;
        List<Approvers> reachedRules = reached.stream().map(rules::get).toList();
        for (int seat = 0; seat < holder.length; seat++) {
          if (holder[seat] >= 0 && countsToward(reachedRules, people.get(holder[seat]))) {
            grew |= reached.add(ruleOf[seat]);
          }
        }
      }
      List<Integer> sorted = reached.stream().sorted().toList();
      List<Approvers> set = sorted.stream().map(rules::get).toList();
      int places = set.stream().mapToInt(Approvers::count).sum();
      shortfalls.add(new Shortfall(sorted, places, candidates(set, people).size()));
      reported.addAll(reached);
    }
    return shortfalls;
  }

  /** The people who could count toward at least one of {@code rules}. */
  private static List<Person> candidates(List<Approvers> rules, List<Person> people) {
    return people.stream().filter(person -> countsToward(rules, person)).toList();
  }

  private static boolean countsToward(List<Approvers> rules, Person person) {
    return rules.stream().anyMatch(rule -> rule.admits(person.roles(), person.groups()));
  }
}
