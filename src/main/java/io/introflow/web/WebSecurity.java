package io.introflow.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The rules of every page {@code serve} answers. The public pages (the one-click unsubscribe, the referrer's
 * introduction page) need no login: their token is the key. RFC 8058 one-click unsubscribe is a POST from a mail
 * provider, which carries no CSRF token, so CSRF is off for {@code /unsubscribe/**} only. Every page gets a Content
 * Security Policy that allows only the application's own scripts and styles, and no Referer leaves a page (its URL
 * holds a token).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebSecurity {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	@Bean
	SecurityFilterChain publicPages(HttpSecurity http) {
		http.authorizeHttpRequests(pages -> pages
			.requestMatchers("/", "/unsubscribe/**", "/i/**", "/css/**", "/js/**", "/favicon.ico", "/error",
					"/actuator/health", "/actuator/health/**", "/actuator/prometheus")
			.permitAll()
			.anyRequest()
			.denyAll())
			.csrf(csrf -> csrf.ignoringRequestMatchers("/unsubscribe/**"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions(frames -> frames.deny()))
			.requestCache(cache -> cache.disable());
		return http.build();
	}

	/** No users yet: nothing logs in, and Spring Boot prints no generated password. */
	@Bean
	UserDetailsService noUsers() {
		return new InMemoryUserDetailsManager();
	}

}
