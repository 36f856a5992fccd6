package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code approve}, {@code reject} and {@code cancel}: a person's decision on a run, under the token's identity. */
final class DecisionCommands {
  static final String APPROVE_USAGE = "approve ID --comment TEXT [--waive GATE=REASON ...] [--digest sha256:...]";
  static final String REJECT_USAGE = "reject ID --comment TEXT";
  static final String CANCEL_USAGE = "cancel ID --reason TEXT";

  private DecisionCommands() {}

  static ExitCode approve(List<String> argv, Terminal io) {
    CliArgs args = CliArgs.parse(argv, with("--comment", "--waive", "--digest"), Set.of());
    String id = RunIds.checked(args.positionals("ID").get(0));
    String comment = args.required("--comment");
    Map<String, String> waivers = args.pairs("--waive");
    ServerClient server = new ServerClient(Connection.of(args, io.env()));
    // Without --digest, bind the approval to the evidence as it is now: if it changes before the approval lands, the
    // server refuses it rather than let it cover evidence nobody was shown.
    String digest = args.option("--digest");
    if (digest == null) {
      digest = server.get("/api/v1/rehearsals/" + id, "status").path("evidenceDigest").asText(null);
    }
    ObjectNode body = decision("APPROVE", comment);
    body.set("waivers", Json.object(waivers));
    if (digest != null) {
      body.put("evidenceDigest", digest);
    }
    server.post("/api/v1/rehearsals/" + id + "/approvals", body, Map.of(), "status");
    io.out().println("approved " + id + (digest == null ? "" : " (evidence " + digest + ")"));
    return ExitCode.READY;
  }

  static ExitCode reject(List<String> argv, Terminal io) {
    CliArgs args = CliArgs.parse(argv, with("--comment"), Set.of());
    String id = RunIds.checked(args.positionals("ID").get(0));
    ObjectNode body = decision("REJECT", args.required("--comment"));
    new ServerClient(Connection.of(args, io.env())).post("/api/v1/rehearsals/" + id + "/approvals", body, Map.of(), "status");
    io.out().println("rejected " + id);
    return ExitCode.READY;
  }

  static ExitCode cancel(List<String> argv, Terminal io) {
    CliArgs args = CliArgs.parse(argv, with("--reason"), Set.of());
    String id = RunIds.checked(args.positionals("ID").get(0));
    ObjectNode body = Json.object().put("reason", args.required("--reason"));
    new ServerClient(Connection.of(args, io.env())).post("/api/v1/rehearsals/" + id + "/cancel", body, Map.of(), "status");
    io.out().println("cancelled " + id);
    return ExitCode.READY;
  }

  private static ObjectNode decision(String decision, String comment) {
    return Json.object().put("decision", decision).put("comment", comment);
  }

  private static Set<String> with(String... options) {
    Set<String> all = new java.util.HashSet<>(CliArgs.CONNECTION);
    all.addAll(List.of(options));
    return all;
  }
}
