package io.introflow.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's log-in page (Spring Security handles the POST) and its front door. */
@Controller
@ConditionalOnWebApplication
class LoginController {

	@GetMapping("/login")
	String login(@RequestParam(required = false) String error,
			@RequestParam(name = "logged-out", required = false) String loggedOut,
			@RequestParam(required = false) String wait, Model model) {
		model.addAttribute("failed", error != null);
		// minutes to wait after too many wrong passwords (LoginThrottle)
		model.addAttribute("waitMinutes",
				(wait != null && wait.matches("[1-9][0-9]{0,2}")) ? Integer.parseInt(wait) : 0);
		model.addAttribute("loggedOut", loggedOut != null);
		return "login";
	}

	@GetMapping("/console")
	String console() {
		return "redirect:/console/today";
	}

}
