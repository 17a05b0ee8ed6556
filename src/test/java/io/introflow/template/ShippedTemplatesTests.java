package io.introflow.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped email, as it goes out: for every kind, segment, variant and language,
 * with and without a named prospect, in both forms of the intro.
 */
class ShippedTemplatesTests {

	private static final TemplateEngine ENGINE = new TemplateEngine(Path.of("templates"));

	private static final IntroEmails EMAILS = new IntroEmails(ENGINE);

	/**
	 * @param page the introduction page, or blank: none (no public base URL)
	 */
	record Case(TemplateCatalog.Entry entry, String segment, boolean withProspect, String form, String page) {

		RenderedEmail render() {
			return EMAILS.render(entry.kind(), segment, entry.variant(), entry.locale(), form, context(),
					TemplateCheck.sampleExtras(entry.kind(), withProspect));
		}

		EmailContext context() {
			return TemplateCheck.sample(withProspect).withIntroPage(page);
		}

		@Override
		public String toString() {
			return entry.base() + " for " + segment + (withProspect ? ", prospect" : ", no prospect") + ", " + form
					+ (page.isEmpty() ? "" : ", page");
		}

	}

	static Stream<Arguments> emails() {
		List<Arguments> cases = new ArrayList<>();
		for (TemplateCatalog.Entry entry : TemplateCatalog.scan(ENGINE.root()).entries()) {
			if (entry.kind().startsWith("forward")) {
				continue;
			}
			for (String segment : entry.segment().equals("default") ? TemplateCatalog.SEGMENTS
					: List.of(entry.segment())) {
				for (boolean withProspect : List.of(true, false)) {
					for (String form : List.of("direct", "optin")) {
						for (String page : IntroEmails.ASKING.contains(entry.kind())
								? List.of("", TemplateCheck.SAMPLE_PAGE) : List.of("")) {
							cases.add(Arguments.of(new Case(entry, segment, withProspect, form, page)));
						}
					}
				}
			}
		}
		assertThat(cases.stream().map(a -> ((Case) a.get()[0]).entry().locale())).contains("", "de");
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("emails")
	void theTextPartIsFormatFlowedWithShortLinesAndNoMailtoLink(Case email) {
		String text = email.render().text();

		for (String line : text.split("\n", -1)) {
			assertThat(line.length()).as(line).isLessThanOrEqualTo(200);
			if (line.length() > FlowedText.WIDTH) {
				assertThat(line.strip()).as("only an unbreakable word may pass 78 characters").doesNotContain(" ");
			}
			assertThat(line).as("space-stuffed").doesNotStartWith(">").doesNotStartWith("From ");
		}
		assertThat(FlowedText.encode(FlowedText.decode(text))).isEqualTo(text);
		assertThat(text).doesNotContain("mailto:", "%20", "<#", "${", "\\");
		assertThat(FlowedText.decode(text)).contains("Rita").contains("\n-- \n");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("emails")
	void theHtmlPartIsACompleteDocumentWithoutPreWrap(Case email) {
		RenderedEmail rendered = email.render();
		String lang = email.entry().locale().isEmpty() ? "en" : email.entry().locale();

		assertThat(rendered.html()).startsWith("<!DOCTYPE html>")
			.contains("<html lang=\"" + lang + "\">", "<head>", "<meta charset=\"utf-8\">", "name=\"viewport\"",
					"<title>" + EmailLayout.escape(rendered.subject()) + "</title>", "1 Example Street",
					"href=\"mailto:unsubscribe+sampletoken@reply.example?subject=unsubscribe\"")
			.doesNotContain("pre-wrap", "<style", "<#", "${", "[Name]", "[name]");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("emails")
	void asksAndNudgesCarryTheButtonInHtmlAndTheWholeIntroInBothParts(Case email) {
		if (!IntroEmails.ASKING.contains(email.entry().kind())) {
			return;
		}
		RenderedEmail rendered = email.render();
		Map<String, Object> forward = EMAILS.forward(email.segment(), email.entry().variant(), email.entry().locale(),
				email.form(), email.context());
		String mailto = "href=\"" + ((String) forward.get("mailto")).replace("&", "&amp;") + "\"";

		String text = FlowedText.decode(rendered.text());
		if (email.page().isEmpty()) {
			assertThat(rendered.html()).contains(mailto, "border: 1px solid");
			assertThat(text).doesNotContain("https://");
		}
		else {
			// the button opens the introduction page; the text part has its address once,
			// the HTML part no mark
			assertThat(rendered.html()).contains("href=\"" + email.page() + "\"", "border: 1px solid")
				.doesNotContain(mailto)
				.doesNotContain("introflow:");
			assertThat(text.split(java.util.regex.Pattern.quote(email.page()), -1)).hasSize(2);
		}
		assertThat(text).contains(((String) forward.get("body")).strip(), (String) forward.get("subject"),
				(String) forward.get("cc"));
	}

	static Stream<Arguments> intros() {
		List<Arguments> cases = new ArrayList<>();
		for (String form : List.of("direct", "optin")) {
			for (String locale : List.of("en", "de")) {
				for (boolean withProspect : List.of(true, false)) {
					cases.add(Arguments.of(form, locale, withProspect));
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} {1} prospect={2}")
	@MethodSource("intros")
	void theIntroHasNoLineBreakInsideAParagraphAndFitsTheMailtoLimit(String form, String locale, boolean withProspect) {
		EmailContext context = TemplateCheck.sample(withProspect);
		Map<String, Object> forward = EMAILS.forward("customer", "a", locale, form, context);
		String body = (String) forward.get("body");
		String[] paragraphs = body.split("\n\n");

		for (int i = 0; i < paragraphs.length - 1; i++) {
			assertThat(paragraphs[i]).as("paragraph %d", i).doesNotContain("\n");
		}
		// the sign-off is the only paragraph of several lines: a closing word and the
		// referrer's name
		assertThat(paragraphs[paragraphs.length - 1].lines().toList()).hasSizeLessThanOrEqualTo(2)
			.last()
			.isEqualTo("Rita Referrer");
		List<String> lines = body.lines().filter(line -> !line.isBlank()).toList();
		assertThat(lines).as("no line said twice").doesNotHaveDuplicates();
		assertThat(body).doesNotContain("[Name]", "[name]", "\\", "*");
		assertThat(body.lines().findFirst().orElseThrow())
			.isEqualTo(withProspect ? (locale.equals("de") ? "Hallo Priya," : "Hi Priya,")
					: (locale.equals("de") ? "Hallo," : "Hi there,"));
		assertThat((String) forward.get("mailto")).doesNotContain("%5B", "%0D%0A%0D%0A%0D%0A")
			.hasSizeLessThan(MailtoLink.DEFAULT_MAX_LENGTH);
		assertThat(MailtoLink.parse((String) forward.get("mailto")).body()).isEqualTo(body.replace("\n", "\r\n"));
	}

}
