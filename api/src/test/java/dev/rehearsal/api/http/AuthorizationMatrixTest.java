package dev.rehearsal.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the app maps × every method × every kind of caller, over real HTTP against the real security chain.
 * The endpoints come from the app's own handler mappings, so an endpoint missing from {@link #ACCESS} fails here.
 */
class AuthorizationMatrixTest extends LocalApp {
  /**
   * Who may call what, per DESIGN.md. Approvals and failed-step decisions are open to every user: the service records a
   * refused attempt.
   */
  enum Access {
    PUBLIC(EnumSet.allOf(Caller.class)),
    ANY_USER(EnumSet.of(Caller.ENGINEER, Caller.APPROVER, Caller.AUDITOR)),
    ENGINEER(EnumSet.of(Caller.ENGINEER)),
    AUDITOR(EnumSet.of(Caller.AUDITOR));

    final Set<Caller> callers;

    Access(Set<Caller> callers) {
      this.callers = callers;
    }
  }

  private static final String RUN = "/api/v1/rehearsals/{id}";
  private static final Map<String, Access> ACCESS = Map.ofEntries(
      Map.entry("POST /api/v1/plans/validate", Access.ENGINEER),
      Map.entry("GET /api/v1/plans/schema", Access.ANY_USER),
      Map.entry("GET /api/v1/inbox", Access.ANY_USER),
      Map.entry("POST /api/v1/rehearsals", Access.ENGINEER),
      Map.entry("GET /api/v1/rehearsals", Access.ANY_USER),
      Map.entry("GET " + RUN, Access.ANY_USER),
      Map.entry("POST " + RUN + "/approvals", Access.ANY_USER),
      Map.entry("POST " + RUN + "/steps/{step}/decision", Access.ANY_USER),
      Map.entry("POST " + RUN + "/cancel", Access.ENGINEER),
      // Open like approvals: the step's role or group decides, and a refused completion is recorded.
      Map.entry("POST " + RUN + "/steps/{step}/complete", Access.ANY_USER),
      Map.entry("GET " + RUN + "/history", Access.AUDITOR),
      Map.entry("GET " + RUN + "/report", Access.ANY_USER),
      // Every role: approvers sign over the evidence, so they read it too (a change of DESIGN.md's table, on purpose).
      Map.entry("GET " + RUN + "/evidence/{name}", Access.ANY_USER),
      Map.entry("GET /api/v1/audit/verify", Access.AUDITOR),
      Map.entry("GET /api/v1/audit/export", Access.AUDITOR),
      Map.entry("GET /v3/api-docs", Access.PUBLIC),
      Map.entry("GET /v3/api-docs.yaml", Access.PUBLIC),
      Map.entry("* /error", Access.PUBLIC));
  private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
  @Autowired ApplicationContext context;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyEndpointMethodAndCallerGetsWhatTheTableSays() throws Exception {
    Map<String, Set<String>> methodsByPath = mappedMethodsByPath();
    Set<String> mapped = new TreeSet<>();
    methodsByPath.forEach((path, methods) -> methods.forEach(m -> mapped.add(m + " " + path)));
    assertThat(mapped).as("endpoints the app maps vs. the access table").containsExactlyInAnyOrderElementsOf(ACCESS.keySet());

    List<String> wrong = new ArrayList<>();
    int cells = 0;
    for (var endpoint : methodsByPath.entrySet()) {
      String path = endpoint.getKey();
      for (String method : METHODS) {
        String handled = handledAs(method, endpoint.getValue());
        Access access = handled == null ? mostOpen(path) : ACCESS.get(handled + " " + path);
        for (Caller caller : Caller.values()) {
          cells++;
          HttpResponse<String> response = send(method, concrete(path), caller);
          String verdict = verdict(response, access.callers.contains(caller), caller, handled, method);
          if (verdict != null) {
            wrong.add(method + " " + path + " as " + caller + ": " + verdict);
          }
        }
      }
    }
    assertThat(wrong).as("cells that do not match the table, of " + cells).isEmpty();
  }

  @Test
  void aForbiddenHeadCarriesNothingOfTheResourceItsSizeIncluded() throws Exception {
    String export = "/api/v1/audit/export?format=csv";
    HttpResponse<String> asAuditor = send("GET", export, Caller.AUDITOR);
    assertThat(asAuditor.statusCode()).isEqualTo(200);
    String realLength = String.valueOf(asAuditor.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);

    HttpResponse<String> headAsAuditor = send("HEAD", export, Caller.AUDITOR);
    assertThat(headAsAuditor.statusCode()).isEqualTo(200);
    for (Caller caller : List.of(Caller.ENGINEER, Caller.APPROVER, Caller.NONE, Caller.BAD_TOKEN)) {
      HttpResponse<String> head = send("HEAD", export, caller);
      assertThat(head.statusCode()).as("HEAD as " + caller).isEqualTo(caller.isUser() ? 403 : 401);
      assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(head.headers().firstValue("Content-Disposition")).isEmpty();
      assertThat(head.headers().firstValue("Content-Length")).as("HEAD as " + caller).isNotEqualTo(java.util.Optional.of(realLength));
      assertThat(head.body()).isEmpty();
    }
  }

  /** Bearer tokens are the only login: no generated in-memory user (whose password Boot would log at every start). */
  @Test
  void thereIsNoUserNameAndPasswordLogin() throws Exception {
    assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
    HttpResponse<String> basic = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/rehearsals"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("user:password".getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(basic.statusCode()).isEqualTo(401);
  }

  /**
   * Methods per path pattern, as the app maps them; a mapping without methods answers every method ("*"). The web
   * console's pages (package api.console) sit behind their own session chain; ConsoleAccessTest covers them.
   */
  private Map<String, Set<String>> mappedMethodsByPath() {
    Map<String, Set<String>> byPath = new TreeMap<>();
    for (var mapping : mappings.getHandlerMethods().entrySet()) {
      if (mapping.getValue().getBeanType().getPackageName().startsWith("dev.rehearsal.api.console")) {
        continue;
      }
      RequestMappingInfo info = mapping.getKey();
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String path : info.getPatternValues()) {
        Set<String> names = byPath.computeIfAbsent(path, p -> new TreeSet<>());
        if (methods.isEmpty()) {
          names.add("*");
        }
        methods.forEach(m -> names.add(m.name()));
      }
    }
    return byPath;
  }

  /** The mapped method a request runs (HEAD runs GET), or null when nothing is mapped for it. */
  private static String handledAs(String method, Set<String> mapped) {
    if (mapped.contains("*")) {
      return "*";
    }
    if (mapped.contains(method)) {
      return method;
    }
    return method.equals("HEAD") && mapped.contains("GET") ? "GET" : null;
  }

  /** For an unmapped method the path's most open rule decides 401/403 versus 405: nothing runs either way. */
  private static Access mostOpen(String path) {
    return ACCESS.entrySet().stream().filter(e -> e.getKey().endsWith(" " + path)).map(Map.Entry::getValue)
        .max((a, b) -> Integer.compare(a.callers.size(), b.callers.size())).orElseThrow();
  }

  /** Null when the response is what the table expects, else what was wrong. */
  private static String verdict(HttpResponse<String> response, boolean allowed, Caller caller, String handled, String method) {
    int status = response.statusCode();
    String type = response.headers().firstValue("Content-Type").orElse("");
    boolean problem = type.startsWith("application/problem+json");
    if (!allowed) {
      int expected = caller.isUser() ? 403 : 401;
      return status == expected && problem ? null : "expected " + expected + " problem, got " + status + " " + type;
    }
    if (handled == null) {
      if (method.equals("OPTIONS")) {
        return status == 200 && response.headers().firstValue("Allow").isPresent() && response.body().isEmpty()
            ? null : "expected 200 with Allow, got " + status;
      }
      return status == 405 && problem ? null : "expected 405 problem, got " + status + " " + type;
    }
    boolean refusedBySecurity = status == 401 || (status == 403 && response.body().contains("your roles do not allow"));
    if (refusedBySecurity || status == 405 || status >= 500) {
      return "expected the endpoint to run, got " + status + " " + response.body();
    }
    return status >= 400 && !problem && !method.equals("HEAD") ? "error " + status + " is not a problem document: " + type : null;
  }

  private static String concrete(String pattern) {
    return pattern.replace("{id}", "rh-matrix").replace("{name}", "x.log").replace("{step}", "look");
  }

  private HttpResponse<String> send(String method, String path, Caller caller) throws Exception {
    boolean withBody = Set.of("POST", "PUT", "PATCH").contains(method);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, withBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
    if (withBody) {
      request.header("Content-Type", "application/json");
    }
    if (caller.token != null) {
      request.header("Authorization", "Bearer " + caller.token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
