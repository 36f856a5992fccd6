package dev.rehearsal.api.security;

import dev.rehearsal.api.problems.Problems;
import dev.rehearsal.worker.RehearsalProperties;
import dev.rehearsal.worker.TemporalEndpoint;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Bearer tokens, roles per endpoint, and 401/403 as problem details. Approvals and decisions on failed steps are open
 * to every authenticated user on purpose: a refused attempt by someone without the role must still be recorded, which
 * the services do. The web console's paths (and {@code /}) belong to ConsoleSecurityConfiguration's session chain,
 * which is ordered first.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
  private static final String RUNS = "/api/v1/rehearsals";
  private static final String RUN = RUNS + "/{id}";

  @Bean
  TokenRegistry tokenRegistry(SecurityProperties properties, TemporalEndpoint temporal, RehearsalProperties rehearsal) {
    if (rehearsal.mode() == RehearsalProperties.Mode.WORKER) {
      log.info("worker mode: the REST API accepts no token; only the actuator endpoints answer");
      return TokenRegistry.of(List.of(), false);
    }
    if (!properties.users().isEmpty()) {
      return TokenRegistry.of(properties.users(), !temporal.kind().isRemote());
    }
    if (temporal.kind().isRemote()) {
      throw new IllegalStateException("no users configured (rehearsal.security.users); development tokens exist only in local mode");
    }
    return TokenRegistry.developmentTokens();
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http, TokenRegistry tokens) throws Exception {
    return http
        .csrf(csrf -> csrf.disable())
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
        // Rules by path for every method: HEAD runs GET handlers and OPTIONS/PUT/... must not find a gap. The one path
        // serving two roles (list and start) tells them apart by method. Other paths need a known caller and then answer
        // 404; AuthorizationMatrixTest fails for any mapped endpoint its table does not list, so none goes unguarded.
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info").permitAll()
            .requestMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/error").permitAll()
            .requestMatchers(HttpMethod.POST, RUNS).hasRole("ENGINEER")
            .requestMatchers(RUNS, RUN, RUN + "/report", RUN + "/approvals", "/api/v1/plans/schema", "/api/v1/inbox")
                .authenticated()
            // Who may complete a manual step or decide on a failed one is judged (and refusals recorded) by the services.
            .requestMatchers(RUN + "/steps/{step}/complete", RUN + "/steps/*/decision").authenticated()
            .requestMatchers("/api/v1/plans/validate", RUN + "/cancel").hasRole("ENGINEER")
            .requestMatchers(RUN + "/history", "/api/v1/audit/**").hasRole("AUDITOR")
            // Approvers too: they sign a digest over this evidence (attachments included) and must be able to look at it.
            .requestMatchers(RUN + "/evidence/*").hasAnyRole("AUDITOR", "ENGINEER", "APPROVER")
            .anyRequest().authenticated())
        .exceptionHandling(e -> e
            .authenticationEntryPoint((request, response, ex) -> Problems.write(response, HttpStatus.UNAUTHORIZED,
                "Authentication required", "send Authorization: Bearer <token> with a known token"))
            .accessDeniedHandler((request, response, ex) -> Problems.write(response, HttpStatus.FORBIDDEN,
                "Forbidden", "your roles do not allow " + request.getMethod() + " " + request.getRequestURI())))
        .build();
  }
}
