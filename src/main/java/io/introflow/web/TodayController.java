package io.introflow.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's first page: the last nights and what needs a person today. */
@Controller
@ConditionalOnWebApplication
class TodayController {

	@GetMapping("/console/today")
	String today(ConsoleUser me) {
		return "console/today";
	}

}
