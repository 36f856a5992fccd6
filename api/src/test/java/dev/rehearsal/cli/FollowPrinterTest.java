package dev.rehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What {@code --follow} prints for what a real run only shows on a terminal (a long step's progress) or after a
 * person is needed; states as the API answers them. The CLI process tests cover the rest against real runs.
 */
class FollowPrinterTest {
  private static final String LOADING = """
      {"status": "RUNNING", "phase": "LOAD", "steps": [{"name": "api-load", "phase": "LOAD", "status": "RUNNING",
       "attempts": 1, "startedAt": "2026-11-30T10:00:00Z",
       "summary": "in progress: {\\"phase\\":\\"load\\",\\"sent\\":600,\\"achievedRate\\":49.5}"}]}""";
  private static final String LOADED = """
      {"status": "RUNNING", "phase": "LOAD", "steps": [{"name": "api-load", "phase": "LOAD", "status": "SUCCEEDED",
       "attempts": 1, "startedAt": "2026-11-30T10:00:00Z", "finishedAt": "2026-11-30T10:05:03Z", "summary": "15000 requests"}],
       "gates": [{"name": "api-load.p95LatencyMs", "verdict": "WARN", "value": 1350.25, "thresholds": {"pass": 1200, "warn": 2000},
       "baseline": 1100, "note": "worse than the baseline by 22.8%"}]}""";

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  @Test
  void onATerminalProgressIsOneLineRewrittenAndClearedBeforeTheNextEvent() {
    FollowPrinter printer = printer(true);
    printer.accept(json(LOADING));
    printer.accept(json(LOADING.replace("600", "900").replace("49.5}", "49.5,\\\"dropped\\\":0,\\\"errors\\\":0}")));
    printer.accept(json(LOADED));

    assertThat(printed()).as("no longer than the terminal is wide, or it would wrap").isEqualTo("10:00:00 phase load\n10:00:00 step api-load started (attempt 1)\n"
        + "\r\033[K10:00:00 step api-load phase load, sent 600, achievedRate 49.5"
        + "\r\033[K10:00:00 step api-load phase load, sent 900, achievedRate 49.5, dr..."
        + "\r\033[K10:00:00 step api-load finished SUCCEEDED in 5m03s: 15000 requests\n"
        + "10:00:00 gate api-load.p95LatencyMs WARN measured 1350.25 vs pass 1200, warn 2000, baseline 1100 (worse than the baseline by 22.8%)\n");
  }

  @Test
  void inAJobLogThereIsNoProgressAndNoControlCharacter() {
    FollowPrinter printer = printer(false);
    printer.accept(json(LOADING));
    printer.accept(json(LOADING.replace("600", "900")));
    printer.accept(json(LOADED));

    assertThat(printed()).doesNotContain("\r", "\033", "sent 600").contains("step api-load finished SUCCEEDED in 5m03s");
  }

  @Test
  void aWaitForAPersonSaysWhoIsAwaitedAndForWhat() {
    FollowPrinter printer = printer(false);
    printer.accept(json("""
        {"status": "RUNNING", "phase": "RESTORE", "steps": [{"name": "restore", "phase": "RESTORE", "status": "WAITING",
         "attempts": 2, "startedAt": "2026-11-30T10:00:00Z", "finishedAt": "2026-11-30T10:00:02Z", "summary": "permission denied"}],
         "waitingFor": {"kind": "decision", "step": "restore", "since": "2026-11-30T10:00:02Z", "who": "ENGINEER",
         "until": "2026-11-30T14:00:02Z"}}"""));
    printer.accept(json("""
        {"status": "RUNNING", "phase": "RESTORE", "steps": [{"name": "restore", "phase": "RESTORE", "status": "RUNNING",
         "attempts": 1, "startedAt": "2026-11-30T10:00:30Z"}]}"""));
    printer.accept(json("""
        {"status": "RUNNING", "phase": "DEPLOY", "steps": [{"name": "confirm", "phase": "DEPLOY", "status": "WAITING",
         "attempts": 0, "startedAt": "2026-11-30T10:01:00Z"}],
         "waitingFor": {"kind": "manual", "step": "confirm", "since": "2026-11-30T10:01:00Z", "who": "group:dba"}}"""));

    assertThat(printed().lines()).containsExactly(
        "10:00:00 phase restore",
        "10:00:00 step restore started (attempt 1)",
        "10:00:02 step restore finished FAILED in 2.0s after 2 attempts: permission denied",
        "10:00:02 waiting for ENGINEER: a decision on failed step restore (retry, skip, rollback or abort), until 2026-11-30T14:00:02Z",
        "10:00:00 step restore started again after a decision",
        "10:00:00 phase deploy",
        "10:00:00 step confirm started (attempt 1)",
        "10:00:00 waiting for group:dba: manual step confirm to be completed");
  }

  @Test
  void aReattachedFollowerTellsEarlierEventsAtTheirOwnTimesOrAsEarlierNeverAsNow() {
    FollowPrinter printer = printer(false);
    printer.accept(json("""
        {"status": "AWAITING_APPROVAL", "phase": "SIGNOFF", "readiness": "PASS", "approvals": {"required": 1},
         "steps": [{"name": "tools", "phase": "PREFLIGHT", "status": "SUCCEEDED", "attempts": 1,
         "startedAt": "2026-11-30T08:05:00Z", "finishedAt": "2026-11-30T08:05:03Z"}],
         "gates": [{"name": "tools.exit", "verdict": "PASS", "value": 0}]}"""));

    assertThat(printed().lines()).containsExactly(
        "08:05:00 phase preflight",
        "08:05:00 step tools started (attempt 1)",
        "08:05:03 step tools finished SUCCEEDED in 3.0s",
        "--:--:-- gate tools.exit PASS measured 0",
        "--:--:-- phase signoff",
        "--:--:-- waiting for sign-off by 1 approver(s): readiness PASS");
  }

  @Test
  void aRetryAfterADecisionThatFailedAgainBetweenTwoPollsIsStillTold() {
    FollowPrinter printer = printer(false);
    String waiting = """
        {"status": "RUNNING", "phase": "RESTORE", "steps": [{"name": "restore", "phase": "RESTORE", "status": "WAITING",
         "attempts": 1, "startedAt": "%s", "finishedAt": "%s", "summary": "%s"}],
         "waitingFor": {"kind": "decision", "step": "restore", "since": "%2$s", "who": "ENGINEER"}}""";
    printer.accept(json(waiting.formatted("2026-11-30T10:00:00Z", "2026-11-30T10:00:02Z", "permission denied")));
    printer.accept(json(waiting.formatted("2026-11-30T10:00:30Z", "2026-11-30T10:00:40Z", "still denied")));

    assertThat(printed().lines()).containsSubsequence(
        "10:00:02 waiting for ENGINEER: a decision on failed step restore (retry, skip, rollback or abort)",
        "10:00:00 step restore started again after a decision",
        "10:00:00 step restore finished FAILED in 10.0s: still denied",
        "10:00:00 waiting for ENGINEER: a decision on failed step restore (retry, skip, rollback or abort)");
  }

  @Test
  void retriesBetweenTwoPollsAreCounted() {
    FollowPrinter printer = printer(false);
    String running = """
        {"status": "RUNNING", "phase": "SMOKE", "steps": [{"name": "ping", "phase": "SMOKE", "status": "RUNNING",
         "attempts": %d, "startedAt": "2026-11-30T10:00:00Z", "summary": "attempt %1$d, last error: connection refused"}]}""";
    printer.accept(json(running.formatted(1)));
    printer.accept(json(running.formatted(3)));

    assertThat(printed().lines()).contains("10:00:00 step ping retried \u00d72 (attempt 3): connection refused");
  }

  @Test
  void controlCharactersFromAStepAreShownEscapedNeverPassedToTheLogOrTerminal() {
    String escaping = """
        {"id": "rh-1", "status": "FAILED", "phase": "SMOKE", "steps": [{"name": "colour", "phase": "SMOKE", "status": "FAILED",
         "attempts": 1, "startedAt": "2026-11-30T10:00:00Z", "finishedAt": "2026-11-30T10:00:01Z",
         "summary": "\\u001b[2J\\u001b[31mred\\u0007\\ttab\\r\\nnext"}]}""";
    printer(false).accept(json(escaping));
    RunLines.print(json(escaping), new Connection("http://h", "t"), new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(printed()).doesNotContain("\033", "\007", "\t", "\r")
        .contains("step colour finished FAILED in 1.0s: \\x1b[2J\\x1b[31mred\\x07 tab next")
        .contains("smoke/colour  FAILED  \\x1b[2J\\x1b[31mred\\x07 tab next");
  }

  private FollowPrinter printer(boolean live) {
    return new FollowPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), live, () -> LocalTime.of(10, 0), ZoneOffset.UTC, 70);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static JsonNode json(String text) {
    return Json.parse(text.getBytes(StandardCharsets.UTF_8));
  }
}
