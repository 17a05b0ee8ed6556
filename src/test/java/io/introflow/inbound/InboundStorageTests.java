package io.introflow.inbound;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storing and reading hostile or unusual inbound mail through
 * {@code introflow replies --from-folder}: one message per content (trace headers aside),
 * whatever its Message-ID; a message beyond the reading limits is kept, marked
 * {@code UNREADABLE} with the reason, and never stops the others.
 */
class InboundStorageTests {

	static final String TO = "Mia Rep <reply+t1ann@reply.introflow.example>";

	static final String ANN = "Ann Archer <ann@acme.example>";

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	Path folder;

	@BeforeEach
	void install() throws Exception {
		app.run("status"); // creates the database
		app.execute("""
				INSERT INTO introduction (token, referrer_email, owner_email, owner_name, segment, variant, state,
				  created_on, updated_at, intro_form)
				VALUES ('t1ann', 'ann@acme.example', 'mia@introflow.example', 'Mia Rep', 'customer', 'a', 'ASKED',
				  DATE '2026-11-10', CURRENT_TIMESTAMP, 'direct')""");
		folder = Files.createDirectories(app.home().resolve("mail-in"));
	}

	private Installation.Run replies(Map<String, Object> extra) {
		Map<String, Object> settings = new LinkedHashMap<>(app.settings());
		settings.putAll(extra);
		return app.run(settings, "replies", "--from-folder", folder.toString(), "--date=2026-11-20");
	}

	private void write(String name, String content) throws Exception {
		Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
	}

	@Test
	void keepsADeeplyNestedMessageAsUnreadableAndReadsTheMessagesAroundIt() throws Exception {
		Files.copy(ReplyFixturesTests.FIXTURES.resolve("agreed/01-gmail-yes.eml"), folder.resolve("1-agreed.eml"));
		write("2-nested.eml", Mails.nested(10_000));
		Files.copy(ReplyFixturesTests.FIXTURES.resolve("bounce/07-exim.eml"), folder.resolve("3-bounce.eml"));

		Installation.Run run = replies(Map.of());

		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		List<Map<String, Object>> rows = app
			.query("SELECT source, classification, evidence, raw_size FROM inbound_message ORDER BY source");
		assertThat(rows).extracting(r -> r.get("classification")).containsExactly("AGREED", "UNREADABLE", "BOUNCE");
		assertThat((Long) rows.get(1).get("raw_size")).isGreaterThan(600_000);
		assertThat((String) rows.get(1).get("evidence")).contains("nested deeper than 20 levels");
		assertThat(run.out()).contains("UNREADABLE (kept, not interpreted)").contains("2-nested.eml");
	}

	@Test
	void storesOneMessageWhenTheSameReplyReachedTwoAddresses() throws Exception {
		String body = "Yes, happy to help.";
		write("a.eml",
				Mails.reply("<same@acme.example>", ANN, TO, body,
						"Return-Path: <ann@acme.example>\r\nDelivered-To: reply+t1ann@reply.introflow.example\r\n"
								+ "Received: from mx1.acme.example by mx.reply.introflow.example;\r\n"
								+ "\tFri, 20 Nov 2026 09:14:05 +0100\r\n"));
		// the second copy came through another relay to another address, and was stored
		// with bare LF line ends
		write("b.eml",
				Mails
					.reply("<same@acme.example>", ANN, TO, body,
							"Return-Path: <ann@acme.example>\r\nX-Original-To: intro+t1ann@reply.introflow.example\r\n"
									+ "Delivered-To: intro+t1ann@reply.introflow.example\r\n"
									+ "Received: from mx2.acme.example by mx2.reply.introflow.example;\r\n"
									+ "\tFri, 20 Nov 2026 09:14:09 +0100\r\n")
					.replace("\r\n", "\n"));

		Installation.Run run = replies(Map.of());

		assertThat(run.out()).as(run.err()).contains("1 new messages stored");
		assertThat(app.count("SELECT COUNT(*) FROM inbound_message")).isOne();
	}

	@Test
	void storesEveryMessageThatSharesAMessageIdWithAnother() throws Exception {
		write("a.eml", Mails.reply("<dup@acme.example>", ANN, TO, "Yes, happy to help.", ""));
		write("b.eml", Mails.reply("<dup@acme.example>", ANN, TO, "No, sorry, not this time.", ""));

		Installation.Run run = replies(Map.of());

		assertThat(run.out()).as(run.err()).contains("2 new messages stored");
		assertThat(app.query("SELECT message_id, classification FROM inbound_message ORDER BY id"))
			.extracting(r -> r.get("message_id") + " " + r.get("classification"))
			.containsExactly("<dup@acme.example> AGREED", "<dup@acme.example> DECLINED");
	}

	@Test
	void storesAndReadsMessagesWhateverTheirMessageId() throws Exception {
		List<String> ids = List.of("<>", "no-angle-brackets", "<one@acme.example> <two@acme.example>",
				"<nul\u0000inside@acme.example>", "<" + "x".repeat(2000) + "@acme.example>");
		for (int i = 0; i < ids.size(); i++) {
			write(i + ".eml", Mails.reply(ids.get(i), ANN, TO, "Yes, happy to help.", ""));
		}
		write("none.eml", Mails.reply(null, ANN, TO, "Yes, happy to help.", ""));

		Installation.Run run = replies(Map.of());

		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		List<Map<String, Object>> rows = app
			.query("SELECT message_id, classification FROM inbound_message ORDER BY source");
		assertThat(rows).hasSize(6).allSatisfy(r -> assertThat(r.get("classification")).isEqualTo("AGREED"));
		assertThat(rows).extracting(r -> (String) r.get("message_id"))
			.containsExactly("<>", "no-angle-brackets", "<one@acme.example> <two@acme.example>",
					"<nul inside@acme.example>", "<" + "x".repeat(249), null);
	}

	@Test
	void recognisesANewCopyOfAMessageStoredUnderItsMessageIdBeforeContentKeys() throws Exception {
		String reply = Mails.reply("<old@acme.example>", ANN, TO, "Yes, happy to help.", "");
		app.execute(
				"""
						INSERT INTO inbound_message (message_key, message_id, raw, raw_size, source, received_at, classification,
						  processed_at) VALUES ('<old@acme.example>', '<old@acme.example>', ?, 10, 'before', CURRENT_TIMESTAMP,
						  'AGREED', CURRENT_TIMESTAMP)""",
				("Received: by an older relay\r\n" + reply).getBytes(StandardCharsets.UTF_8));
		write("again.eml", "Received: by a newer relay\r\n" + reply);

		Installation.Run run = replies(Map.of());

		assertThat(run.out()).as(run.err()).contains("0 new messages stored");
		assertThat(app.count("SELECT COUNT(*) FROM inbound_message")).isOne();
	}

	@Test
	void givesUpOnAMessageThatTakesLongerThanItsTimeBudget() throws Exception {
		Mails.withAttachment(folder.resolve("slow.eml"), "<slow@acme.example>", TO, "What does it cost?", 8_000_000);

		Installation.Run run = replies(Map.of("introflow.inbound.limits.time-per-message", "1ms"));

		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		assertThat(app.query("SELECT classification, evidence FROM inbound_message"))
			.extracting(r -> r.get("classification") + ": " + r.get("evidence"))
			.containsExactly("UNREADABLE: not read within 1 ms (introflow.inbound.limits.time-per-message)");
	}

	@Test
	void forwardsALargeOriginalWithItsHeadersOnlyAndASmallOneWithLfLineEndsAsCrlf() throws Exception {
		write("1-small.eml",
				Mails.reply("<small@acme.example>", ANN, TO, "What kind of companies?", "").replace("\r\n", "\n"));
		Mails.withAttachment(folder.resolve("2-large.eml"), "<large@acme.example>", TO,
				"What does it cost? See the slides.", 2_000_000);

		Installation.Run run = replies(Map.of());
		Installation.Run send = app.run("send");

		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
		assertThat(app.query("SELECT state FROM outbound_email")).extracting(r -> r.get("state"))
			.containsExactly("SENT", "SENT");
		List<MimeMessage> forwards = app.inboxOf("mia@introflow.example");
		assertThat(forwards).hasSize(2);
		MimeMessage small = forwards.get(0).getMessageID().contains("forward-1.") ? forwards.get(0) : forwards.get(1);
		MimeMessage large = (small == forwards.get(0)) ? forwards.get(1) : forwards.get(0);
		assertThat(ReplyText.full(small)).contains("What kind of companies?").contains("The original is attached.");
		assertThat(((Multipart) small.getContent()).getBodyPart(1).getContentType()).startsWith("message/rfc822");
		assertThat(ReplyText.full(large)).contains("is larger than 1048576 bytes: its headers are attached")
			.contains("stored as inbound message 2");
		assertThat(large.getSize()).isLessThan(100_000);
	}

	@Test
	void helpSaysAMaildirIsChangedAndAnEmlFolderIsNot() {
		Installation.Run help = app.run("replies", "--help");

		assertThat(help.out().replaceAll("\\s+", " "))
			.contains("A Maildir (each stored message is moved from new/ to cur/")
			.contains("a folder of .eml files (read, never changed)");
	}

}
