package io.introflow.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import io.introflow.correction.Corrections;
import io.introflow.inbound.InboundStore;
import io.introflow.inbound.RawMessages;
import io.introflow.intro.IntroEvents;
import io.introflow.intro.IntroState;
import io.introflow.intro.IntroductionSearch;
import io.introflow.outbound.EmailsAsSent;

/**
 * The console's introductions: a search over them (a rep's own only), and each one's
 * timeline with the emails as they were sent and the replies as they were received. An
 * email's HTML part is shown in a sandboxed frame from a response of its own, whose
 * policy lets it run nothing and load nothing but inline styles and data images.
 */
@Controller
@ConditionalOnWebApplication
class IntroductionsController {

	static final int PAGE_SIZE = 25;

	/**
	 * The introduction's page embeds its emails' frames: the global policy, and frames
	 * from this server.
	 */
	static final String WITH_FRAMES = WebSecurity.CONTENT_SECURITY_POLICY + "; frame-src 'self'";

	/**
	 * An email's HTML part: a sandbox (no script, no form, an origin of its own), framed
	 * by the console only.
	 */
	static final String EMAIL_HTML = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
			+ "frame-ancestors 'self'";

	private final IntroductionSearch search;

	private final IntroductionAccess access;

	private final IntroEvents events;

	private final EmailsAsSent emails;

	private final InboundStore inbound;

	private final RawMessages raw;

	IntroductionsController(IntroductionSearch search, IntroductionAccess access, IntroEvents events,
			EmailsAsSent emails, InboundStore inbound, RawMessages raw) {
		this.search = search;
		this.access = access;
		this.events = events;
		this.emails = emails;
		this.inbound = inbound;
		this.raw = raw;
	}

	@GetMapping("/console/introductions")
	String list(ConsoleUser me, @RequestParam(required = false) String referrer,
			@RequestParam(required = false) String prospect, @RequestParam(required = false) IntroState state,
			@RequestParam(required = false) String owner, @RequestParam(defaultValue = "0") int page, Model model) {
		String scope = me.owner().orElse(owner);
		IntroductionSearch.Page found = search
			.search(new IntroductionSearch.Query(referrer, prospect, state, scope, Math.max(page, 0), PAGE_SIZE));
		model.addAttribute("found", found);
		model.addAttribute("referrer", Optional.ofNullable(referrer).orElse(""));
		model.addAttribute("prospect", Optional.ofNullable(prospect).orElse(""));
		model.addAttribute("state", (state != null) ? state.name() : "");
		model.addAttribute("owner", me.ops() ? Optional.ofNullable(owner).orElse("") : "");
		model.addAttribute("states", IntroState.values());
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/console/introductions")
			.queryParamIfPresent("referrer", blankless(referrer))
			.queryParamIfPresent("prospect", blankless(prospect))
			.queryParamIfPresent("state", Optional.ofNullable(state))
			.queryParamIfPresent("owner", me.ops() ? blankless(owner) : Optional.empty());
		model.addAttribute("previous", link.cloneBuilder().queryParam("page", found.page() - 1).encode().toUriString());
		model.addAttribute("next", link.cloneBuilder().queryParam("page", found.page() + 1).encode().toUriString());
		return "console/introductions";
	}

	@GetMapping("/console/introductions/{id}")
	String introduction(ConsoleUser me, @PathVariable long id, Model model, HttpServletResponse response) {
		IntroductionSearch.Found intro = access.introduction(me, id);
		model.addAttribute("intro", intro);
		model.addAttribute("events", events.history(id));
		model.addAttribute("emails", emails.ofIntroduction(id));
		model.addAttribute("replies", inbound.ofIntroduction(id));
		model.addAttribute("states", IntroState.values());
		model.addAttribute("classes", Corrections.RECLASSIFIABLE);
		response.setHeader("Content-Security-Policy", WITH_FRAMES);
		return "console/introduction";
	}

	@GetMapping("/console/introductions/{id}/emails/{emailId}.html")
	ResponseEntity<String> emailHtml(ConsoleUser me, @PathVariable long id, @PathVariable long emailId) {
		access.introduction(me, id);
		String html = emails.find(emailId)
			.filter(email -> Long.valueOf(id).equals(email.introductionId()))
			.map(EmailsAsSent.AsSent::html)
			.orElseThrow(IntroductionAccess::notFound);
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header("Content-Security-Policy", EMAIL_HTML)
			.header("X-Frame-Options", "SAMEORIGIN")
			.body(html);
	}

	/**
	 * A reply as it was received, every byte, as plain text (the browser shows it and
	 * runs nothing of it).
	 */
	@GetMapping("/console/replies/{inboundId}/raw")
	void rawReply(ConsoleUser me, @PathVariable long inboundId, HttpServletResponse response) throws IOException {
		access.reply(me, inboundId);
		response.setContentType("text/plain;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"inbound-" + inboundId + ".eml\"");
		if (!raw.copyTo(inboundId, response.getOutputStream())) {
			throw IntroductionAccess.notFound();
		}
	}

	private static Optional<String> blankless(String text) {
		return Optional.ofNullable(text).filter(t -> !t.isBlank());
	}

}
