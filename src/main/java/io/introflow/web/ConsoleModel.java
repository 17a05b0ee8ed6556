package io.introflow.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's frame needs: the logged-in user (for the console's navigation and the
 * log-out button) and the CSRF token that every logged-in form carries as the hidden
 * field {@code _csrf}. The token is read here, before the page renders, so that its
 * session exists before the response starts.
 */
@ControllerAdvice
@ConditionalOnWebApplication
class ConsoleModel {

	@ModelAttribute("me")
	ConsoleUser me() {
		return ConsoleWeb.current();
	}

	@ModelAttribute("csrf")
	String csrf(CsrfToken token) {
		return (token != null) ? token.getToken() : "";
	}

}
