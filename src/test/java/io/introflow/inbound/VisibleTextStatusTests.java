package io.introflow.inbound;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person wrote is stored with their message when it is processed, and
 * {@code introflow status --intro} lists each message of the introduction with its class
 * and that text, through the real CLI and database.
 */
class VisibleTextStatusTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws Exception {
		app.run("status"); // creates the database
		app.execute("""
				INSERT INTO introduction (token, referrer_email, owner_email, owner_name, segment, variant, state,
				  created_on, updated_at, intro_form)
				VALUES ('vt03', 'ann@acme.example', 'mia@introflow.example', 'Mia Rep', 'customer', 'a', 'ASKED',
				  DATE '2026-11-10', CURRENT_TIMESTAMP, 'direct')""");
	}

	@Test
	void storesTheTextWrittenUnderTheQuoteAndShowsItInTheIntroductionsStatus() throws Exception {
		Path inbox = Files.createDirectories(app.home().resolve("inbox"));
		Files.copy(VisibleTextFixturesTests.FIXTURES.resolve("03-gmail-bottom-posted.eml"), inbox.resolve("a.eml"));

		Installation.Run replies = app.run("replies", "--from-folder", inbox.toString(), "--date=2026-11-20");
		Installation.Run status = app.run("status", "--intro", "vt03");

		assertThat(replies.exitCode()).as(replies.out() + replies.err()).isZero();
		assertThat(app.query("SELECT classification, visible_text FROM inbound_message")).singleElement()
			.satisfies(row -> {
				assertThat(row.get("visible_text"))
					.isEqualTo("I might. Do you also work with companies outside the EU?\n\nAnn");
				assertThat(row.get("classification")).isEqualTo("QUESTION");
			});
		assertThat(status.exitCode()).as(status.err()).isZero();
		assertThat(status.out()).contains("question")
			.contains("ann@acme.example")
			.contains("| I might. Do you also work with companies outside the EU?\n")
			.contains("| Ann\n")
			.doesNotContain("would you know someone"); // the quoted ask is not what Ann
														// wrote
	}

	@Test
	void cutsTheVisibleTextToItsColumnAndTheStatusToAFewLines() throws Exception {
		StringBuilder body = new StringBuilder();
		for (int i = 1; i <= 400; i++) {
			body.append("Line ").append(i).append(" of a very long answer about the people I know.\n");
		}
		Path inbox = Files.createDirectories(app.home().resolve("inbox"));
		Files.writeString(inbox.resolve("long.eml"), """
				From: Ann Archer <ann@acme.example>
				To: <reply+vt03@reply.introflow.example>
				Subject: Re: Anyone who could use our help?
				Message-ID: <long@client.example>
				Content-Type: text/plain; charset=UTF-8

				""" + body);

		app.run("replies", "--from-folder", inbox.toString(), "--date=2026-11-20");
		Installation.Run status = app.run("status", "--intro", "vt03");

		String stored = (String) app.query("SELECT visible_text FROM inbound_message").get(0).get("visible_text");
		assertThat(stored).hasSize(4000).startsWith("Line 1 of");
		assertThat(status.out()).contains("| Line 4 of").doesNotContain("Line 5 of").contains("more lines)");
	}

}
