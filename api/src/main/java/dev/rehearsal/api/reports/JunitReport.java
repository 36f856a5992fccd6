package dev.rehearsal.api.reports;

import dev.rehearsal.activities.reports.RunReport;
import dev.rehearsal.workflows.rehearsal.ApprovalRecord;
import dev.rehearsal.workflows.rehearsal.CancelRecord;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.rehearsal.GateVerdict;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A run as JUnit XML, so GitHub Actions, GitLab and Jenkins show a rehearsal in their own test views: one suite per
 * phase with a test case per step, and one suite {@code gates} with a test case per gate. A FAILED step is a failure
 * with its summary; a skipped or unfinished step is skipped; a FAIL gate is a failure, and so is a WARN or INCONCLUSIVE
 * gate until an approver waives it (the failure says how), because that is what stands between the run and sign-off.
 * A last suite {@code signoff} says how the sign-off went, so the test view agrees with the job's exit code: passed
 * when approved, a failure when rejected, timed out or cancelled (with the comment or reason), skipped while awaited.
 */
public final class JunitReport {
  private static final String SIGNOFF = "signoff";

  private enum Outcome { PASSED, FAILED, SKIPPED }

  private record Case(String classname, String name, double seconds, Outcome outcome, String message, String type, String text) {}

  private record Suite(String name, List<Case> cases) {
    long count(Outcome outcome) {
      return cases.stream().filter(c -> c.outcome() == outcome).count();
    }

    double seconds() {
      return cases.stream().mapToDouble(Case::seconds).sum();
    }
  }

  private JunitReport() {}

  /** {@code cancellation}: who cancelled the run and why (null when nobody did); the report does not carry it. */
  public static String render(RunReport report, CancelRecord cancellation) {
    List<Suite> suites = new ArrayList<>(stepSuites(report));
    if (!report.gates().isEmpty()) {
      Map<String, String> waivers = waivers(report.approvals());
      suites.add(new Suite("gates", report.gates().stream().map(g -> gateCase(g, waivers.get(g.name()))).toList()));
    }
    suites.add(new Suite("signoff", List.of(signoffCase(report, cancellation))));
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", clean("rehearsal " + report.plan() + " " + report.releaseCandidate() + " (" + report.id() + ")"));
      counts(xml, suites.stream().mapToLong(s -> s.cases().size()).sum(), suites.stream().mapToLong(s -> s.count(Outcome.FAILED)).sum(),
          suites.stream().mapToLong(s -> s.count(Outcome.SKIPPED)).sum(), suites.stream().mapToDouble(Suite::seconds).sum());
      for (Suite suite : suites) {
        suite(xml, suite, report);
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing XML to a string cannot fail", e);
    }
    return text.append('\n').toString();
  }

  /** Steps grouped by phase, phases in the order the plan runs them. */
  private static List<Suite> stepSuites(RunReport report) {
    Map<String, List<Case>> byPhase = new LinkedHashMap<>();
    for (RunReport.Step step : report.steps()) {
      String phase = step.phase() == null ? "steps" : step.phase().toLowerCase(Locale.ROOT);
      byPhase.computeIfAbsent(phase, p -> new ArrayList<>()).add(stepCase(phase, step));
    }
    return byPhase.entrySet().stream().map(e -> new Suite(e.getKey(), e.getValue())).toList();
  }

  private static Case stepCase(String phase, RunReport.Step step) {
    double seconds = step.seconds() == null ? 0 : step.seconds();
    String summary = step.summary() == null ? "" : step.summary();
    String detail = summary + (summary.isEmpty() ? "" : "\n") + "attempts: " + step.attempts()
        + step.evidence().stream().map(e -> "\nevidence: " + e.name() + " sha256:" + e.sha256() + " " + e.href()).collect(Collectors.joining());
    return switch (step.status()) {
      case "SUCCEEDED" -> new Case(phase, step.name(), seconds, Outcome.PASSED, null, null, detail);
      case "FAILED" -> new Case(phase, step.name(), seconds, Outcome.FAILED, summary.isBlank() ? "step failed" : summary, "FAILED", detail);
      case "SKIPPED" -> new Case(phase, step.name(), seconds, Outcome.SKIPPED, summary.isBlank() ? "skipped" : summary, null, detail);
      default -> new Case(phase, step.name(), seconds, Outcome.SKIPPED, "not finished: " + step.status(), null, detail);
    };
  }

  private static Case gateCase(GateState gate, String waiver) {
    String figure = (gate.value() == null ? "no samples" : "value " + number(gate.value()))
        + (gate.thresholds() == null || gate.thresholds().isEmpty() ? "" : ", thresholds " + thresholds(gate.thresholds()))
        + (gate.baseline() == null ? "" : ", baseline " + number(gate.baseline()))
        + (gate.note() == null || gate.note().isBlank() ? "" : " (" + gate.note() + ")");
    String verdict = gate.verdict() + ": " + figure;
    if (gate.verdict() == GateVerdict.PASS) {
      return new Case("gates", gate.name(), 0, Outcome.PASSED, null, null, verdict);
    }
    if (gate.verdict() == GateVerdict.FAIL) {
      return new Case("gates", gate.name(), 0, Outcome.FAILED, verdict, "FAIL", verdict);
    }
    if (waiver != null) {
      return new Case("gates", gate.name(), 0, Outcome.PASSED, null, null, verdict + "\nwaived by " + waiver);
    }
    String needs = verdict + "; needs a waiver: approve with --waive " + gate.name() + "=REASON";
    return new Case("gates", gate.name(), 0, Outcome.FAILED, needs, gate.verdict().name(), needs);
  }

  private static Case signoffCase(RunReport report, CancelRecord cancellation) {
    List<ApprovalRecord> decisions = report.approvals();
    String decided = decisions.stream().map(d -> d.decision() + " by " + d.actor() + (d.comment() == null ? "" : ": " + d.comment()))
        .collect(Collectors.joining("\n"));
    return switch (report.status()) {
      case SUCCEEDED -> new Case(SIGNOFF, SIGNOFF, 0, Outcome.PASSED, null, null, decided);
      case REJECTED -> {
        String rejection = decisions.stream().filter(d -> d.decision() == Decision.REJECT).reduce((a, b) -> b)
            .map(d -> "rejected by " + d.actor() + ": " + d.comment()).orElse("rejected");
        yield new Case(SIGNOFF, SIGNOFF, 0, Outcome.FAILED, rejection, "REJECTED", decided);
      }
      case TIMED_OUT -> new Case(SIGNOFF, SIGNOFF, 0, Outcome.FAILED, "no sign-off before the sign-off timeout", "TIMED_OUT",
          decided.isEmpty() ? "no decision" : decided);
      case CANCELLED -> {
        String why = cancellation == null ? "cancelled"
            : "cancelled by " + (cancellation.actor() == null ? "nobody (a timeout)" : cancellation.actor()) + ": " + cancellation.reason();
        yield new Case(SIGNOFF, SIGNOFF, 0, Outcome.FAILED, why, "CANCELLED", why);
      }
      case AWAITING_APPROVAL -> new Case(SIGNOFF, SIGNOFF, 0, Outcome.SKIPPED, "awaiting sign-off", null, decided);
      case FAILED -> new Case(SIGNOFF, SIGNOFF, 0, Outcome.SKIPPED, "not reached: the run FAILED", null, null);
      case RUNNING -> new Case(SIGNOFF, SIGNOFF, 0, Outcome.SKIPPED, "not reached yet: the run is RUNNING", null, null);
    };
  }

  /** Waivers written by approvers (a rejection's waivers waive nothing), by gate: "bob: reason". */
  private static Map<String, String> waivers(List<ApprovalRecord> decisions) {
    Map<String, String> waivers = new LinkedHashMap<>();
    decisions.stream().filter(d -> d.decision() == Decision.APPROVE && d.waivers() != null)
        .forEach(d -> d.waivers().forEach((gate, why) -> waivers.put(gate, d.actor() + ": " + why)));
    return waivers;
  }

  private static void suite(XMLStreamWriter xml, Suite suite, RunReport report) throws XMLStreamException {
    xml.writeCharacters("\n  ");
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", clean(suite.name()));
    counts(xml, suite.cases().size(), suite.count(Outcome.FAILED), suite.count(Outcome.SKIPPED), suite.seconds());
    if (report.startedAt() != null) {
      xml.writeAttribute("timestamp", report.startedAt().toString());
    }
    for (Case c : suite.cases()) {
      xml.writeCharacters("\n    ");
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", clean(c.classname()));
      xml.writeAttribute("name", clean(c.name()));
      xml.writeAttribute("time", seconds(c.seconds()));
      if (c.outcome() == Outcome.FAILED) {
        xml.writeCharacters("\n      ");
        xml.writeStartElement("failure");
        xml.writeAttribute("message", clean(c.message().replaceAll("[\r\n]+", " ")));
        xml.writeAttribute("type", c.type());
        xml.writeCharacters(clean(c.text()));
        xml.writeEndElement();
      } else if (c.outcome() == Outcome.SKIPPED) {
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("skipped");
        xml.writeAttribute("message", clean(c.message().replaceAll("[\r\n]+", " ")));
      }
      if (c.outcome() != Outcome.FAILED && c.text() != null && !c.text().isBlank()) {
        xml.writeCharacters("\n      ");
        xml.writeStartElement("system-out");
        xml.writeCharacters(clean(c.text()));
        xml.writeEndElement();
      }
      xml.writeCharacters("\n    ");
      xml.writeEndElement();
    }
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
  }

  private static void counts(XMLStreamWriter xml, long tests, long failures, long skipped, double seconds) throws XMLStreamException {
    xml.writeAttribute("tests", String.valueOf(tests));
    xml.writeAttribute("failures", String.valueOf(failures));
    xml.writeAttribute("errors", "0");
    xml.writeAttribute("skipped", String.valueOf(skipped));
    xml.writeAttribute("time", seconds(seconds));
  }

  private static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String thresholds(Map<String, Double> thresholds) {
    return thresholds.entrySet().stream().map(e -> e.getKey() + " " + (e.getValue() == null ? "-" : number(e.getValue())))
        .collect(Collectors.joining(", "));
  }

  /**
   * The text with what XML 1.0 cannot carry (control characters such as a command's ANSI colours, lone surrogates)
   * replaced by U+FFFD; the writer escapes the rest.
   */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder clean = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        clean.append(c).append(text.charAt(++i));
      } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)) {
        clean.append(c);
      } else {
        clean.append('\uFFFD');
      }
    }
    return clean.toString();
  }
}
