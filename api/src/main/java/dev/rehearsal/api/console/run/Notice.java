package dev.rehearsal.api.console.run;

import java.util.List;

/** A message at the top of a run's page after a form was sent: {@code tone} ok or error, and details as a list. */
public record Notice(String tone, String message, List<String> items) {
  static Notice ok(String message) {
    return new Notice("ok", message, List.of());
  }

  static Notice error(String message, List<String> items) {
    return new Notice("error", message, items);
  }
}
