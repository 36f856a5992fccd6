package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.SignoffSpec.Approvers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts approvals toward approver rules. Each person counts toward one rule only, the one that lets the most rules be
 * met: the count is a maximum matching of people onto the rules' places, found afresh each time, so the order in which
 * people approve never matters and nobody's approval is spent on a rule someone else could have met. The same count
 * tells, before a run starts, whether the configured users can meet the rules at all.
 */
public final class ApproverMatching {
  /** Someone who approves (or could): their name, roles and groups. */
  public record Person(String name, List<String> roles, List<String> groups) {
    public Person {
      roles = roles == null ? List.of() : List.copyOf(roles);
      groups = groups == null ? List.of() : List.copyOf(groups);
    }
  }

  private ApproverMatching() {}

  /** How many of the rules' places {@code people} fill, each person one place at most. */
  public static int filled(List<Approvers> rules, List<Person> people) {
    return (int) Arrays.stream(seating(rules, people)).filter(holder -> holder >= 0).count();
  }

  /** Whether {@code newcomer}'s approval would fill one more place than {@code people} fill (others may move over). */
  public static boolean wouldCount(List<Approvers> rules, List<Person> people, Person newcomer) {
    List<Person> with = new ArrayList<>(people);
    with.add(newcomer);
    return filled(rules, with) > filled(rules, people);
  }

  /**
   * The places still open once {@code people} are seated as well as they can be, for messages: {@code group qa (1
   * more)}. Where someone could hold either of two places, which one shows as open is one of the equally good answers.
   */
  public static List<String> open(List<Approvers> rules, List<Person> people) {
    int[] lacking = lacking(rules, people);
    List<String> open = new ArrayList<>();
    for (int r = 0; r < rules.size(); r++) {
      if (lacking[r] > 0) {
        open.add(rules.get(r).who() + " (" + lacking[r] + " more)");
      }
    }
    return open;
  }

  /** The same open places as {@link #open}, as data: each open rule and how many approvals it still needs. */
  public static List<OpenRule> openRules(List<Approvers> rules, List<Person> people) {
    int[] lacking = lacking(rules, people);
    List<OpenRule> open = new ArrayList<>();
    for (int r = 0; r < rules.size(); r++) {
      if (lacking[r] > 0) {
        open.add(new OpenRule(OpenRule.nameOf(rules.get(r)), lacking[r]));
      }
    }
    return open;
  }

  /** How many places of each rule nobody holds. */
  private static int[] lacking(List<Approvers> rules, List<Person> people) {
    int[] holder = seating(rules, people);
    int[] lacking = new int[rules.size()];
    int place = 0;
    for (int r = 0; r < rules.size(); r++) {
      for (int i = 0; i < rules.get(r).count(); i++, place++) {
        lacking[r] += holder[place] < 0 ? 1 : 0;
      }
    }
    return lacking;
  }

  /** Who holds each place (an index into {@code people}, or -1), places in rule order. */
  static int[] seating(List<Approvers> rules, List<Person> people) {
    List<Approvers> places = new ArrayList<>();
    for (Approvers rule : rules) {
      for (int i = 0; i < rule.count(); i++) {
        places.add(rule);
      }
    }
    int[] holder = new int[places.size()];
    Arrays.fill(holder, -1);
    for (int p = 0; p < people.size(); p++) {
      seat(p, people, places, holder, new boolean[places.size()]);
    }
    return holder;
  }

  /** Kuhn's augmenting path: seats person {@code p}, moving others to other places they may hold. */
  private static boolean seat(int p, List<Person> people, List<Approvers> places, int[] holder, boolean[] tried) {
    Person person = people.get(p);
    for (int i = 0; i < places.size(); i++) {
      if (!tried[i] && places.get(i).admits(person.roles(), person.groups())) {
        tried[i] = true;
        if (holder[i] < 0 || seat(holder[i], people, places, holder, tried)) {
          holder[i] = p;
          return true;
        }
      }
    }
    return false;
  }
}
