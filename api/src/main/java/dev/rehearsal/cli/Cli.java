package dev.rehearsal.cli;

import java.io.PrintStream;
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

  /** Whether {@code args} name a client command (rather than options for the server). */
  public static boolean isCommand(String[] args) {
    return args.length > 0 && (COMMANDS.containsKey(args[0]) || args[0].equals("help") || args[0].equals("--help"));
  }

  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    if (args.length == 0 || !COMMANDS.containsKey(args[0])) {
      boolean asked = args.length > 0 && (args[0].equals("help") || args[0].equals("--help"));
      (asked ? out : err).println(usage());
      return (asked ? ExitCode.READY : ExitCode.USAGE).code();
    }
    Command command = COMMANDS.get(args[0]);
    Terminal io = new Terminal(out, err, env);
    try {
      ExitCode exit = command.run().apply(Arrays.asList(args).subList(1, args.length), io);
      io.checkOut();
      return exit.code();
    } catch (CliFailure failure) {
      err.println("rehearsal " + args[0] + ": " + failure.getMessage()
          + (failure.exit() == ExitCode.USAGE ? " (usage: rehearsal " + command.usage() + ")" : ""));
      return failure.exit().code();
    } catch (RuntimeException unexpected) {
      // Never its message: a library's may quote what it was given, a header (the token) or a file's content.
      StackTraceElement where = unexpected.getStackTrace().length == 0 ? null : unexpected.getStackTrace()[0];
      err.println("rehearsal " + args[0] + ": internal error (" + unexpected.getClass().getSimpleName()
          + (where == null ? "" : " at " + where.getFileName() + ":" + where.getLineNumber()) + "); please report it");
      return ExitCode.REFUSED.code();
    }
  }

  private static String usage() {
    StringBuilder usage = new StringBuilder("usage: rehearsal <command> [--url URL] [--token-file FILE]\n");
    COMMANDS.values().forEach(c -> usage.append("  rehearsal ").append(c.usage()).append('\n'));
    usage.append("the token comes from --token-file, else REHEARSAL_TOKEN, else $XDG_CONFIG_HOME/rehearsal/token; the server from --url or REHEARSAL_URL");
    return usage.toString();
  }
}
