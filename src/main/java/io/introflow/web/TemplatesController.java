package io.introflow.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.intro.EmailPreview;
import io.introflow.outbound.OutgoingEmail;
import io.introflow.template.FlowedText;
import io.introflow.template.IntroEmails;
import io.introflow.template.TemplateCatalog;
import io.introflow.template.TemplateEngine;
import io.introflow.template.TemplateProblem;

/**
 * The console's templates page: the catalogue of {@code templates/}, the check's findings
 * as {@code file:line:column: message}, and a preview of any step for a contact, variant
 * and locale, rendered by the same {@link EmailPreview} as
 * {@code introflow templates preview} (it changes nothing and makes no public token). A
 * rep previews only for their own contacts; another owner's contact is a 404. The email's
 * HTML is served on its own ({@code preview.html}) for a sandboxed iframe, under a policy
 * that lets it run nothing and load nothing. The page polls {@code version} and renders
 * again when a file of the folder changes. Editing stays in the files.
 */
@Controller
@ConditionalOnWebApplication
class TemplatesController {

	/** The console's policy, plus frames from this server: the preview's iframe. */
	static final String PAGE_POLICY = WebSecurity.CONTENT_SECURITY_POLICY + "; frame-src 'self'";

	/**
	 * The email's HTML: a sandbox without scripts, forms or loads, shown only inside the
	 * console's own pages.
	 */
	static final String PREVIEW_POLICY = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
			+ "frame-ancestors 'self'";

	private static final int CONTACTS_SHOWN = 20;

	private final TemplateEngine engine;

	private final TemplateProblems problems;

	private final EmailPreview preview;

	private final ContactRepository contacts;

	TemplatesController(TemplateEngine engine, TemplateProblems problems, EmailPreview preview,
			ContactRepository contacts) {
		this.engine = engine;
		this.problems = problems;
		this.preview = preview;
		this.contacts = contacts;
	}

	@GetMapping("/console/templates")
	ModelAndView page(ConsoleUser me, @RequestParam(defaultValue = "ask") String kind,
			@RequestParam(defaultValue = "") String contact, @RequestParam(defaultValue = "") String variant,
			@RequestParam(defaultValue = "") String locale, @RequestParam(defaultValue = "") String q,
			HttpServletResponse response) {
		Request request = Request.of(kind, contact, variant, locale);
		Optional<Contact> chosen = request.contact(me, contacts);
		Map<String, Object> model = new LinkedHashMap<>();
		TemplateCatalog catalog = TemplateCatalog.scan(engine.root());
		String version = TemplateCatalog.fingerprint(engine.root());
		model.put("version", version);
		model.put("catalogue", catalogue(catalog));
		model.put("problems", problems.now());
		model.put("kinds", TemplateCatalog.STEP_KINDS);
		model.put("variants", new TreeSet<>(catalog.entries().stream().map(TemplateCatalog.Entry::variant).toList()));
		model.put("locales", locales(catalog));
		model.put("q", q);
		List<Contact> found = new ArrayList<>(contacts.search(q, me.owner(), CONTACTS_SHOWN));
		chosen.filter(c -> found.stream().noneMatch(f -> f.email().equals(c.email()))).ifPresent(c -> found.add(0, c));
		model.put("contacts", found);
		model.put("kind", request.kind());
		model.put("contact", chosen.map(Contact::email).orElse(""));
		model.put("variant", request.variant());
		model.put("locale", request.locale());
		model.put("query", request.query());
		try {
			OutgoingEmail email = preview.render(request.options());
			model.put("subject", email.subject());
			model.put("to", email.toName() + " <" + email.toAddress() + ">");
			model.put("text", FlowedText.decode(email.text()));
		}
		catch (TemplateProblem ex) {
			model.put("previewProblems", ex.problems());
		}
		model.put("carriesIntro", IntroEmails.carriesIntro(request.kind()));
		if (IntroEmails.carriesIntro(request.kind())) {
			preview.introPage(request.contactEmail()).ifPresent(url -> {
				model.put("introPage", url.toString());
				model.put("introPageSample", url.getPath().endsWith("/preview"));
			});
		}
		response.setHeader("Content-Security-Policy", PAGE_POLICY);
		return new ModelAndView("console/templates", model);
	}

	/** The email's HTML part on its own, for the page's sandboxed iframe. */
	@GetMapping("/console/templates/preview.html")
	ResponseEntity<String> html(ConsoleUser me, @RequestParam(defaultValue = "ask") String kind,
			@RequestParam(defaultValue = "") String contact, @RequestParam(defaultValue = "") String variant,
			@RequestParam(defaultValue = "") String locale) {
		Request request = Request.of(kind, contact, variant, locale);
		request.contact(me, contacts);
		String html;
		try {
			OutgoingEmail email = preview.render(request.options());
			html = (email.html() != null) ? email.html() : "<pre>" + escape(FlowedText.decode(email.text())) + "</pre>";
		}
		catch (TemplateProblem ex) {
			html = "<p>This email cannot be rendered:</p><pre>" + escape(String.join("\n", ex.problems())) + "</pre>";
		}
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header("Content-Security-Policy", PREVIEW_POLICY)
			.header("X-Frame-Options", "SAMEORIGIN")
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(html);
	}

	/**
	 * What the page polls: a fingerprint of the templates folder, changed by any save.
	 */
	@GetMapping(value = "/console/templates/version", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, String> version(ConsoleUser me) {
		return Map.of("version", TemplateCatalog.fingerprint(engine.root()));
	}

	/**
	 * Each kind, segment and variant, with the locales it has ({@code en}: the base
	 * text).
	 */
	private static List<Map<String, Object>> catalogue(TemplateCatalog catalog) {
		Map<List<String>, TreeSet<String>> locales = new LinkedHashMap<>();
		catalog.entries()
			.stream()
			.sorted(Comparator.comparing((TemplateCatalog.Entry e) -> TemplateCatalog.KINDS.indexOf(e.kind()))
				.thenComparing(TemplateCatalog.Entry::segment)
				.thenComparing(TemplateCatalog.Entry::variant))
			.forEach(e -> locales.computeIfAbsent(List.of(e.kind(), e.segment(), e.variant()), k -> new TreeSet<>())
				.add(e.locale().isEmpty() ? "en" : e.locale()));
		return locales.entrySet()
			.stream()
			.map(e -> Map.<String, Object>of("kind", e.getKey().get(0), "segment", e.getKey().get(1), "variant",
					e.getKey().get(2), "locales", String.join(", ", e.getValue()), "previewable",
					TemplateCatalog.STEP_KINDS.contains(e.getKey().get(0))))
			.toList();
	}

	private static List<String> locales(TemplateCatalog catalog) {
		TreeSet<String> locales = new TreeSet<>(List.of("en"));
		catalog.entries().stream().map(TemplateCatalog.Entry::locale).filter(l -> !l.isEmpty()).forEach(locales::add);
		return List.copyOf(locales);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/**
	 * One preview asked for, checked: a known step, plain names, and a contact this user
	 * may see.
	 */
	private record Request(String kind, String contactEmail, String variant, String locale) {

		static Request of(String kind, String contact, String variant, String locale) {
			if (!TemplateCatalog.STEP_KINDS.contains(kind) || !variant.matches("[a-z0-9_-]{0,50}")
					|| !locale.matches("[A-Za-z_-]{0,20}")) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
			}
			return new Request(kind, contact.isBlank() ? null : contact.strip(), variant, locale);
		}

		/**
		 * The contact, if one is asked for; 404 when there is none or it is another
		 * owner's (for a rep).
		 */
		Optional<Contact> contact(ConsoleUser me, ContactRepository contacts) {
			if (contactEmail == null) {
				return Optional.empty();
			}
			Contact found = contacts.find(contactEmail)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
			me.mustSee(found.ownerEmail());
			return Optional.of(found);
		}

		EmailPreview.Options options() {
			return new EmailPreview.Options(kind, null, variant, locale, null, contactEmail, true);
		}

		/** The query string of this preview, for the iframe's address. */
		String query() {
			return "kind=" + encode(kind) + "&contact=" + encode(contactEmail == null ? "" : contactEmail) + "&variant="
					+ encode(variant) + "&locale=" + encode(locale);
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

}
