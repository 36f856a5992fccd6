package dev.rehearsal.cli;

/**
 * The server could not be reached or failed (connection refused or reset, a timeout, a 5xx answer): exit 69, and
 * something a long wait rides out ({@link Outage}), unlike a refusal or an answer that is not the API.
 */
final class ServerUnavailable extends CliFailure {
  ServerUnavailable(String message) {
    super(ExitCode.UNREACHABLE, message);
  }
}
