package dev.rehearsal.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code java -jar rehearsal.jar <command>}: the client commands, plain Java without a Spring context so a pipeline
 * step starts in well under a second. Every error is one line on stderr; the exit code is an {@link ExitCode}.
 */
public final class Cli {
  private record Command(String usage, BiFunction<List<String>, Terminal, ExitCode> run) {}

  private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("validate", new Command(ValidateCommand.USAGE, ValidateCommand::run));
    COMMANDS.put("start", new Command(StartCommand.USAGE, StartCommand::run));
    COMMANDS.put("follow", new Command(FollowCommand.USAGE, FollowCommand::run));
    COMMANDS.put("status", new Command(StatusCommand.USAGE, StatusCommand::run));
    COMMANDS.put("approve", new Command(DecisionCommands.APPROVE_USAGE, DecisionCommands::approve));
    COMMANDS.put("reject", new Command(DecisionCommands.REJECT_USAGE, DecisionCommands::reject));
    COMMANDS.put("cancel", new Command(DecisionCommands.CANCEL_USAGE, DecisionCommands::cancel));
    COMMANDS.put("list", new Command(ListCommand.USAGE, ListCommand::run));
    COMMANDS.put("history", new Command(HistoryCommand.USAGE, HistoryCommand::run));
    COMMANDS.put("report", new Command(ReportCommand.USAGE, ReportCommand::run));
    COMMANDS.put("evidence", new Command(EvidenceCommand.USAGE, EvidenceCommand::run));
    COMMANDS.put("export", new Command(ExportCommand.USAGE, ExportCommand::run));
    COMMANDS.put("complete", new Command(CompleteCommand.USAGE, CompleteCommand::run));
    COMMANDS.put("decide", new Command(DecideCommand.USAGE, DecideCommand::run));
    COMMANDS.put("inbox", new Command(InboxCommand.USAGE, InboxCommand::run));
  }

  private Cli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /**
   * Whether {@code args} are the server's: none at all, or only Spring's {@code --key=value} properties (and its
   * {@code --debug}/{@code --trace} switches). Anything else (a command word anywhere, a client option such as
   * {@code --url} first, a lone {@code --}) is the command line's, so a misplaced option never starts a server.
   */
  public static boolean isServer(String[] args) {
    for (String arg : args) {
      boolean property = arg.startsWith("--") && arg.indexOf('=') > 2;
      String name = property ? arg.substring(0, arg.indexOf('=')) : arg;
      if (!(property || arg.equals("--debug") || arg.equals("--trace")) || CliArgs.CONNECTION.contains(name)) {
        return false;
      }
    }
    return true;
  }

  static int run(String[] argv, PrintStream out, PrintStream err, Map<String, String> env) {
    List<String> args = commandFirst(Arrays.asList(argv));
    String name = args.isEmpty() ? "" : args.get(0);
    if (name.equals("help") || name.equals("--help")) {
      out.println(usage());
      return ExitCode.READY.code();
    }
    if (!COMMANDS.containsKey(name)) {
      err.println(name.isEmpty() || name.equals("--") ? "rehearsal: no command given; try rehearsal help"
          : "rehearsal: unknown command " + name + "; try rehearsal help");
      return ExitCode.USAGE.code();
    }
    Command command = COMMANDS.get(name);
    Terminal io = new Terminal(out, err, env);
    try {
      ExitCode exit = command.run().apply(args.subList(1, args.size()), io);
      io.checkOut();
      return exit.code();
    } catch (CliFailure failure) {
      err.println("rehearsal " + name + ": " + failure.getMessage()
          + (failure.exit() == ExitCode.USAGE ? " (usage: rehearsal " + command.usage() + ")" : ""));
      return failure.exit().code();
    } catch (RuntimeException unexpected) {
      // Never its message: a library's may quote what it was given, a header (the token) or a file's content.
      StackTraceElement where = unexpected.getStackTrace().length == 0 ? null : unexpected.getStackTrace()[0];
      err.println("rehearsal " + name + ": internal error (" + unexpected.getClass().getSimpleName()
          + (where == null ? "" : " at " + where.getFileName() + ":" + where.getLineNumber()) + "); please report it");
      return ExitCode.REFUSED.code();
    }
  }

  /**
   * The connection options written before the command ({@code rehearsal --url U status ID}, as with gh or kubectl)
   * moved after it, where every command parses them.
   */
  private static List<String> commandFirst(List<String> args) {
    List<String> global = new ArrayList<>();
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("--")) {
      String arg = args.get(i);
      if (arg.contains("=") && CliArgs.CONNECTION.contains(arg.substring(0, arg.indexOf('=')))) {
        global.add(arg);
        i++;
      } else if (CliArgs.CONNECTION.contains(arg) && i + 1 < args.size()) {
        global.addAll(args.subList(i, i + 2));
        i += 2;
      } else {
        break;
      }
    }
    if (i >= args.size()) {
      return List.of();
    }
    List<String> reordered = new ArrayList<>(args.subList(i, args.size()));
    reordered.addAll(1, global);
    return reordered;
  }

  private static String usage() {
    StringBuilder usage = new StringBuilder("usage: rehearsal <command> [--url URL] [--token-file FILE]\n");
    COMMANDS.values().forEach(c -> usage.append("  rehearsal ").append(c.usage()).append('\n'));
    usage.append("the token comes from --token-file, else REHEARSAL_TOKEN, else $XDG_CONFIG_HOME/rehearsal/token; the server from --url or REHEARSAL_URL");
    return usage.toString();
  }
}
