package dev.rehearsal.cli;

/** Ends a command with one line on stderr and an exit code; never shown as a stack trace. */
class CliFailure extends RuntimeException {
  private final ExitCode exit;

  CliFailure(ExitCode exit, String message) {
    super(message, null, false, false);
    this.exit = exit;
  }

  ExitCode exit() {
    return exit;
  }
}
