package io.introflow.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The rules of every page {@code serve} answers. The public pages (the one-click
 * unsubscribe, the referrer's introduction page) need no login: their token is the key.
 * RFC 8058 one-click unsubscribe is a POST from a mail provider, which carries no CSRF
 * token, so CSRF is off for {@code /unsubscribe/**} only. Every page gets a Content
 * Security Policy that allows only the application's own scripts and styles, and no
 * Referer leaves a page (its URL holds a token).
 * <p>
 * The console ({@code /console/**}) needs a login (form login at {@code /login}, users
 * from {@link ConsoleProperties}) and a CSRF token on every form; a controller scopes
 * what a REP sees through {@link ConsoleUser}. Anything else is denied.
 * {@link LoginThrottle} turns away a log-in after too many wrong passwords.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebSecurity {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	@Bean
	SecurityFilterChain publicPages(HttpSecurity http, LoginThrottle throttle) {
		http.authorizeHttpRequests(pages -> pages
			.requestMatchers("/", "/unsubscribe/**", "/i/**", "/css/**", "/js/**", "/webjars/**", "/favicon.ico",
					"/error", "/actuator/health", "/actuator/health/**", "/actuator/prometheus")
			.permitAll()
			.requestMatchers("/login")
			.permitAll()
			.requestMatchers("/console", "/console/**")
			.hasAnyRole(ConsoleProperties.Role.OPS.name(), ConsoleProperties.Role.REP.name())
			.anyRequest()
			.denyAll())
			.formLogin(login -> login.loginPage("/login")
				.successHandler(throttle.onSuccess("/console"))
				.failureHandler(throttle.onFailure("/login?error")))
			.addFilterBefore(throttle.gate(), UsernamePasswordAuthenticationFilter.class)
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logged-out"))
			.exceptionHandling(denied -> denied.authenticationEntryPoint(WebSecurity::notLoggedIn))
			.csrf(csrf -> csrf.ignoringRequestMatchers("/unsubscribe/**"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions(frames -> frames.disable())
				.addHeaderWriter(WebSecurity::noFramingUnlessAllowed))
			.requestCache(cache -> cache.disable());
		return http.build();
	}

	/**
	 * A console page sends a stranger to the log-in page; any other path they may not see
	 * simply does not exist for them (404), as for a path nothing answers.
	 */
	private static void notLoggedIn(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException reason) throws IOException, ServletException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.equals("/console") || path.startsWith("/console/")) {
			TO_LOGIN.commence(request, response, reason);
		}
		else {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
		}
	}

	/**
	 * {@code X-Frame-Options: DENY}, unless the controller set its own: a console page
	 * that frames an email (the templates preview) answers its frame with SAMEORIGIN, as
	 * it answers with its own Content-Security-Policy (which Spring Security's writer
	 * also leaves alone when set).
	 */
	private static void noFramingUnlessAllowed(HttpServletRequest request, HttpServletResponse response) {
		if (!response.containsHeader("X-Frame-Options")) {
			response.setHeader("X-Frame-Options", "DENY");
		}
	}

	private static final LoginUrlAuthenticationEntryPoint TO_LOGIN = new LoginUrlAuthenticationEntryPoint("/login");

	/**
	 * The console's users from {@code introflow.console.users}; with none, nothing logs
	 * in (and Spring Boot prints no generated password).
	 */
	@Bean
	UserDetailsService consoleUsers(ConsoleProperties console) {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		for (ConsoleProperties.User user : console.users()) {
			users
				.createUser(User.withUsername(user.name()).password(user.password()).roles(user.role().name()).build());
		}
		return users;
	}

	/** BCrypt, as the {@code {bcrypt}} prefix of every configured hash says. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
