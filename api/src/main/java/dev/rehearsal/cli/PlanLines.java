package dev.rehearsal.cli;

import dev.rehearsal.plan.PlanParser;
import dev.rehearsal.plan.PlanProblem;
import java.io.PrintStream;
import java.io.StringReader;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where a problem's path ({@code phases.migrate[2].http.url}) is in the plan's text, so an editor or a CI log can jump
 * to it: SnakeYAML's composed nodes keep their start marks, which the plan's JSON tree has lost. A path that goes
 * further than the text (a missing key) points at its nearest ancestor that is there.
 */
final class PlanLines {
  private final Node root;

  private PlanLines(Node root) {
    this.root = root;
  }

  /** The text as SnakeYAML composes it; text it cannot compose has no lines (its problems print without one). */
  static PlanLines of(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(PlanParser.MAX_PLAN_CHARS);
    options.setMaxAliasesForCollections(0);
    try {
      return new PlanLines(new Yaml(options).compose(new StringReader(text)));
    } catch (RuntimeException unreadable) {
      return new PlanLines(null);
    }
  }

  /** The 1-based line of the node at {@code path} (of its key, for a mapping entry), or of its nearest ancestor. */
  OptionalInt line(String path) {
    if (root == null || path.isEmpty()) {
      return OptionalInt.empty();
    }
    return resolve(root, path, -1).map(OptionalInt::of).orElse(OptionalInt.empty());
  }

  /** {@code file:line: path: message}, or {@code file: path: message} where no line is known. */
  String format(String file, PlanProblem problem) {
    OptionalInt line = line(problem.path());
    return file + (line.isPresent() ? ":" + line.getAsInt() : "") + ": "
        + (problem.path().isEmpty() ? "" : problem.path() + ": ") + problem.message();
  }

  void print(String file, List<PlanProblem> problems, PrintStream out) {
    problems.forEach(p -> out.println(format(file, p)));
  }

  /** {@code rest} of the path below {@code node}; {@code line} is where {@code node} is (-1 for the document). */
  private static Optional<Integer> resolve(Node node, String rest, int line) {
    if (rest.startsWith(".")) {
      rest = rest.substring(1);
    }
    Optional<Integer> here = line < 0 ? Optional.empty() : Optional.of(line);
    if (rest.isEmpty()) {
      return here;
    }
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (!(node instanceof SequenceNode sequence) || close < 0) {
        return here;
      }
      int index = index(rest.substring(1, close));
      if (index < 0 || index >= sequence.getValue().size()) {
        return here;
      }
      Node item = sequence.getValue().get(index);
      return resolve(item, rest.substring(close + 1), lineOf(item));
    }
    if (!(node instanceof MappingNode mapping)) {
      return here;
    }
    // Keys may hold dots themselves (a step kind such as postgres.snapshot): the longest key that fits wins.
    String path = rest;
    Optional<NodeTuple> entry = mapping.getValue().stream()
        .filter(t -> t.getKeyNode() instanceof ScalarNode key && startsWith(path, key.getValue()))
        .max(Comparator.comparingInt(t -> ((ScalarNode) t.getKeyNode()).getValue().length()));
    if (entry.isEmpty()) {
      return here;
    }
    String key = ((ScalarNode) entry.get().getKeyNode()).getValue();
    return resolve(entry.get().getValueNode(), path.substring(key.length()), lineOf(entry.get().getKeyNode()));
  }

  private static boolean startsWith(String path, String key) {
    return path.startsWith(key)
        && (path.length() == key.length() || path.charAt(key.length()) == '.' || path.charAt(key.length()) == '[');
  }

  private static int index(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int lineOf(Node node) {
    return node.getStartMark().getLine() + 1;
  }
}
