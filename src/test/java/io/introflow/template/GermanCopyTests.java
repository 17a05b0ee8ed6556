package io.introflow.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The German copy, rendered file by file for every trigger type, with and without a named
 * prospect, with and without a value offer, in both forms of the intro: German text that
 * reads right as it goes out.
 */
class GermanCopyTests {

	private static final TemplateEngine ENGINE = new TemplateEngine(Path.of("templates"));

	private static final IntroEmails EMAILS = new IntroEmails(ENGINE);

	/** The kinds with German files of their own, and the segments each serves. */
	private static final Map<String, List<String>> KINDS = kinds();

	private static final List<String> INTRO_KINDS = List.of("ask", "nudge", "nudge-2", "reminder");

	private static final Map<String, String> NOTES = Map.of("nps_promoter",
			"NPS 10: \"die ruhigste Einführung, die wir je hatten\"", "go_live", "Portal ist live", "praise",
			"Lob im Lenkungsausschuss: „Das Team war großartig“", "renewal", "Um zwei Jahre verlängert", "testimonial",
			"Fallstudie zugesagt", "cadence", "", "manual", "");

	private static final List<String> TRIGGERS = List.of("nps_promoter", "go_live", "praise", "renewal", "testimonial",
			"cadence", "manual");

	private static Map<String, List<String>> kinds() {
		Map<String, List<String>> kinds = new LinkedHashMap<>();
		for (String kind : List.of("value", "ask")) {
			kinds.put(kind, List.of("customer", "partner"));
		}
		for (String kind : List.of("nudge", "nudge-2", "reminder", "thank-you", "close-the-loop")) {
			kinds.put(kind, List.of("customer", "partner"));
		}
		kinds.put("partner-summary", List.of("partner"));
		return kinds;
	}

	static EmailContext context(String trigger, boolean withProspect, EmailContext.Offer offer, String introLine) {
		EmailContext sample = TemplateCheck.sample(withProspect);
		EmailContext.Person referrer = new EmailContext.Person("Jürgen Weiß", "juergen@weiss-soehne.example",
				"Weiß & Söhne GmbH", introLine.isEmpty() ? Map.of() : Map.of("intro_line", introLine));
		EmailContext.Person prospect = withProspect
				? new EmailContext.Person("Käthe Müller", "kaethe@mueller.example", "Müller Logistik AG")
				: sample.prospect();
		return new EmailContext(referrer, sample.owner(), prospect, sample.firmName(), sample.postalAddress(),
				sample.token(), sample.replyAddress(), sample.trackingAddress(), sample.unsubscribeAddress(),
				new EmailContext.Moment(trigger, "2026-11-20", NOTES.get(trigger)), offer);
	}

	static List<EmailContext.Offer> offers() {
		List<EmailContext.Offer> offers = new ArrayList<>();
		offers.add(null);
		for (boolean delivered : List.of(false, true)) {
			offers.add(new EmailContext.Offer("checklist", "Die Checkliste für den Start", "", "", "checkliste.pdf",
					delivered));
			offers.add(new EmailContext.Offer("review", "Der Jahresrückblick", "", "https://firm.example/rueckblick",
					"", delivered));
		}
		return offers;
	}

	static RenderedEmail render(String kind, String segment, String form, EmailContext context) {
		assertThat(ENGINE.resolve(kind, segment, "a", "de")).as("a German file of its own").endsWith(".de");
		Map<String, Object> model = new HashMap<>(context.toModel());
		model.putAll(TemplateCheck.sampleExtras(kind, context.prospect().email().length() > 0));
		if (INTRO_KINDS.contains(kind)) {
			// nudge-2 and reminder are not yet given the intro by IntroEmails on this
			// branch; they get it as ask does
			model.put("forward", EMAILS.forward(segment, "a", "de", form, context));
		}
		return ENGINE.render(kind, segment, "a", "de", model);
	}

	@Test
	void everyGermanEmailRendersAsValidFlowedTextWithoutPlaceholders() {
		Set<String> letters = new LinkedHashSet<>();
		int rendered = 0;
		for (var kind : KINDS.entrySet()) {
			for (String segment : kind.getValue()) {
				for (String trigger : TRIGGERS) {
					for (boolean withProspect : List.of(true, false)) {
						// the offer only shows in value and ask; the form of the intro
						// only in the emails carrying it
						for (EmailContext.Offer offer : List.of("value", "ask").contains(kind.getKey()) ? offers()
								: offers().subList(0, 2)) {
							for (String form : INTRO_KINDS.contains(kind.getKey()) ? List.of("direct", "optin")
									: List.of("direct")) {
								String what = kind.getKey() + "/" + segment + " " + trigger + " prospect="
										+ withProspect + " offer=" + offer + " " + form;
								RenderedEmail email = render(kind.getKey(), segment, form,
										context(trigger, withProspect, offer, ""));
								assertGoodGerman(what, email);
								if (INTRO_KINDS.contains(kind.getKey())) {
									RenderedEmail linked = render(kind.getKey(), segment, form,
											context(trigger, withProspect, offer, "")
												.withIntroPage(TemplateCheck.SAMPLE_PAGE));
									assertGoodGerman(what + " page", linked);
									FrenchSpanishCopyTests.assertLinksThePage(linked, TemplateCheck.SAMPLE_PAGE, what);
									assertThat(FlowedText.decode(linked.text())).as(what)
										.contains(
												"Sie nutzen Gmail oder Outlook im Browser? Die Vorstellung liegt hier "
														+ "für Sie bereit: " + TemplateCheck.SAMPLE_PAGE);
								}
								String text = FlowedText.decode(email.text());
								for (String letter : List.of("ä", "ö", "ü", "ß", "Ä", "Ü")) {
									if (text.contains(letter) || email.subject().contains(letter)) {
										letters.add(letter);
									}
								}
								rendered++;
							}
						}
					}
				}
			}
		}
		assertThat(rendered).isGreaterThan(500);
		assertThat(letters).contains("ä", "ö", "ü", "ß");
	}

	private static void assertGoodGerman(String what, RenderedEmail email) {
		String text = email.text();
		for (String line : text.split("\n", -1)) {
			assertThat(line.length()).as(what + ": " + line).isLessThanOrEqualTo(200);
			if (line.length() > FlowedText.WIDTH) {
				assertThat(line.strip()).as(what + ": only an unbreakable word may pass 78 characters")
					.doesNotContain(" ");
			}
		}
		assertThat(FlowedText.encode(FlowedText.decode(text))).as(what).isEqualTo(text);
		String decoded = FlowedText.decode(text);
		assertThat(decoded).as(what)
			.doesNotContain("[", "]", "mailto:", "${", "<#", "Ã", "\uFFFD", "Hallo ,", "Hallo Jürgen Weiß")
			.startsWith("Hallo Jürgen,\n\n")
			.contains("Oscar Owner");
		assertThat(email.subject()).as(what).doesNotContain("[", "${");
		assertThat(email.html()).as(what).contains("<html lang=\"de\">", "Jürgen");
		// the German copy names companies only in parentheses or in lists, where no
		// article is missing
		assertThat(decoded).as(what).doesNotContainPattern("(mit|von|bei|für) (Müller Logistik AG|Weiß & Söhne GmbH)");
	}

	@Test
	void theIntroIsShortWithEachParagraphOnOneLineAndAGreetingThatReadsRightUnedited() {
		for (String trigger : TRIGGERS) {
			for (boolean withProspect : List.of(true, false)) {
				for (String form : List.of("direct", "optin")) {
					for (String introLine : List.of("",
							"Mit Oscar haben wir unser Lager in drei Monaten umgestellt.")) {
						String what = form + " " + trigger + " prospect=" + withProspect + " line=" + introLine;
						Map<String, Object> forward = EMAILS.forward("customer", "a", "de", form,
								context(trigger, withProspect, null, introLine));
						String body = (String) forward.get("body");
						String[] paragraphs = body.split("\n\n");

						assertThat(paragraphs).as(what).hasSize(4);
						for (int i = 0; i < paragraphs.length - 1; i++) {
							assertThat(paragraphs[i]).as(what + " paragraph " + i).doesNotContain("\n");
						}
						assertThat(paragraphs[3]).as(what).isEqualTo("Viele Grüße\nJürgen Weiß");
						assertThat(paragraphs[0]).as(what).isEqualTo(withProspect ? "Hallo Käthe," : "Hallo,");
						assertThat(body).as(what).doesNotContain("[", "\\", "*", "  ");
						if (!introLine.isEmpty()) {
							assertThat(paragraphs[1]).as(what).contains(introLine);
						}
						assertThat(body.lines().filter(l -> !l.isBlank()).toList()).as(what).doesNotHaveDuplicates();
						assertThat((String) forward.get("mailto")).as(what)
							.hasSizeLessThan(MailtoLink.DEFAULT_MAX_LENGTH);
						assertThat((String) forward.get("subject")).as(what).doesNotContain("[");
					}
				}
			}
		}
	}

	@Test
	void valueAndAskOpenDifferentlyForEachTriggerTypeAndNeverAlike() {
		for (String segment : List.of("customer", "partner")) {
			Set<String> valueOpenings = new LinkedHashSet<>();
			Set<String> askOpenings = new LinkedHashSet<>();
			for (String trigger : TRIGGERS) {
				EmailContext context = context(trigger, true, null, "");
				String value = opening(render("value", segment, "direct", context));
				String ask = opening(render("ask", segment, "direct", context));
				valueOpenings.add(value);
				askOpenings.add(ask);
				assertThat(ask).as(trigger).isNotEqualTo(value);
			}
			assertThat(valueOpenings).as(segment + ": " + valueOpenings).hasSize(TRIGGERS.size());
			assertThat(askOpenings).as(segment + ": " + askOpenings).hasSize(TRIGGERS.size());
		}
	}

	@Test
	void theClientsOwnWordsAreQuotedAndAnInternalNoteNever() {
		String nps = FlowedText
			.decode(render("value", "customer", "direct", context("nps_promoter", true, null, "")).text());
		String praise = FlowedText
			.decode(render("value", "customer", "direct", context("praise", true, null, "")).text());
		String renewal = FlowedText
			.decode(render("value", "customer", "direct", context("renewal", true, null, "")).text());

		assertThat(nps).contains("„die ruhigste Einführung, die wir je hatten“").doesNotContain("NPS");
		assertThat(praise).contains("„Das Team war großartig“").doesNotContain("Lenkungsausschuss");
		assertThat(renewal).doesNotContain("Um zwei Jahre verlängert");
	}

	@Test
	void theStepsOfASequenceNeverSendTheSameBody() {
		for (boolean delivered : List.of(false, true)) {
			EmailContext context = context("go_live", true, offers().get(delivered ? 3 : 1), "");
			Set<String> bodies = new LinkedHashSet<>();
			List<String> steps = List.of("value", "ask", "nudge", "nudge-2", "reminder", "thank-you", "close-the-loop");
			for (String kind : steps) {
				bodies.add(FlowedText.decode(render(kind, "customer", "direct", context).text()));
			}
			assertThat(bodies).hasSize(steps.size());
		}
	}

	@Test
	void theAskMentionsTheValueOnlyOnceItWasDelivered() {
		EmailContext.Offer sent = offers().get(3);
		EmailContext.Offer notSent = offers().get(1);

		assertThat(FlowedText.decode(render("ask", "customer", "direct", context("go_live", true, sent, "")).text()))
			.contains("Die Checkliste für den Start");
		assertThat(FlowedText.decode(render("ask", "customer", "direct", context("go_live", true, notSent, "")).text()))
			.doesNotContain("Die Checkliste für den Start");
		assertThat(
				FlowedText.decode(render("value", "customer", "direct", context("go_live", true, notSent, "")).text()))
			.contains("im Anhang (checkliste.pdf)");
	}

	/** The first paragraph after the greeting. */
	private static String opening(RenderedEmail email) {
		return FlowedText.decode(email.text()).split("\n\n")[1];
	}

}
