package dev.rehearsal.api.console.run;

import java.util.Map;

/** What the reader had typed into a form the run refused, shown again: the comment or reason, and waivers by gate. */
public record FormDraft(String text, Map<String, String> waivers) {
  static final FormDraft EMPTY = new FormDraft("", Map.of());

  public FormDraft {
    text = text == null ? "" : text;
    waivers = waivers == null ? Map.of() : Map.copyOf(waivers);
  }

  public String waiver(String gate) {
    return waivers.getOrDefault(gate, "");
  }
}
