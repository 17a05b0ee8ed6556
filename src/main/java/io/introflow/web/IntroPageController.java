package io.introflow.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

import io.introflow.intro.IntroPages;

/**
 * The referrer's introduction page, {@code /i/<token>}: the prefilled intro with the ways
 * to send it from the referrer's own mailbox. It sends nothing and shows nothing but this
 * one intro. An unknown token gets a polite 404. The token is a secret: nothing here logs
 * it.
 */
@Controller
@ConditionalOnWebApplication
class IntroPageController {

	private final IntroPages pages;

	IntroPageController(IntroPages pages) {
		this.pages = pages;
	}

	@GetMapping("/i/{token}")
	ModelAndView page(@PathVariable String token) {
		Optional<IntroPages.Page> page = pages.page(token);
		if (page.isEmpty()) {
			return new ModelAndView("intro-page", Map.of("status", "UNKNOWN"), HttpStatus.NOT_FOUND);
		}
		return new ModelAndView("intro-page", model(page.get()), HttpStatus.OK);
	}

	private static Map<String, Object> model(IntroPages.Page page) {
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("status", page.status().name());
		model.put("referrerFirstName", page.referrerFirstName());
		model.put("ownerName", page.ownerName());
		model.put("lang", page.lang());
		page.intro().ifPresent(intro -> {
			model.put("to", String.join(", ", intro.to()));
			model.put("toLines", String.join("\n", intro.to()));
			model.put("cc", String.join(", ", intro.cc()));
			model.put("ccLines", String.join("\n", intro.cc()));
			model.put("subject", intro.subject());
			model.put("body", intro.body());
			model.put("optin", "optin".equals(intro.form()));
			model.put("mailto", intro.mailto());
			model.put("gmail", ComposeLinks.gmail(intro.to(), intro.cc(), intro.subject(), intro.body()));
			model.put("outlook", ComposeLinks.outlook(intro.to(), intro.subject(), intro.body()));
		});
		page.draft().ifPresent(draft -> {
			model.put("draftSubject", draft.subject());
			model.put("draftBody", draft.body());
			model.put("placeholderName", IntroPages.PLACEHOLDER_NAME);
			model.put("placeholderFirst", IntroPages.PLACEHOLDER_FIRST);
		});
		return model;
	}

}
