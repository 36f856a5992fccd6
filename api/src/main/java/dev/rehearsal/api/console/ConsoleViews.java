package dev.rehearsal.api.console;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Console pages are HTML whatever their address ends with. Left alone, Thymeleaf labels a page by its path's extension
 * when the browser accepts anything, so the error page for {@code /audit/export.json?from=bad} went out as JSON.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleViews {
  @Bean
  static BeanPostProcessor htmlWhateverThePath() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof ThymeleafViewResolver views) {
          views.setForceContentType(true);
        }
        return bean;
      }
    };
  }
}
