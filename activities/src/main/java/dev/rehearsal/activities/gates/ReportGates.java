package dev.rehearsal.activities.gates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.plan.ReportGate;
import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.rehearsal.GateVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Judges a command step's gates on the figures its tool reported: a number at a JSON Pointer in a JSON report or in
 * stdout, or a JUnit figure. A report not written, a pointer with no value, or a value that is not a number is
 * INCONCLUSIVE with the reason, never a PASS. Gate names are {@code <step>.<gate>}, what waivers key on.
 */
public final class ReportGates {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportGates() {}

  /** A figure read, or why there is none. */
  private record Figure(Double value, String why) {}

  /**
   * @param reports each report file by its path as the plan names it
   * @param baseline the last signed-off run's figures by gate name (empty when none)
   */
  public static List<GateState> evaluate(String step, Map<String, ReportGate> gates, Function<String, ReportFile> reports,
      String stdout, Map<String, Double> baseline) {
    List<GateState> verdicts = new ArrayList<>();
    gates.forEach((name, gate) -> {
      Figure figure = figure(gate, reports, stdout);
      boolean atLeast = gate.pass().atLeast();
      GateJudge.Bounds bounds = new GateJudge.Bounds(gate.pass().limit(), gate.warn() == null ? null : gate.warn().limit(),
          atLeast, GateVerdict.FAIL);
      GateState judged = GateJudge.bounded(step + "." + name, bounds, figure.value(), figure.why());
      verdicts.add(GateJudge.compared(judged, atLeast, baseline, gate.baseline() == null ? null : gate.baseline().tolerance()));
    });
    return verdicts;
  }

  private static Figure figure(ReportGate gate, Function<String, ReportFile> reports, String stdout) {
    String source = gate.fromStdout() ? "stdout" : gate.file();
    byte[] content;
    if (gate.fromStdout()) {
      content = stdout.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } else {
      ReportFile file = reports.apply(gate.file());
      if (file == null || file.content() == null) {
        return new Figure(null, file == null ? "report " + source + " was not read" : file.absent());
      }
      content = file.content();
    }
    try {
      if (gate.junit() != null) {
        return new Figure(JunitFigures.sum(content, gate.figure()), null);
      }
      return atPointer(JSON.readTree(content), gate.pointer(), source);
    } catch (IllegalArgumentException | java.io.IOException e) {
      String why = e instanceof JsonProcessingException json ? "is not JSON: " + json.getOriginalMessage() : e.getMessage();
      return new Figure(null, source + " " + why);
    }
  }

  private static Figure atPointer(JsonNode report, String pointer, String source) {
    JsonNode value = report == null ? null : report.at(pointer);
    if (value == null || value.isMissingNode()) {
      return new Figure(null, "no value at " + pointer + " in " + source);
    }
    if (!value.isNumber()) {
      String seen = value.toString();
      return new Figure(null, "the value at " + pointer + " in " + source + " is " + (seen.length() > 80 ? seen.substring(0, 80) + "…" : seen) + ", not a number");
    }
    if (!Double.isFinite(value.asDouble())) {
      // 1e999 reads as Infinity, which would pass any lower bound: a figure too large to hold is not a measurement.
      return new Figure(null, "the value at " + pointer + " in " + source + " is " + value + ", too large to be a figure");
    }
    return new Figure(value.asDouble(), null);
  }
}
