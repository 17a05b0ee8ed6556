package io.introflow.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The French and Spanish copy, rendered file by file (no sequence needed): for every
 * trigger type, with and without a named prospect, with no offer, an attached one and a
 * linked one, in both forms of the intro. Names with accents come from the contacts, so
 * that an accent lost anywhere on the way shows.
 */
class FrenchSpanishCopyTests {

	private static final TemplateEngine ENGINE = new TemplateEngine(Path.of("templates"));

	private static final IntroEmails EMAILS = new IntroEmails(ENGINE);

	static final List<String> KINDS = List.of("value", "ask", "nudge", "nudge-2", "reminder", "thank-you",
			"close-the-loop", "partner-summary");

	/** The kinds that carry the prefilled intro. */
	static final Set<String> ASKING = Set.of("ask", "nudge", "nudge-2", "reminder");

	static final List<String> TRIGGERS = List.of("nps_promoter", "go_live", "praise", "renewal", "testimonial",
			"cadence", "manual");

	enum OfferCase {

		NONE, ATTACHED_AND_DELIVERED, LINKED_NOT_DELIVERED;

		EmailContext.Offer offer() {
			return switch (this) {
				case NONE -> null;
				case ATTACHED_AND_DELIVERED -> new EmailContext.Offer("go-live-checklist", "The go-live checklist",
						"Five things, on one page.", "", "go-live-checklist.pdf", true);
				case LINKED_NOT_DELIVERED -> new EmailContext.Offer("renewal-review", "The yearly account review",
						"Ten minutes of reading.", "https://introflow.example/guides/yearly-review", "", false);
			};
		}

	}

	static EmailContext context(String locale, boolean withProspect, String trigger, OfferCase offer,
			Map<String, String> attributes) {
		EmailContext.Person prospect = withProspect
				? new EmailContext.Person(locale.equals("fr") ? "Hélène Lefèvre" : "Íñigo Peña",
						"prospect@prospect.example", locale.equals("fr") ? "Société Générale Énergie" : "Añil Diseño")
				: new EmailContext.Person("", "", "");
		EmailContext.Person referrer = locale.equals("fr")
				? new EmailContext.Person("Chloé Dubois", "chloe@atelier-lumen.example", "Atelier Lumen", attributes)
				: new EmailContext.Person("Begoña Muñoz", "begona@solana.example", "Solana Partners", attributes);
		String note = switch (trigger) {
			case "nps_promoter", "praise", "testimonial" ->
				locale.equals("fr") ? "un déploiement très serein" : "un despliegue tranquilo, sin sorpresas";
			case "cadence", "manual" -> "";
			default -> "2026-11-01";
		};
		return new EmailContext(referrer, new EmailContext.Person("José Álvarez", "jose@firm.example", "Firm"),
				prospect, "Firm", "1 Example Street", "sampletoken", "reply+sampletoken@reply.example",
				"intro+sampletoken@reply.example", "unsubscribe+sampletoken@reply.example")
			.with(new EmailContext.Moment(trigger, "2026-11-01", note), offer.offer());
	}

	static RenderedEmail render(String kind, String segment, String locale, String form, EmailContext context) {
		Map<String, Object> extras = new HashMap<>(
				TemplateCheck.sampleExtras(kind, context.prospect().name().length() > 0));
		if (ASKING.contains(kind)) {
			// nudge-2 and reminder carry the intro like the nudge; given here so that
			// this test needs no sequence
			extras.put("forward", EMAILS.forward(segment, "a", locale, form, context));
		}
		RenderedEmail email = EMAILS.render(kind, segment, "a", locale, form, context, extras);
		assertThat(ENGINE.resolve(kind, segment, "a", locale)).endsWith("." + locale);
		return email;
	}

	static Stream<Arguments> localesAndKinds() {
		List<Arguments> cases = new ArrayList<>();
		for (String locale : List.of("fr", "es")) {
			for (String kind : KINDS) {
				cases.add(Arguments.of(locale, kind));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{1}.{0}")
	@MethodSource("localesAndKinds")
	void everyEmailRendersAsValidFlowedTextWithItsAccentsAndNoPlaceholder(String locale, String kind) {
		int rendered = 0;
		for (String segment : TemplateCatalog.SEGMENTS) {
			for (String trigger : (kind.equals("value") || kind.equals("ask")) ? TRIGGERS : List.of("praise")) {
				for (boolean withProspect : List.of(true, false)) {
					for (OfferCase offer : OfferCase.values()) {
						for (String form : List.of("direct", "optin")) {
							for (String page : IntroEmails.ASKING.contains(kind)
									? List.of("", TemplateCheck.SAMPLE_PAGE) : List.of("")) {
								RenderedEmail email = render(kind, segment, locale, form,
										context(locale, withProspect, trigger, offer, Map.of()).withIntroPage(page));
								String what = kind + "/" + segment + "." + locale + " " + trigger
										+ (withProspect ? " prospect " : " no prospect ") + offer + " " + form + " "
										+ page;
								assertReadsRight(locale, email, what);
								assertLinksThePage(email, page, what);
								rendered++;
							}
						}
					}
				}
			}
		}
		assertThat(rendered).isGreaterThanOrEqualTo(24);
	}

	private static void assertReadsRight(String locale, RenderedEmail email, String what) {
		String text = email.text();
		for (String line : text.split("\n", -1)) {
			assertThat(line.length()).as(what + ": " + line).isLessThanOrEqualTo(200);
			if (line.length() > FlowedText.WIDTH) {
				assertThat(line.strip()).as(what + ": only an unbreakable word may pass 78").doesNotContain(" ");
			}
		}
		assertThat(FlowedText.encode(FlowedText.decode(text))).as(what).isEqualTo(text);
		String read = FlowedText.decode(text);
		assertThat(read).as(what)
			.doesNotContain("[", "]", "<#", "${", "\\", "mailto:", "Subject:", "Hi ")
			.contains(locale.equals("fr") ? "Chloé" : "Begoña", "José Álvarez", "\n-- \n");
		assertThat(email.html()).as(what)
			.contains("<html lang=\"" + locale + "\">", locale.equals("fr") ? "Chloé" : "Begoña");
		assertThat(email.subject()).as(what).doesNotContain("[");
		String words = read.replaceAll("\\(\\S+\\)", "").replaceAll("\\S+@\\S+", "");
		if (locale.equals("fr")) {
			assertFrenchTypography(words, what);
			assertFrenchTypography(email.subject(), what);
		}
		else {
			assertSpanishTypography(words, what);
			assertSpanishTypography(email.subject(), what);
		}
	}

	/**
	 * With an introduction page, the button opens it and the text part has one line with
	 * its address.
	 */
	static void assertLinksThePage(RenderedEmail email, String page, String what) {
		String text = FlowedText.decode(email.text());
		if (page.isEmpty()) {
			assertThat(text).as(what).doesNotContain("/i/");
			return;
		}
		assertThat(email.html()).as(what).contains("href=\"" + page + "\"").doesNotContain("href=\"mailto:priya");
		assertThat(text.split(Pattern.quote(page), -1)).as(what).hasSize(2);
		assertThat(text).as(what).containsPattern("(Gmail|Outlook).*: " + Pattern.quote(page) + "\n");
	}

	/** A non-breaking space before ; : ! ? and inside « », never an ordinary one. */
	private static void assertFrenchTypography(String text, String what) {
		assertThat(text).as(what).doesNotContain(" ;", " :", " ?", " !", "« ", " »");
		Matcher m = Pattern.compile("[^\\u00a0 ][;?!]|«[^\\u00a0]|[^\\u00a0]»").matcher(text);
		assertThat(m.find())
			.as(what + ": "
					+ (m.hitEnd() ? ""
							: text.substring(Math.max(0, m.start() - 20), Math.min(text.length(), m.end() + 10))))
			.isFalse();
	}

	/** Every question and exclamation opens with ¿ and ¡. */
	private static void assertSpanishTypography(String text, String what) {
		assertThat(text.chars().filter(c -> c == '¿').count()).as(what + ": ¿?")
			.isEqualTo(text.chars().filter(c -> c == '?').count());
		assertThat(text.chars().filter(c -> c == '¡').count()).as(what + ": ¡!")
			.isEqualTo(text.chars().filter(c -> c == '!').count());
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "fr", "es" })
	void valueAndAskOpenDifferentlyForEveryTriggerType(String locale) {
		for (String kind : List.of("value", "ask")) {
			for (String segment : TemplateCatalog.SEGMENTS) {
				Set<String> openings = new LinkedHashSet<>();
				for (String trigger : TRIGGERS) {
					String read = FlowedText.decode(render(kind, segment, locale, "direct",
							context(locale, true, trigger, OfferCase.NONE, Map.of()))
						.text());
					openings.add(read.split("\n\n")[1]);
				}
				assertThat(openings).as(kind + "/" + segment).hasSize(TRIGGERS.size());
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "fr", "es" })
	void theClientsOwnWordsAppearInTheValueEmailQuotedAsTheLanguageQuotes(String locale) {
		String read = FlowedText.decode(
				render("value", "customer", locale, "direct", context(locale, true, "praise", OfferCase.NONE, Map.of()))
					.text());

		assertThat(read).contains(locale.equals("fr") ? "«\u00a0un déploiement très serein\u00a0»"
				: "«un despliegue tranquilo, sin sorpresas»");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "fr", "es" })
	void theAskMentionsTheValueOnlyWhenItWasDelivered(String locale) {
		String delivered = FlowedText.decode(render("ask", "customer", locale, "direct",
				context(locale, true, "praise", OfferCase.ATTACHED_AND_DELIVERED, Map.of()))
			.text());
		String notDelivered = FlowedText.decode(render("ask", "customer", locale, "direct",
				context(locale, true, "praise", OfferCase.LINKED_NOT_DELIVERED, Map.of()))
			.text());
		String document = locale.equals("fr") ? "le document que je vous ai envoyé" : "el documento que le envié";

		assertThat(delivered).contains(document);
		assertThat(notDelivered).doesNotContain(document);
	}

	static Stream<Arguments> intros() {
		List<Arguments> cases = new ArrayList<>();
		for (String locale : List.of("fr", "es")) {
			for (String form : List.of("direct", "optin")) {
				for (String trigger : TRIGGERS) {
					for (boolean withProspect : List.of(true, false)) {
						for (boolean introLine : List.of(true, false)) {
							cases.add(Arguments.of(locale, form, trigger, withProspect, introLine));
						}
					}
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} {1} {2} prospect={3} intro_line={4}")
	@MethodSource("intros")
	void theIntroHasEachParagraphOnOneLineAGreetingThatReadsRightAndTheAccentsInTheLink(String locale, String form,
			String trigger, boolean withProspect, boolean introLine) {
		String line = locale.equals("fr") ? "Grâce à eux, notre clôture mensuelle a pris deux jours de moins."
				: "Gracias a su equipo, cerramos el mes dos días antes.";
		EmailContext context = context(locale, withProspect, trigger, OfferCase.NONE,
				introLine ? Map.of("intro_line", line) : Map.of());
		Map<String, Object> forward = EMAILS.forward("customer", "a", locale, form, context);
		String body = (String) forward.get("body");
		String[] paragraphs = body.split("\n\n");

		for (int i = 0; i < paragraphs.length - 1; i++) {
			assertThat(paragraphs[i]).as("paragraph %d", i).doesNotContain("\n");
		}
		assertThat(paragraphs[paragraphs.length - 1].lines().toList()).hasSize(2)
			.last()
			.isEqualTo(context.referrer().name());
		assertThat(body.lines().filter(l -> !l.isBlank()).toList()).doesNotHaveDuplicates();
		assertThat(body).doesNotContain("[", "\\", "*", "Nom", "Nombre").contains("José Álvarez (Firm)");
		String greeting = locale.equals("fr") ? (withProspect ? "Bonjour Hélène," : "Bonjour,")
				: (withProspect ? "Hola, Íñigo:" : "Hola:");
		assertThat(body.lines().findFirst().orElseThrow()).isEqualTo(greeting);
		if (introLine) {
			assertThat(body).contains(line);
		}
		String mailto = (String) forward.get("mailto");
		assertThat(mailto).hasSizeLessThan(MailtoLink.DEFAULT_MAX_LENGTH);
		assertThat(MailtoLink.parse(mailto).body()).isEqualTo(body.replace("\n", "\r\n"));
		String words = body.replaceAll("\\S+@\\S+", "") + "\n" + forward.get("subject");
		if (locale.equals("fr")) {
			assertFrenchTypography(words, "intro");
		}
		else {
			assertSpanishTypography(words, "intro");
		}
	}

	@Test
	void theIntroSaysWhyDifferentlyForAGoLiveARenewalAndPraise() {
		for (String locale : List.of("fr", "es")) {
			Set<String> why = new LinkedHashSet<>();
			for (String trigger : List.of("go_live", "renewal", "praise", "cadence")) {
				why.add(((String) EMAILS
					.forward("customer", "a", locale, "direct",
							context(locale, true, trigger, OfferCase.NONE, Map.of()))
					.get("body")).split("\n\n")[1]);
			}
			assertThat(why).as(locale).hasSize(4);
		}
	}

}
