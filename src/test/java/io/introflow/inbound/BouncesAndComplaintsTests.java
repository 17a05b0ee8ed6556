package io.introflow.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures to deliver and complaints, through the CLI: a relay that refuses recipients at
 * send time (an unknown user, a full mailbox), bounces of a full mailbox read from the
 * mailbox later, and an ARF complaint report.
 */
class BouncesAndComplaintsTests {

	private static final String UNKNOWN = "550 5.1.1 <ghost@bad.example>: Recipient address rejected: User unknown";

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	SMTPServer relay;

	@BeforeEach
	void install() throws IOException {
		relay = SMTPServer.port(0).messageHandlerFactory(this::handler).build();
		relay.start();
	}

	@AfterEach
	void stop() {
		relay.stop();
	}

	/**
	 * Refuses ghost@ (unknown user) and full@ (mailbox full) at RCPT TO; accepts the
	 * rest.
	 */
	private MessageHandler handler(MessageContext context) {
		return new MessageHandler() {

			@Override
			public void from(String from) {
			}

			@Override
			public void recipient(String to) throws RejectException {
				if (to.startsWith("ghost@")) {
					throw new RejectException(550, UNKNOWN.substring(4));
				}
				if (to.startsWith("full@")) {
					throw new RejectException(552, "5.2.2 <" + to + ">: Mailbox full, over quota");
				}
			}

			@Override
			public String data(InputStream data) throws IOException {
				data.transferTo(java.io.OutputStream.nullOutputStream());
				return null;
			}

			@Override
			public void done() {
			}

		};
	}

	private Map<String, Object> settings(int softCount) {
		Map<String, Object> settings = new LinkedHashMap<>(app.settings());
		settings.put("introflow.smtp.port", String.valueOf(relay.getPortAllocated()));
		settings.put("introflow.replies.soft-bounce.count", String.valueOf(softCount));
		settings.put("introflow.replies.soft-bounce.days", "30");
		return settings;
	}

	@Test
	void aRecipientRefusedAtSendTimeBouncesTheIntroductionWithTheServersWordsAndIsReportedInItsNightOnly()
			throws Exception {
		app.inbox("clients.csv", """
				email,name,relationship,owner_email
				ghost@bad.example,Ghost,customer,maria@introflow.example
				full@good.example,Fuller,customer,maria@introflow.example
				ok@good.example,Okay,customer,maria@introflow.example
				""");
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at
				ghost@bad.example,praise,2026-03-01
				full@good.example,praise,2026-03-01
				ok@good.example,praise,2026-03-01
				""");

		Installation.Run night = app.run(settings(2), "run", "nightly", "--date=2026-03-02");

		assertThat(night.exitCode()).as(night.out() + night.err()).isZero();
		// the server's full reply, not Angus Mail's "Invalid Addresses"
		assertThat(error("ghost@bad.example")).isEqualTo(UNKNOWN);
		assertThat(state("ghost@bad.example")).isEqualTo("BOUNCED");
		assertThat(app.query("""
				SELECT e.type, e.to_state, e.detail FROM intro_event e JOIN introduction i ON i.id = e.introduction_id
				WHERE i.referrer_email = 'ghost@bad.example' AND e.to_state = 'BOUNCED'""")).singleElement()
			.satisfies(e -> assertThat(String.valueOf(e.get("detail"))).contains(UNKNOWN));
		assertThat(suppressions()).containsExactly(Map.of("email", "ghost@bad.example", "reason", "hard_bounce"));
		// a full mailbox is soft: recorded, the address stays, the introduction stays
		// open
		assertThat(error("full@good.example")).startsWith("552 5.2.2").contains("Mailbox full");
		assertThat(state("full@good.example")).isNotEqualTo("BOUNCED");
		assertThat(events("full@good.example", "SOFT_BOUNCE")).singleElement()
			.satisfies(d -> assertThat(d).contains("mailbox_full"));
		Path report = app.home().resolve("reports/nightly-2026-03-02.txt");
		assertThat(Files.readString(report)).contains("Failed emails\n  outbound ")
			.contains(UNKNOWN)
			.contains("full@good.example");

		// the next night: nothing new failed, so nothing is listed again
		Installation.Run next = app.run(settings(2), "run", "nightly", "--date=2026-03-03");

		assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
		assertThat(Files.readString(app.home().resolve("reports/nightly-2026-03-03.txt")))
			.doesNotContain("Failed emails")
			.doesNotContain("ghost@bad.example");

		// a mailbox-full bounce read from the mailbox is the second soft bounce of full@:
		// with count 2, suppressed
		Path folder = Files.createDirectories(app.home().resolve("bounces"));
		Files.writeString(folder.resolve("1.eml"), mailboxFull("full@good.example", token("full@good.example"), 1));
		Installation.Run replies = app.run(settings(2), "replies", "--from-folder", folder.toString(),
				"--date=2026-03-04");

		assertThat(replies.exitCode()).as(replies.out() + replies.err()).isZero();
		assertThat(app.query("SELECT classification FROM inbound_message")).singleElement()
			.satisfies(r -> assertThat(r.get("classification")).isEqualTo("BOUNCE"));
		assertThat(suppressions()).contains(Map.of("email", "full@good.example", "reason", "soft_bounces"));
		assertThat(state("full@good.example")).isNotEqualTo("BOUNCED");
	}

	@Test
	void mailboxFullBouncesSuppressNothingTheFirstTimesAndSuppressAtTheConfiguredCount() throws Exception {
		app.run("status"); // creates the database
		introduction("t1full", "full@good.example");
		Path folder = Files.createDirectories(app.home().resolve("bounces"));

		for (int n = 1; n <= 3; n++) {
			Files.writeString(folder.resolve(n + ".eml"), mailboxFull("full@good.example", "t1full", n));
			Installation.Run run = app.run(settings(3), "replies", "--from-folder", folder.toString(),
					"--date=2026-11-2" + n);
			assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
			assertThat(app.count("SELECT COUNT(*) FROM suppression")).as("after bounce %d", n).isEqualTo(n < 3 ? 0 : 1);
		}

		assertThat(app.query("SELECT classification FROM inbound_message")).hasSize(3)
			.allSatisfy(r -> assertThat(r.get("classification")).isEqualTo("BOUNCE"));
		assertThat(suppressions()).containsExactly(Map.of("email", "full@good.example", "reason", "soft_bounces"));
		assertThat(events("full@good.example", "SOFT_BOUNCE")).hasSize(3);
		assertThat(state("full@good.example")).isEqualTo("ASKED");
	}

	@Test
	void anArfComplaintSuppressesTheComplainantAndReachesTheOwner() throws Exception {
		app.run("status");
		introduction("t9gus", "gus@gus.example");
		Path folder = Files.createDirectories(app.home().resolve("complaints"));
		Files.copy(ReplyFixturesTests.FIXTURES.resolve("complaint/01-arf-rfc5965-abuse.eml"), folder.resolve("1.eml"));

		Installation.Run replies = app.run("replies", "--from-folder", folder.toString(), "--date=2026-11-20");
		Installation.Run send = app.run("send");

		assertThat(replies.exitCode()).as(replies.out() + replies.err()).isZero();
		assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
		assertThat(app.query("SELECT classification, forward_state FROM inbound_message")).singleElement()
			.satisfies(r -> assertThat(r).containsEntry("classification", "COMPLAINT")
				.containsEntry("forward_state", "FORWARDED"));
		assertThat(suppressions()).containsExactly(Map.of("email", "gus@gus.example", "reason", "complaint"));
		assertThat(events("gus@gus.example", "COMPLAINT")).singleElement()
			.satisfies(d -> assertThat(d).contains("abuse"));
		assertThat(app.inboxOf("mia@introflow.example")).extracting(m -> m.getSubject())
			.anyMatch(s -> s.startsWith("Reply (complaint)"));
		assertThat(app.inboxOf("gus@gus.example")).isEmpty();
	}

	private void introduction(String token, String referrer) throws Exception {
		app.execute("""
				INSERT INTO introduction (token, referrer_email, owner_email, owner_name, segment, variant, state,
				  created_on, updated_at, intro_form)
				VALUES (?, ?, 'mia@introflow.example', 'Mia Rep', 'customer', 'a', 'ASKED', DATE '2026-11-10',
				  CURRENT_TIMESTAMP, 'direct')""", token, referrer);
	}

	/** A Postfix-style delivery status notification: the mailbox is full (552 5.2.2). */
	private static String mailboxFull(String recipient, String token, int n) {
		return """
				Return-Path: <>
				From: MAILER-DAEMON@mx.good.example (Mail Delivery System)
				To: bounce+%2$s@reply.introflow.example
				Subject: Undelivered Mail Returned to Sender
				Date: Tue, 17 Nov 2026 10:02:06 +0000
				Message-ID: <full-%3$d@mx.good.example>
				Auto-Submitted: auto-replied
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=delivery-status; boundary="b%3$d"

				--b%3$d
				Content-Type: text/plain; charset=us-ascii

				<%1$s>: host mx.good.example said: 552 5.2.2 <%1$s>: Mailbox full, over quota

				--b%3$d
				Content-Type: message/delivery-status

				Reporting-MTA: dns; mx.good.example

				Final-Recipient: rfc822; %1$s
				Action: failed
				Status: 5.2.2
				Diagnostic-Code: smtp; 552 5.2.2 <%1$s>: Mailbox full, over quota

				--b%3$d
				Content-Type: text/rfc822-headers

				From: Mia Rep <mia@introflow.example>
				To: %1$s
				Subject: Anyone who could use our help?
				Message-ID: <ask.%2$s@introflow.example>

				--b%3$d--
				""".formatted(recipient, token, n).replace("\n", "\r\n");
	}

	private String error(String recipient) throws Exception {
		return String.valueOf(app.query("SELECT last_error FROM outbound_email WHERE recipient = ?", recipient)
			.get(0)
			.get("last_error"));
	}

	private String state(String referrer) throws Exception {
		return String.valueOf(
				app.query("SELECT state FROM introduction WHERE referrer_email = ?", referrer).get(0).get("state"));
	}

	private String token(String referrer) throws Exception {
		return String.valueOf(
				app.query("SELECT token FROM introduction WHERE referrer_email = ?", referrer).get(0).get("token"));
	}

	private List<String> events(String referrer, String type) throws Exception {
		return app.query("""
				SELECT e.detail FROM intro_event e JOIN introduction i ON i.id = e.introduction_id
				WHERE i.referrer_email = ? AND e.type = ? ORDER BY e.id""", referrer, type)
			.stream()
			.map(r -> String.valueOf(r.get("detail")))
			.toList();
	}

	private List<Map<String, Object>> suppressions() throws Exception {
		return app.query("SELECT email, reason FROM suppression ORDER BY email")
			.stream()
			.map(r -> Map.<String, Object>of("email", r.get("email"), "reason", r.get("reason")))
			.toList();
	}

}
