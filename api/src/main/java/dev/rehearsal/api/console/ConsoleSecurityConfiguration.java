package dev.rehearsal.api.console;

import dev.rehearsal.api.problems.Problems;
import dev.rehearsal.api.security.Role;
import dev.rehearsal.api.security.TokenRegistry;
import dev.rehearsal.worker.RehearsalProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The web console's own chain, ahead of the API's: a browser session started by signing in with one's bearer token at
 * {@code /login}, CSRF on every form, and headers that keep injected markup inert. The API chain stays bearer-only
 * and stateless; only the paths below are the console's.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  @Order(1)
  SecurityFilterChain console(HttpSecurity http, TokenRegistry tokens, RehearsalProperties rehearsal, ConsoleProperties console,
      SignInThrottle throttle) throws Exception {
    http.securityMatcher(ConsolePaths.PATTERNS)
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
            .frameOptions(frames -> frames.deny()));
    if (rehearsal.mode() == RehearsalProperties.Mode.WORKER) {
      // Like the API: a worker serves only the actuator, so nobody is offered a sign-in that cannot work.
      return http.csrf(csrf -> csrf.disable())
          .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
          .authorizeHttpRequests(auth -> auth.anyRequest().denyAll())
          .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> Problems.write(response,
              HttpStatus.NOT_FOUND, "Not found", "this process runs in worker mode: no web console")))
          .build();
    }
    AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
    denied.setErrorPage("/denied");
    return http
        .authenticationProvider(new TokenSignIn(tokens))
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form
            .loginPage("/login")
            .passwordParameter("token")
            .successHandler(signedIn(console))
            .failureHandler(SignInGuard.onFailure(throttle))
            .permitAll())
        .addFilterBefore(new BodyOnlyCredentials(), CsrfFilter.class)
        .addFilterBefore(SignInGuard.refusingBlocked(throttle), UsernamePasswordAuthenticationFilter.class)
        .requestCache(cache -> cache.requestCache(PageRequests.cache()))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut").permitAll())
        .authorizeHttpRequests(auth -> auth
            // The sign-in page with any query (?failed: the failure handler is our own, so no failure URL is permitted).
            .requestMatchers("/login", "/console/**", "/denied", SignInGuard.THROTTLED).permitAll()
            .requestMatchers("/start/**").hasRole(Role.ENGINEER.name())
            .requestMatchers("/audit/**").hasRole(Role.AUDITOR.name())
            .anyRequest().authenticated())
        .exceptionHandling(e -> e.accessDeniedHandler(denied))
        .build();
  }

  /** Back to the page that asked for a sign-in (else the inbox), with the console's session lifetime. */
  private static AuthenticationSuccessHandler signedIn(ConsoleProperties console) {
    SavedRequestAwareAuthenticationSuccessHandler back = new SavedRequestAwareAuthenticationSuccessHandler();
    back.setDefaultTargetUrl("/");
    return (request, response, authentication) -> {
      request.getSession().setMaxInactiveInterval((int) console.sessionTimeout().toSeconds());
      back.onAuthenticationSuccess(request, response, authentication);
    };
  }
}
