package io.introflow.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The root page: says what this server is, and nothing about the firm's clients. */
@Controller
@ConditionalOnWebApplication
class HomeController {

	@GetMapping("/")
	String home() {
		return "home";
	}

}
