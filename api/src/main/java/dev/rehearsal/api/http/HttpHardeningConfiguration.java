package dev.rehearsal.api.http;

import dev.rehearsal.api.problems.ProblemReportValve;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import tools.jackson.core.StreamReadConstraints;

/**
 * What stands between the network and the API: body limits, parameter checks, the JSON parser's own limits, and
 * problem documents for requests refused before Spring MVC (the security firewall, Tomcat).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimits.class)
public class HttpHardeningConfiguration {
  /** Plans are shallow (plan, phases, step, kind, expectation); anything deeper is not a plan. */
  private static final int MAX_JSON_NESTING = 64;

  /** First of all filters (after character encoding), so a too-large body is refused before anyone reads it. */
  @Bean
  FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(RequestLimits limits, EarlyRefusals refusals) {
    FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(new BodyLimitFilter(limits, refusals));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<MalformedParametersFilter> malformedParametersFilter(EarlyRefusals refusals, RequestLimits limits) {
    FilterRegistrationBean<MalformedParametersFilter> registration =
        new FilterRegistrationBean<>(new MalformedParametersFilter(refusals, limits));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** Defence in depth behind the body limits for the JSON that Spring MVC binds (approvals, cancels). */
  @Bean
  JsonFactoryBuilderCustomizer jsonReadLimits(RequestLimits limits) {
    return factory -> factory.streamReadConstraints(StreamReadConstraints.builder()
        .maxDocumentLength(limits.plan().toBytes())
        .maxStringLength((int) limits.plan().toBytes())
        .maxNestingDepth(MAX_JSON_NESTING)
        .build());
  }

  /**
   * The whole multipart body held to the completion limit here too: Tomcat parses multipart bodies itself, past the
   * filter's counting stream, so a chunked one would otherwise escape it (413 when over). Each file's own limit is
   * checked by the completion service, which names the file in its answer.
   */
  @Bean
  MultipartConfigElement multipartLimits(RequestLimits limits) {
    return new MultipartConfigElement(null, -1, limits.completion().toBytes(), 0);
  }

  /**
   * Tomcat parses form bodies itself, past the filter's counting stream, so a chunked form (its length not said up front)
   * is held here to the largest form limit (the console's sign-off or start form) instead of Tomcat's 2MB.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> formBodyLimit(RequestLimits limits) {
    return factory -> factory.addConnectorCustomizers(connector -> connector.setMaxPostSize((int) limits.largestForm()));
  }

  /** Requests the security firewall refuses (encoded slashes, {@code ..}, NUL, ...): 400 as a problem document or page. */
  @Bean
  WebSecurityCustomizer rejectedRequestsAsProblems(EarlyRefusals refusals) {
    return web -> web.requestRejectedHandler((request, response, e) ->
        refusals.refuse(request, response, HttpStatus.BAD_REQUEST, "Bad request",
            "the request path or headers are not allowed (encoded slashes, dot segments, control characters)"));
  }

  /** Tomcat's own error reports (requests it refuses before the application) as problem documents. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
    // Runs after Spring Boot's own customizer, which adds a plain ErrorReportValve this replaces.
    return factory -> factory.addContextCustomizers(context -> {
      StandardHost host = (StandardHost) context.getParent();
      for (Valve valve : host.getPipeline().getValves()) {
        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
          host.getPipeline().removeValve(valve);
        }
      }
      host.setErrorReportValveClass(ProblemReportValve.class.getName());
    });
  }
}
