package io.introflow.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped templates, rendered with contact data that tries to break out of them. */
class TemplateEngineTests {

	private final IntroEmails emails = new IntroEmails(new TemplateEngine(Path.of("templates")));

	@Test
	void rendersEveryShippedTemplateForBothSegmentsWithAndWithoutAProspect() {
		assertThat(new TemplateCheck(emails).problems()).isEmpty();
	}

	@Test
	void escapesContactDataInTheHtmlPart() {
		EmailContext hostile = context("<script>alert(1)</script>", "\"'&Co");

		for (String kind : List.of("value", "ask", "nudge", "thank-you", "close-the-loop")) {
			RenderedEmail email = emails.render(kind, "customer", "a", "en", "direct", hostile);

			assertThat(email.html()).as(kind)
				.doesNotContain("<script>")
				.contains("&lt;script&gt;alert(1)&lt;/script&gt;");
			assertThat(email.html()).as(kind).doesNotContain("\"'&Co");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "*x*", "<b>bold</b>", "[a](http://evil.example)", "javascript:alert(1)", "# Heading",
			"![i](https://evil.example/i.png)", "&lt;i&gt;", "`code`", "<http://evil.example>" })
	void aValueWithMarkdownHtmlOrLinkSyntaxRendersAsLiteralTextInBothParts(String company) {
		for (String kind : List.of("value", "ask", "close-the-loop")) {
			RenderedEmail email = emails.render(kind, "customer", "a", "en", "direct",
					context("Rita Referrer", company));

			assertThat(FlowedText.decode(email.text())).as(kind).contains(company);
			assertThat(email.html()).as(kind)
				.contains(EmailLayout.escape(company))
				.doesNotContain("<b>", "<em>", "<h1", "<img", "<code", "href=\"http://evil", "href=\"javascript",
						"href=\"https://evil");
		}
	}

	@Test
	void aValueWithLineBreaksCannotStartABlockOfItsOwn() {
		RenderedEmail email = emails.render("value", "customer", "a", "en", "direct",
				context("Rita Referrer", "Acme\n\n    indented code\n- list\n# heading"));

		assertThat(email.html()).doesNotContain("<pre", "<li", "<h1");
		assertThat(email.html().replaceAll(" +", " ")).contains("Acme indented code - list # heading");
	}

	@Test
	void treatsTemplateSyntaxInContactDataAsText() {
		RenderedEmail email = emails.render("value", "customer", "a", "en", "direct",
				context("${7*7} <#assign x=1>", "Acme"));

		assertThat(email.text()).contains("${7*7}").doesNotContain("49");
	}

	@Test
	void namesTheFileLineAndColumnOfAMissingVariableInTheBodyCountingTheFrontMatter(@TempDir Path tmp)
			throws Exception {
		Path root = tmp.resolve("templates");
		Path folder = Files.createDirectories(root.resolve("value/customer"));
		Files.writeString(folder.resolve("a.md"),
				"---\nsubject: Hello\npreheader: A line\n---\nLine one\n\nHi ${referrer.nickname}\n");
		IntroEmails broken = new IntroEmails(new TemplateEngine(root));

		assertThatThrownBy(() -> broken.render("value", "customer", "a", "en", "direct", TemplateCheck.sample(false)))
			.isInstanceOf(TemplateProblem.class)
			.hasMessageStartingWith("templates/value/customer/a.md:7:6:")
			.hasMessageContaining("referrer.nickname");
	}

	@Test
	void namesTheLineAndColumnOfAMistakeInThePreheader(@TempDir Path tmp) throws Exception {
		Path root = tmp.resolve("templates");
		Path folder = Files.createDirectories(root.resolve("value/customer"));
		Files.writeString(folder.resolve("a.md"), "---\nsubject: Hello\npreheader: For ${owner.nmae}\n---\nBody\n");
		IntroEmails broken = new IntroEmails(new TemplateEngine(root));

		assertThatThrownBy(() -> broken.render("value", "customer", "a", "en", "direct", TemplateCheck.sample(false)))
			.isInstanceOf(TemplateProblem.class)
			.hasMessageStartingWith("templates/value/customer/a.md:3:18:")
			.hasMessageContaining("owner.nmae");
	}

	@Test
	void refusesATemplateWithoutAFrontMatter(@TempDir Path tmp) throws Exception {
		Path root = tmp.resolve("templates");
		Path folder = Files.createDirectories(root.resolve("value/customer"));
		Files.writeString(folder.resolve("a.md"), "Hi ${referrer.firstName}\n");
		IntroEmails broken = new IntroEmails(new TemplateEngine(root));

		assertThatThrownBy(() -> broken.render("value", "customer", "a", "en", "direct", TemplateCheck.sample(false)))
			.isInstanceOf(TemplateProblem.class)
			.hasMessageStartingWith("templates/value/customer/a.md:1:1:")
			.hasMessageContaining("front matter");
	}

	@Test
	void cannotInstantiateJavaClasses(@TempDir Path tmp) throws Exception {
		Path root = tmp.resolve("templates");
		Path folder = Files.createDirectories(root.resolve("value/customer"));
		Files.writeString(folder.resolve("a.md"),
				"---\nsubject: Hello\n---\n<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}");
		IntroEmails hostile = new IntroEmails(new TemplateEngine(root));

		assertThatThrownBy(() -> hostile.render("value", "customer", "a", "en", "direct", TemplateCheck.sample(false)))
			.isInstanceOf(TemplateProblem.class)
			.hasMessageStartingWith("templates/value/customer/a.md:4:")
			.hasMessageContaining("not allowed");
	}

	@Test
	void fallsBackToTheDefaultSegment() {
		RenderedEmail email = emails.render("thank-you", "partner", "a", "en", "direct", TemplateCheck.sample(true));

		assertThat(email.subject()).isNotBlank();
		assertThat(email.text()).contains("Rita");
	}

	@Test
	void theHtmlPartIsACompleteDocumentWithThePreheaderHidden(@TempDir Path tmp) throws Exception {
		Path root = tmp.resolve("templates");
		Path folder = Files.createDirectories(root.resolve("value/customer"));
		Files.writeString(folder.resolve("a.md"),
				"---\nsubject: Hello ${referrer.firstName}\npreheader: Something for ${referrer.company}\n---\nHi\n");
		RenderedEmail email = new IntroEmails(new TemplateEngine(root)).render("value", "customer", "a", "en", "direct",
				TemplateCheck.sample(true));

		assertThat(email.subject()).isEqualTo("Hello Rita");
		assertThat(email.html()).startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")
			.contains("<title>Hello Rita</title>", "display: none", "Something for Client GmbH", "width=\"600\"");
		assertThat(email.text()).isEqualTo("Hi").doesNotContain("Something for");
	}

	private static EmailContext context(String referrerName, String company) {
		EmailContext sample = TemplateCheck.sample(true);
		return new EmailContext(new EmailContext.Person(referrerName, "rita@client.example", company), sample.owner(),
				sample.prospect(), sample.firmName(), sample.postalAddress(), sample.token(), sample.replyAddress(),
				sample.trackingAddress(), sample.unsubscribeAddress());
	}

}
