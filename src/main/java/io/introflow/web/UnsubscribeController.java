package io.introflow.web;

import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import io.introflow.intro.UnsubscribeRecorder;

/**
 * The one-click unsubscribe of RFC 8058 at the link of each email's
 * {@code List-Unsubscribe}. A POST unsubscribes at once, without login or CSRF token (a
 * mail provider sends it). A GET only shows a confirm button: link scanners and mail
 * previews fetch every link, so a GET alone must never unsubscribe anyone. An unknown
 * token gets a polite page and changes nothing. The token is the key to the link: it is
 * never logged, and never shown on a page.
 */
@Controller
@ConditionalOnWebApplication
@RequestMapping("/unsubscribe/{token}")
class UnsubscribeController {

	/** The form field RFC 8058 names, and the only value it allows. */
	static final String FIELD = "List-Unsubscribe";

	static final String ONE_CLICK = "One-Click";

	private final UnsubscribeRecorder unsubscribes;

	UnsubscribeController(UnsubscribeRecorder unsubscribes) {
		this.unsubscribes = unsubscribes;
	}

	@GetMapping
	ModelAndView confirm(@PathVariable String token) {
		return unsubscribes.lookUp(token)
			.map(link -> page("unsubscribe", link))
			.orElseGet(UnsubscribeController::unknown);
	}

	/**
	 * RFC 8058 says the POST carries {@code List-Unsubscribe=One-Click} (form-urlencoded
	 * or multipart). We also accept a POST without that field, because some mail
	 * providers and clients post an empty body to the link: a POST is never a prefetch,
	 * so it is the person's own click either way. A POST that carries the field with
	 * another value is not an unsubscribe request, and changes nothing.
	 * @param via {@code page} when the confirm button of our own GET page sent it
	 */
	@PostMapping
	ModelAndView unsubscribe(@PathVariable String token, @RequestParam(name = FIELD, required = false) String value,
			@RequestParam(name = "via", required = false) String via) {
		if (value != null && !value.equals(ONE_CLICK)) {
			ModelAndView refused = new ModelAndView("unsubscribe-unknown", HttpStatus.BAD_REQUEST);
			refused.addObject("notOneClick", true);
			return refused;
		}
		String cause = "page".equals(via) ? "web:confirmed" : "web:one-click";
		Optional<UnsubscribeRecorder.Link> done = unsubscribes.unsubscribe(token, cause);
		return done.map(link -> page("unsubscribed", link)).orElseGet(UnsubscribeController::unknown);
	}

	private static ModelAndView page(String view, UnsubscribeRecorder.Link link) {
		ModelAndView page = new ModelAndView(view);
		page.addObject("address", link.maskedAddress());
		page.addObject("firm", link.firmName());
		page.addObject("unsubscribed", link.unsubscribed());
		return page;
	}

	private static ModelAndView unknown() {
		return new ModelAndView("unsubscribe-unknown", HttpStatus.NOT_FOUND);
	}

}
