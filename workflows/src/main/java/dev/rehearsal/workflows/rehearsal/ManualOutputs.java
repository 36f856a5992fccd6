package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.ManualSpec.Output;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a completed manual step hands on to later steps: the person's outcome, note, name, time and attachments. A
 * person's words are never read as a reference: each {@code ${} in them is handed on as {@code $ {}, so a note that
 * quotes {@code ${env:DB_PASSWORD}} cannot make a later step resolve that secret.
 */
final class ManualOutputs {
  private ManualOutputs() {}

  static Map<String, String> of(ManualCompletionRecord done) {
    Map<String, String> outputs = new TreeMap<>();
    outputs.put(Output.outcome.name(), done.outcome().name());
    outputs.put(Output.note.name(), literal(done.note() == null ? "" : done.note()));
    outputs.put(Output.completedBy.name(), literal(done.actor()));
    outputs.put(Output.completedAt.name(), done.at().toString());
    outputs.put(Output.attachments.name(), done.attachments().stream()
        .map(a -> a.name() + "@sha256:" + a.sha256()).collect(Collectors.joining(",")));
    return outputs;
  }

  /** The text with no {@code ${} left in it. */
  static String literal(String text) {
    return text.replace("${", "$ {");
  }
}
