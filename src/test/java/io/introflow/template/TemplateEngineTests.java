package io.introflow.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

			assertThat(email.html()).as(kind).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
			assertThat(email.html()).as(kind).doesNotContain("\"'&Co");
		}
	}

	@Test
	void treatsTemplateSyntaxInContactDataAsText() {
		RenderedEmail email = emails.render("value", "customer", "a", "en", "direct", context("${7*7} <#assign x=1>", "Acme"));

		assertThat(email.text()).contains("${7*7}").doesNotContain("49");
	}

	@Test
	void namesTheFileLineAndColumnOfAMissingVariable(@TempDir Path tmp) throws Exception {
		Path root = tmp.resolve("templates");
		Path folder = Files.createDirectories(root.resolve("value/customer"));
		Files.writeString(folder.resolve("a.subject.ftl"), "Hello");
		Files.writeString(folder.resolve("a.txt.ftl"), "Line one\nHi ${referrer.nickname}\n");
		IntroEmails broken = new IntroEmails(new TemplateEngine(root));

		assertThatThrownBy(() -> broken.render("value", "customer", "a", "en", "direct", TemplateCheck.sample(false)))
			.isInstanceOf(TemplateProblem.class)
			.hasMessageStartingWith("templates/value/customer/a.txt.ftl:2:")
			.hasMessageContaining("referrer.nickname");
	}

	@Test
	void cannotInstantiateJavaClasses(@TempDir Path tmp) throws Exception {
		Path root = tmp.resolve("templates");
		Path folder = Files.createDirectories(root.resolve("value/customer"));
		Files.writeString(folder.resolve("a.subject.ftl"), "Hello");
		Files.writeString(folder.resolve("a.txt.ftl"),
				"<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}");
		IntroEmails hostile = new IntroEmails(new TemplateEngine(root));

		assertThatThrownBy(() -> hostile.render("value", "customer", "a", "en", "direct", TemplateCheck.sample(false)))
			.isInstanceOf(TemplateProblem.class)
			.hasMessageStartingWith("templates/value/customer/a.txt.ftl:1:")
			.hasMessageContaining("not allowed");
	}

	@Test
	void fallsBackToTheDefaultSegment() {
		RenderedEmail email = emails.render("thank-you", "partner", "a", "en", "direct", TemplateCheck.sample(true));

		assertThat(email.subject()).isNotBlank();
		assertThat(email.text()).contains("Rita");
	}

	private static EmailContext context(String referrerName, String company) {
		EmailContext sample = TemplateCheck.sample(true);
		return new EmailContext(new EmailContext.Person(referrerName, "rita@client.example", company), sample.owner(),
				sample.prospect(), sample.firmName(), sample.postalAddress(), sample.token(), sample.replyAddress(),
				sample.trackingAddress(), sample.unsubscribeAddress());
	}

}
