package dev.rehearsal.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: positionals, options with a value ({@code --name value} or {@code --name=value}, repeatable),
 * and flags. Anything the command does not know is a usage error.
 */
final class CliArgs {
  /** Options every client command takes. */
  static final Set<String> CONNECTION = Set.of("--url", "--token-file");

  private final List<String> positionals = new ArrayList<>();
  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final List<String> flags = new ArrayList<>();

  private CliArgs() {}

  static CliArgs parse(List<String> args, Set<String> valueOptions, Set<String> flagNames) {
    CliArgs parsed = new CliArgs();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        parsed.positionals.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (flagNames.contains(name) && eq < 0) {
        parsed.flags.add(name);
      } else if (valueOptions.contains(name)) {
        if (eq < 0 && i + 1 >= args.size()) {
          throw new CliFailure(ExitCode.USAGE, name + " needs a value");
        }
        String value = eq < 0 ? args.get(++i) : arg.substring(eq + 1);
        // "--rc --wait" would start a run for release candidate "--wait", and not wait: a value looking like an option
        // is a forgotten value; the rare real one is written --rc=--wait.
        if (eq < 0 && value.startsWith("--")) {
          throw new CliFailure(ExitCode.USAGE, name + " needs a value, got the option " + value + " (write " + name + "=VALUE for a value starting with --)");
        }
        parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else if (name.equals("--token")) {
        throw new CliFailure(ExitCode.USAGE, "there is no --token option (it would show in ps): set REHEARSAL_TOKEN or use --token-file");
      } else {
        throw new CliFailure(ExitCode.USAGE, "unknown option " + name);
      }
    }
    return parsed;
  }

  /** The positionals, exactly {@code names} of them. */
  List<String> positionals(String... names) {
    if (positionals.size() != names.length) {
      throw new CliFailure(ExitCode.USAGE, (names.length == 0 ? "takes no arguments" : "expected " + String.join(" ", names))
          + ", got " + (positionals.isEmpty() ? "nothing" : String.join(" ", positionals)));
    }
    return positionals;
  }

  String option(String name) {
    List<String> values = options.getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw new CliFailure(ExitCode.USAGE, name + " given more than once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  String required(String name) {
    String value = option(name);
    if (value == null || value.isBlank()) {
      throw new CliFailure(ExitCode.USAGE, name + " is required");
    }
    return value;
  }

  /** Every value of a repeatable option, in order. */
  List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  /** A repeatable {@code KEY=VALUE} option, in order. */
  Map<String, String> pairs(String name) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String value : options.getOrDefault(name, List.of())) {
      int eq = value.indexOf('=');
      if (eq < 1) {
        throw new CliFailure(ExitCode.USAGE, name + " takes KEY=VALUE, got " + value);
      }
      pairs.put(value.substring(0, eq), value.substring(eq + 1));
    }
    return pairs;
  }
}
