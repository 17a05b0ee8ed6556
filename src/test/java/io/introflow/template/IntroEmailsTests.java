package io.introflow.template;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prefilled intro inside the ask, in both forms, and the choice of template by
 * segment, variant and locale.
 */
class IntroEmailsTests {

	private static final Pattern MAILTO = Pattern.compile("mailto:[^\\s<>\"]+");

	private final TemplateEngine engine = new TemplateEngine(Path.of("templates"));

	private final IntroEmails emails = new IntroEmails(engine);

	/**
	 * The tracking address in copy, under the firm's name so that the prospect reads it
	 * as the firm's inbox.
	 */
	private static final String TRACKING = "\"Firm\" <intro+sampletoken@reply.example>";

	@ParameterizedTest
	@ValueSource(strings = { "direct", "optin" })
	void theMailtoLinkParsesBackToExactlyTheRenderedIntro(String form) {
		EmailContext context = TemplateCheck.sample(true);
		RenderedEmail ask = emails.render("ask", "customer", "a", "en", form, context);
		RenderedEmail intro = engine.render(form.equals("optin") ? "forward-optin" : "forward", "customer", "a", "en",
				context.toModel());

		Matcher link = MAILTO.matcher(ask.html());
		assertThat(link.find()).isTrue();
		MailtoLink.Parts parts = MailtoLink.parse(link.group().replace("&amp;", "&"));

		assertThat(parts.to()).containsExactly("priya@prospect.example");
		assertThat(parts.cc()).isEqualTo(
				form.equals("optin") ? java.util.List.of(TRACKING) : java.util.List.of("oscar@firm.example", TRACKING));
		assertThat(parts.subject()).isEqualTo(intro.subject());
		assertThat(parts.body()).isEqualTo(intro.text().replace("\n", "\r\n"));
		assertThat(FlowedText.decode(ask.text())).contains("Subject: " + intro.subject())
			.contains(intro.text().strip());
		assertThat(ask.text()).doesNotContain("mailto:");
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(
			textBlock = """
					ask,      en, 'Using Gmail or Outlook in your browser? The introduction is ready for you here:'
					nudge,    en, 'Using Gmail or Outlook in your browser? The introduction is ready for you here:'
					nudge-2,  en, 'Using Gmail or Outlook in your browser? The introduction is ready for you here:'
					reminder, en, 'Using Gmail or Outlook in your browser? The introduction is ready for you here:'
					ask,      de, 'Sie nutzen Gmail oder Outlook im Browser? Die Vorstellung liegt hier für Sie bereit:'
					reminder, de, 'Sie nutzen Gmail oder Outlook im Browser? Die Vorstellung liegt hier für Sie bereit:'
					ask,      fr, 'Vous utilisez Gmail ou Outlook dans votre navigateur\u00a0? La mise en relation est prête ici\u00a0:'
					nudge,    fr, 'Vous utilisez Gmail ou Outlook dans votre navigateur\u00a0? La mise en relation est prête ici\u00a0:'
					ask,      es, '¿Usa Gmail u Outlook en el navegador? La presentación está lista aquí:'
					nudge-2,  es, '¿Usa Gmail u Outlook en el navegador? La presentación está lista aquí:'
					""")
	void withAnIntroductionPageTheButtonOpensItAndTheTextPartHasItsAddress(String kind, String locale, String line) {
		EmailContext context = TemplateCheck.sample(true).withIntroPage(TemplateCheck.SAMPLE_PAGE);

		RenderedEmail email = emails.render(kind, "customer", "a", locale, "direct", context);

		// the HTML button opens the page (mail programs in the browser do not answer
		// mailto:), the marks unseen
		assertThat(email.html())
			.contains("<a rel=\"nofollow\" href=\"" + TemplateCheck.SAMPLE_PAGE + "\" style=\"display: inline-block;")
			.doesNotContain("mailto:priya")
			.doesNotContain("introflow:")
			.doesNotContain(line);
		// the text part has one short line with the address, in the referrer's language,
		// and still no mailto:
		String text = FlowedText.decode(email.text());
		assertThat(text).contains(line + " " + TemplateCheck.SAMPLE_PAGE).doesNotContain("mailto:");
		assertThat(text.split(java.util.regex.Pattern.quote(TemplateCheck.SAMPLE_PAGE), -1)).hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ask", "nudge", "nudge-2", "reminder" })
	void withoutAnIntroductionPageTheButtonIsTheMailtoAndTheTextPartHasNoLink(String kind) {
		RenderedEmail email = emails.render(kind, "customer", "a", "en", "direct", TemplateCheck.sample(true));

		assertThat(email.html()).contains("<a rel=\"nofollow\" href=\"mailto:priya@prospect.example?")
			.doesNotContain("/i/");
		assertThat(FlowedText.decode(email.text())).doesNotContain("https://").doesNotContain("Gmail");
	}

	@Test
	void onlyTheEmailsThatCarryTheIntroHaveThePage() {
		EmailContext context = TemplateCheck.sample(true).withIntroPage(TemplateCheck.SAMPLE_PAGE);

		assertThat(emails.render("thank-you", "customer", "a", "en", "direct", context).html())
			.doesNotContain(TemplateCheck.SAMPLE_PAGE);
		assertThat(emails.forward("customer", "a", "en", "direct", context)).containsEntry("pageUrl",
				TemplateCheck.SAMPLE_PAGE);
		assertThat(emails.forward("customer", "a", "en", "direct", TemplateCheck.sample(true))).containsEntry("pageUrl",
				"");
	}

	@Test
	void aTooLongIntroIsShortenedInTheLinkAndKeptWholeInTheForwardableBlock() {
		EmailContext sample = TemplateCheck.sample(true);
		String longCompany = "Client GmbH " + "and Partners ".repeat(60);
		EmailContext wordy = new EmailContext(
				new EmailContext.Person("Rita Referrer", "rita@client.example", longCompany), sample.owner(),
				sample.prospect(), sample.firmName() + " " + "Consulting ".repeat(40), sample.postalAddress(),
				sample.token(), sample.replyAddress(), sample.trackingAddress(), sample.unsubscribeAddress());

		Map<String, Object> forward = emails.forward("customer", "a", "en", "direct", wordy);
		String link = (String) forward.get("mailto");

		assertThat(link.length()).isLessThanOrEqualTo(MailtoLink.DEFAULT_MAX_LENGTH);
		MailtoLink.Parts parts = MailtoLink.parse(link);
		assertThat(parts.body()).endsWith(IntroEmails.SHORTENED_NOTICE);
		assertThat((String) forward.get("body")).contains(longCompany.strip()).doesNotContain("[The full text");
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {3}")
	@CsvSource(textBlock = """
			customer, a, en,    ask/customer/a
			customer, b, en,    ask/customer/b
			partner,  b, en,    ask/partner/a
			customer, b, de,    ask/customer/a.de
			partner,  a, de-AT, ask/partner/a.de
			customer, a, fr,    ask/customer/a.fr
			partner,  b, es-MX, ask/partner/a.es
			customer, a, it,    ask/customer/a
			""")
	void choosesLocaleThenSegmentThenVariant(String segment, String variant, String locale, String expected) {
		assertThat(engine.resolve("ask", segment, variant, locale)).isEqualTo(expected);
	}

	@Test
	void aGermanClientGetsGermanTextAndFooter() {
		RenderedEmail ask = emails.render("ask", "customer", "a", "de", "direct", TemplateCheck.sample(true));

		assertThat(ask.subject()).isEqualTo("Eine Bitte, Rita");
		assertThat(FlowedText.decode(ask.text())).contains("Betreff: Vorstellung: Priya Prospect",
				"Abmelden (unsubscribe+sampletoken@reply.example)");
		assertThat(ask.html()).contains("<html lang=\"de\">", "Abmelden");
	}

}
