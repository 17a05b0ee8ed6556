package io.introflow.outbound;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMailUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contact data written to attack the mail: a display name that looks like a header, HTML
 * in a company, a line break in a name (in the file, and smuggled into the database). The
 * raw messages GreenMail receives show none of it works.
 */
class HeaderInjectionTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws IOException {
		app.inbox("clients.csv",
				"""
						email,name,company,relationship,owner_email,owner_name
						eve@eve.example,"Eve ""Bcc: spy@evil.example"" <spy@evil.example>",<script>alert(1)</script> & Co,customer,maria@introflow.example,Maria Lopez
						bob@bolt.example,Bob Brown,Bolt,customer,maria@introflow.example,Maria Lopez
						"crlf@crlf.example","Carl
						Bcc: spy@evil.example",Crlf Inc,customer,maria@introflow.example,Maria Lopez
						""");
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at
				eve@eve.example,praise,2026-03-01
				bob@bolt.example,praise,2026-03-01
				crlf@crlf.example,praise,2026-03-01
				""");
	}

	@Test
	void aDisplayNameThatLooksLikeAHeaderStaysOneQuotedNameAndHtmlIsEscaped() throws Exception {
		Installation.Run value = app.run("run", "nightly", "--date=2026-03-02");
		// the ask two business days later shows her company (in its prefilled intro)
		Installation.Run ask = app.run("run", "nightly", "--date=2026-03-04");

		assertThat(value.exitCode()).as(value.err()).isZero();
		assertThat(ask.exitCode()).as(ask.err()).isZero();
		assertThat(app.inboxOf("spy@evil.example")).isEmpty();
		List<MimeMessage> received = app.inboxOf("eve@eve.example");
		assertThat(received).hasSize(2);
		for (MimeMessage eve : received) {
			String raw = GreenMailUtil.getWholeMessage(eve);
			String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
			assertThat(headers.lines()).noneMatch(l -> l.regionMatches(true, 0, "Bcc:", 0, 4))
				.noneMatch(l -> l.regionMatches(true, 0, "Cc:", 0, 3));
			assertThat(eve.getAllRecipients()).hasSize(1);
			assertThat(eve.getAllRecipients()[0].toString()).endsWith("<eve@eve.example>");
		}
		jakarta.mail.Multipart parts = (jakarta.mail.Multipart) received.get(1).getContent();
		String html = (String) parts.getBodyPart(1).getContent();
		assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co").doesNotContain("<script>");
	}

	@Test
	void aNameWithALineBreakIsRejectedAtImportAndNeverMailed() throws Exception {
		app.run("run", "nightly", "--date=2026-03-02");

		assertThat(Files.readString(app.home().resolve("reports/rejects-2026-03-02.csv")))
			.contains("clients.csv,4,name,", "contains a line break or control character");
		assertThat(app.inboxOf("crlf@crlf.example")).isEmpty();
	}

	@Test
	void aLineBreakSmuggledIntoTheDatabaseStopsThatEmailOnlyAndIsRecorded() throws Exception {
		app.run("run", "nightly", "--date=2026-03-02");
		app.execute("UPDATE contact SET name = 'Bob' || CHAR(13) || CHAR(10) || 'Bcc: spy@evil.example' "
				+ "WHERE email = 'bob@bolt.example'");

		Installation.Run ask = app.run("run", "nightly", "--date=2026-03-04");

		assertThat(ask.exitCode()).as(ask.err()).isZero();
		assertThat(ask.out()).contains("1 emails queued, 1 could not be composed");
		assertThat(app.inboxOf("bob@bolt.example")).hasSize(1);
		assertThat(app.inboxOf("eve@eve.example")).hasSize(2);
		assertThat(app.inboxOf("spy@evil.example")).isEmpty();
		assertThat(app.query("SELECT e.detail FROM intro_event e JOIN introduction i ON i.id = e.introduction_id "
				+ "WHERE e.type = 'STEP_FAILED' AND i.referrer_email = 'bob@bolt.example'"))
			.singleElement()
			.satisfies(row -> assertThat((String) row.get("detail")).startsWith("ask: ")
				.contains("renders a line break (U+000D) into a one-line part"));
	}

	private static MimeMessage single(List<MimeMessage> messages) {
		assertThat(messages).hasSize(1);
		return messages.get(0);
	}

}
