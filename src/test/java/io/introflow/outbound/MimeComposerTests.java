package io.introflow.outbound;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MimeComposerTests {

	private final MimeComposer composer = new MimeComposer(
			Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC));

	private static OutgoingEmail email(String toName, String subject, String replyTo) {
		return new OutgoingEmail("value.tok123@introflow.example", "maria@introflow.example", "María López",
				"alice@acme.example", toName, replyTo, subject, "Hi Alice,\nline two\n", "<p>Hi Alice</p>",
				"unsubscribe+tok123@reply.introflow.example");
	}

	@Test
	void writesOurMessageIdAndHeadersWithCrlfLineEndingsOnly() throws Exception {
		byte[] raw = composer.compose(email("Alice Ärcher", "Grüße from us", "reply+tok123@reply.introflow.example"));

		String text = new String(raw, StandardCharsets.US_ASCII);
		assertThat(text.replace("\r\n", "")).doesNotContain("\n", "\r");
		MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
		assertThat(parsed.getMessageID()).isEqualTo("<value.tok123@introflow.example>");
		assertThat(parsed.getSubject()).isEqualTo("Grüße from us");
		assertThat(parsed.getFrom()[0].toString()).contains("maria@introflow.example");
		assertThat(parsed.getRecipients(Message.RecipientType.TO)).hasSize(1);
		assertThat(parsed.getRecipients(Message.RecipientType.CC)).isNull();
		assertThat(parsed.getRecipients(Message.RecipientType.BCC)).isNull();
		assertThat(parsed.getReplyTo()[0].toString()).isEqualTo("reply+tok123@reply.introflow.example");
		assertThat(parsed.getHeader("List-Unsubscribe")[0])
			.isEqualTo("<mailto:unsubscribe+tok123@reply.introflow.example?subject=unsubscribe>");
		assertThat(parsed.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
		assertThat(parsed.isMimeType("multipart/alternative")).isTrue();
	}

	@Test
	void listsTheOneClickLinkFirstAndAnnouncesOneClickOnlyWhenTheEmailCarriesOne() throws Exception {
		OutgoingEmail email = email("Alice", "Hello", "reply+tok123@reply.introflow.example")
			.withOneClickUnsubscribe("https://intros.firm.example/unsubscribe/k7m2p9q4r8s3t6v5w2x9y4z7ab");

		MimeMessage oneClick = parse(composer.compose(email));
		MimeMessage mailtoOnly = parse(composer.compose(email.withOneClickUnsubscribe(null)));

		assertThat(oneClick.getHeader("List-Unsubscribe")[0])
			.isEqualTo("<https://intros.firm.example/unsubscribe/k7m2p9q4r8s3t6v5w2x9y4z7ab>, "
					+ "<mailto:unsubscribe+tok123@reply.introflow.example?subject=unsubscribe>");
		assertThat(oneClick.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		assertThat(mailtoOnly.getHeader("List-Unsubscribe"))
			.containsExactly("<mailto:unsubscribe+tok123@reply.introflow.example?subject=unsubscribe>");
		assertThat(mailtoOnly.getHeader("List-Unsubscribe-Post")).isNull();
	}

	@Test
	void refusesAOneClickLinkThatCouldEndTheHeaderOrTheList() {
		for (String bad : java.util.List.of("https://intros.firm.example/unsubscribe/tok\r\nBcc: eve@evil.example",
				"https://intros.firm.example/unsubscribe/tok>, <https://evil.example/",
				"https://intros.firm.example/unsubscribe/a b", "http://intros.firm.example/unsubscribe/tok",
				"https://intros.firm.example/unsubscribe/tok\u2028", "javascript:alert(1)")) {
			OutgoingEmail email = email("Alice", "Hello", "reply+tok123@reply.introflow.example")
				.withOneClickUnsubscribe(bad);
			assertThatThrownBy(() -> composer.compose(email)).as(bad)
				.isInstanceOf(UnsafeEmailException.class)
				.hasMessageContaining("List-Unsubscribe link")
				// the token is a secret: a refusal (which is logged) never names it
				.hasMessageNotContaining("tok");
		}
	}

	private static MimeMessage parse(byte[] raw) throws Exception {
		return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
	}

	@Test
	void attachesFilesAfterTheReadablePartsWithTheirExactBytes() throws Exception {
		byte[] pdf = "%PDF-1.4\n\u00e4 binary \u0000 bytes".getBytes(StandardCharsets.ISO_8859_1);
		OutgoingEmail email = email("Alice", "Hello", "reply+tok123@reply.introflow.example").withAttachments(
				java.util.List.of(new OutgoingEmail.Attachment("Checkliste Übergabe.pdf", "application/pdf", pdf)));

		byte[] raw = composer.compose(email);

		MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
		assertThat(parsed.isMimeType("multipart/mixed")).isTrue();
		jakarta.mail.Multipart mixed = (jakarta.mail.Multipart) parsed.getContent();
		assertThat(mixed.getCount()).isEqualTo(2);
		assertThat(mixed.getBodyPart(0).isMimeType("multipart/alternative")).isTrue();
		jakarta.mail.BodyPart file = mixed.getBodyPart(1);
		assertThat(file.isMimeType("application/pdf")).isTrue();
		assertThat(jakarta.mail.internet.MimeUtility.decodeText(file.getFileName()))
			.isEqualTo("Checkliste Übergabe.pdf");
		assertThat(file.getInputStream().readAllBytes()).isEqualTo(pdf);
	}

	@Test
	void refusesAnAttachmentNameThatWouldAddAHeader() {
		OutgoingEmail email = email("Alice", "Hello", "reply+tok123@reply.introflow.example")
			.withAttachments(java.util.List.of(new OutgoingEmail.Attachment("a.pdf\r\nBcc: eve@evil.example",
					"application/pdf", new byte[] { 1 })));

		assertThatThrownBy(() -> composer.compose(email)).isInstanceOf(UnsafeEmailException.class)
			.hasMessageContaining("attachment name");
	}

	@Test
	void sendsTheTextPartAsFormatFlowedAndKeepsItsSoftBreaks() throws Exception {
		OutgoingEmail flowed = new OutgoingEmail("value.tok123@introflow.example", "maria@introflow.example", "Maria",
				"alice@acme.example", "Alice", "reply+tok123@reply.introflow.example", "Hello",
				"Hi Alice, this paragraph goes on past the end of the first line, \nso it has a soft break.\n",
				"<p>Hi Alice</p>", "unsubscribe+tok123@reply.introflow.example");

		byte[] raw = composer.compose(flowed);

		MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
		jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) parsed.getContent();
		jakarta.mail.BodyPart text = parts.getBodyPart(0);
		jakarta.mail.internet.ContentType type = new jakarta.mail.internet.ContentType(text.getContentType());
		assertThat(type.getBaseType()).isEqualTo("text/plain");
		assertThat(type.getParameter("format")).isEqualTo("flowed");
		assertThat(type.getParameter("delsp")).isEqualTo("no");
		assertThat(type.getParameter("charset")).isEqualToIgnoringCase("UTF-8");
		assertThat((String) text.getContent()).contains("the first line, \r\nso it has");
		assertThat(parts.getBodyPart(1).getContentType()).doesNotContain("flowed");
	}

	@Test
	void refusesANameThatWouldAddAHeaderOrARecipient() {
		assertThatThrownBy(() -> composer
			.compose(email("Alice\r\nBcc: eve@evil.example", "Hello", "reply+tok123@reply.introflow.example")))
			.isInstanceOf(UnsafeEmailException.class)
			.hasMessageContaining("To name");
		assertThatThrownBy(() -> composer
			.compose(email("Alice\u2028Bcc: eve@evil.example", "Hello", "reply+tok123@reply.introflow.example")))
			.isInstanceOf(UnsafeEmailException.class);
	}

	@Test
	void refusesASubjectWithALineBreak() {
		assertThatThrownBy(() -> composer
			.compose(email("Alice", "Hello\nBcc: eve@evil.example", "reply+tok123@reply.introflow.example")))
			.isInstanceOf(UnsafeEmailException.class)
			.hasMessageContaining("Subject");
	}

	@Test
	void refusesAReplyToThatIsNotOneBareAddress() {
		assertThatThrownBy(
				() -> composer.compose(email("Alice", "Hello", "reply@reply.introflow.example, eve@evil.example")))
			.isInstanceOf(UnsafeEmailException.class)
			.hasMessageContaining("Reply-To");
		assertThatThrownBy(() -> composer.compose(email("Alice", "Hello", "Eve <eve@evil.example>")))
			.isInstanceOf(UnsafeEmailException.class);
	}

	@Test
	void foldsReferencesBetweenIdsOldestFirstAndAnswersTheLatest() throws Exception {
		java.util.List<String> thread = java.util.List.of("<ask.tok123@introflow.example>",
				"<nudge.tok123@introflow.example>", "<nudge-2.tok123@introflow.example>");
		OutgoingEmail nudge = email("Alice", "Re: An introduction?", "reply+tok123@reply.introflow.example")
			.inThread("Re: An introduction?", thread.get(2), thread);

		byte[] raw = composer.compose(nudge);

		String headers = new String(raw, StandardCharsets.US_ASCII).split("\r\n\r\n", 2)[0];
		assertThat(headers).contains("References: <ask.tok123@introflow.example>\r\n <nudge.tok123@introflow.example>");
		assertThat(headers)
			.contains("\r\n <nudge.tok123@introflow.example>\r\n <nudge-2.tok123@introflow.example>\r\n");
		MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
		assertThat(parsed.getHeader("In-Reply-To", null)).isEqualTo("<nudge-2.tok123@introflow.example>");
		assertThat(parsed.getHeader("References", " ").split("\\s+")).containsExactlyElementsOf(thread);
	}

	@Test
	void refusesAReferenceThatIsNotOneMessageId() {
		for (String bad : java.util.List.of("<ask.tok@x.example>\r\nBcc: eve@evil.example", "<a@x> <b@y>",
				"ask.tok@x.example", "<ask.tok@x.example>\u2028")) {
			OutgoingEmail email = email("Alice", "Hello", "reply+tok123@reply.introflow.example").inThread("Re: Hello",
					"<ask.tok123@introflow.example>", java.util.List.of(bad));
			assertThatThrownBy(() -> composer.compose(email)).as(bad)
				.isInstanceOf(UnsafeEmailException.class)
				.hasMessageContaining("References");
		}
	}

}
