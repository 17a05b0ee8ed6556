package io.introflow.inbound;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner hears every human reply, end to end through the CLI with real SMTP and IMAP
 * (GreenMail) and a real H2 database: a yes that asks moves the state and holds the
 * reminder, a reply to the value email changes no state and the ask still goes, and a
 * forward that fails is queued on the next run without reading the reply again.
 */
class OwnerHandOffTests {

	private static final String CLIENTS = """
			email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone
			alice@acme.example,Alice Archer,Acme Corp,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			bob@bolt.example,Bob Brown,Bolt Ltd,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			carol@cobalt.example,Carol Chen,Cobalt Partners,customer,james.okafor@introflow.example,James Okafor,customer,en,Europe/London
			""";

	private static final String TRIGGERS = """
			contact_email,type,occurred_at,note,prospect_name,prospect_email,prospect_company
			alice@acme.example,go_live,2026-03-01,Portal live,Paul Park,paul@prospect.example,Prospect Co
			bob@bolt.example,nps_promoter,2026-03-01,NPS 10,,,
			carol@cobalt.example,praise,2026-03-01,Kind words,,,
			""";

	private static final String MARIA = "maria.lopez@introflow.example";

	private static final String JAMES = "james.okafor@introflow.example";

	private static final String BOBS_EVENTS = "SELECT COUNT(*) FROM intro_event WHERE introduction_id = "
			+ "(SELECT id FROM introduction WHERE referrer_email = 'bob@bolt.example')";

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws Exception {
		app.inbox("clients.csv", CLIENTS);
		app.inbox("triggers.csv", TRIGGERS);
	}

	@Test
	void aYesThatAsksMovesTheStateReachesTheOwnerOnceAndHoldsTheReminder() throws Exception {
		nights("2026-03-02", "2026-03-04");
		String bobsReply = replyTo(app.inboxOf("bob@bolt.example").get(1),
				"Happy to help! But I never got the checklist... and is it OK if I mention your pricing?\n\n"
						+ "Bob\n\nOn Wed, Maria wrote:\n> Would you know someone?");
		replyTo(app.inboxOf("carol@cobalt.example").get(1), "No thanks, not right now.\n\nCarol");

		nights("2026-03-05");

		// the state moved and the steps that ask something are held
		assertThat(intro("bob@bolt.example")).containsEntry("state", "AGREED")
			.hasEntrySatisfying("hold_reason", r -> assertThat(r).isNotNull())
			.containsEntry("next_step", null);
		assertThat(app.query("SELECT classification, intents, forward_state FROM inbound_message WHERE sender = ?",
				"bob@bolt.example"))
			.singleElement()
			.satisfies(r -> assertThat(r).containsEntry("classification", "AGREED")
				.containsEntry("intents", "question")
				.containsEntry("forward_state", "FORWARDED"));
		// the owner hears it: the person's words, what was understood and done, and how
		// to correct it
		MimeMessage forward = forwardFrom(MARIA, "bob@bolt.example");
		String text = ReplyText.full(forward);
		assertThat(text)
			.contains("Happy to help! But I never got the checklist", "agreed, and also: question",
					"state ASKED -> AGREED", "held until the owner acts", "introflow intro release ",
					"introflow intro set ", "introflow replies reclassify ")
			.doesNotContain("Would you know someone?");
		assertThat(forward.getHeader("Auto-Submitted")).containsExactly("auto-generated");
		assertThat(forward.getHeader("In-Reply-To")).containsExactly(bobsReply);
		assertThat(forward.getContentType()).startsWith("multipart/mixed");
		// a plain no reaches its owner too
		assertThat(ReplyText.full(forwardFrom(JAMES, "carol@cobalt.example"))).contains("No thanks, not right now.",
				"What Introflow understood: declined", "state ASKED -> DECLINED");

		// weeks later (reminder due 03-16, give-up 03-19): nothing sent while held, and
		// no second forward
		nights("2026-03-25");
		assertThat(app.inboxOf("bob@bolt.example")).hasSize(2);
		assertThat(intro("bob@bolt.example")).containsEntry("state", "AGREED");
		assertThat(app.inboxOf(MARIA)).filteredOn(m -> replyTo(m).equals("bob@bolt.example")).hasSize(1);
		assertThat(app.inboxOf(JAMES)).hasSize(1);
	}

	@Test
	void aReplyToTheValueEmailIsForwardedChangesNoStateAndTheAskFollowsOnSchedule() throws Exception {
		nights("2026-03-02");
		replyTo(app.inboxOf("alice@acme.example").get(0), "Yes please, send it over!\n\nAlice");

		// the ask is due on 03-04: the reply is read first, then the ask goes as planned
		nights("2026-03-04");

		assertThat(app.query("SELECT classification, handling FROM inbound_message WHERE sender = ?",
				"alice@acme.example"))
			.singleElement()
			.satisfies(r -> assertThat(r).containsEntry("classification", "AGREED")
				.hasEntrySatisfying("handling", h -> assertThat((String) h).startsWith("no state change")));
		assertThat(app.count("SELECT COUNT(*) FROM intro_event WHERE type IN ('REJECTED_TRANSITION', 'NEEDS_OWNER')"))
			.isZero();
		assertThat(ReplyText.full(forwardFrom(MARIA, "alice@acme.example"))).contains("Yes please, send it over!",
				"no state change: a reply to the value email (state stays VALUE_SENT)");
		assertThat(app.inboxOf("alice@acme.example")).extracting(MimeMessage::getMessageID)
			.hasSize(2)
			.last()
			.satisfies(id -> assertThat(id).startsWith("<ask."));
		assertThat(intro("alice@acme.example")).containsEntry("state", "ASKED").containsEntry("hold_reason", null);
	}

	@Test
	void aForwardThatFailsIsQueuedOnTheNextRunAndTheReadingStays() throws Exception {
		nights("2026-03-02");
		// the owner's address is broken: the forward cannot be queued (the outbox refuses
		// an unsafe To)
		app.execute("UPDATE introduction SET owner_email = 'maria.lopez@@introflow.example' WHERE referrer_email = ?",
				"bob@bolt.example");
		replyTo(app.inboxOf("bob@bolt.example").get(0), "Thanks! Could you send the checklist again?\n\nBob");

		nights("2026-03-03");

		Map<String, Object> reply = app
			.query("SELECT id, classification, evidence, handling, forward_state, "
					+ "forward_error FROM inbound_message WHERE sender = ?", "bob@bolt.example")
			.get(0);
		assertThat(reply).containsEntry("classification", "QUESTION").containsEntry("forward_state", "OWED");
		assertThat((String) reply.get("forward_error")).contains("Unsafe");
		assertThat(intro("bob@bolt.example")).containsEntry("state", "VALUE_SENT")
			.hasEntrySatisfying("hold_reason", r -> assertThat(r).isNotNull());
		long events = app.count(BOBS_EVENTS);

		app.execute("UPDATE introduction SET owner_email = ? WHERE referrer_email = ?", MARIA, "bob@bolt.example");
		nights("2026-03-04");

		assertThat(ReplyText.full(forwardFrom(MARIA, "bob@bolt.example"))).contains(
				"Could you send the checklist again?", "What Introflow understood: question",
				"held until the owner acts");
		Map<String, Object> after = app
			.query("SELECT id, classification, evidence, handling, forward_state "
					+ "FROM inbound_message WHERE sender = ?", "bob@bolt.example")
			.get(0);
		assertThat(after).containsEntry("forward_state", "FORWARDED")
			.containsEntry("classification", reply.get("classification"))
			.containsEntry("evidence", reply.get("evidence"))
			.containsEntry("handling", reply.get("handling"));
		// only the forward was added: no move, no new reading; and the question held the
		// ask
		assertThat(app.query("SELECT type FROM intro_event WHERE introduction_id = (SELECT id FROM introduction "
				+ "WHERE referrer_email = 'bob@bolt.example') ORDER BY id"))
			.extracting(r -> r.get("type"))
			.endsWith("NEEDS_OWNER", "FORWARDED_TO_OWNER");
		assertThat(app.count(BOBS_EVENTS)).isEqualTo(events + 1);
		assertThat(app.inboxOf("bob@bolt.example")).hasSize(1);
	}

	private void nights(String... dates) {
		for (String date : dates) {
			Installation.Run run = app.run("run", "nightly", "--date=" + date);
			assertThat(run.exitCode()).as("night %s: %s", date, run.err()).isZero();
		}
	}

	private Map<String, Object> intro(String referrer) throws Exception {
		return app.query("SELECT state, hold_reason, next_step FROM introduction WHERE referrer_email = ?", referrer)
			.get(0);
	}

	private MimeMessage forwardFrom(String owner, String person) {
		List<MimeMessage> forwards = app.inboxOf(owner).stream().filter(m -> replyTo(m).equals(person)).toList();
		assertThat(forwards).as("forwards of %s's reply to %s", person, owner).hasSize(1);
		return forwards.get(0);
	}

	private static String replyTo(MimeMessage m) {
		try {
			return ((InternetAddress) m.getReplyTo()[0]).getAddress();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Answers a received email as a mail program does, over SMTP; returns the answer's
	 * Message-ID.
	 */
	private String replyTo(MimeMessage received, String text) throws Exception {
		Properties p = new Properties();
		p.put("mail.smtp.host", "127.0.0.1");
		p.put("mail.smtp.port", String.valueOf(app.mail().smtpPort()));
		MimeMessage message = new MimeMessage(Session.getInstance(p));
		message.setFrom(((InternetAddress) received.getRecipients(Message.RecipientType.TO)[0]).getAddress());
		message.addRecipient(Message.RecipientType.TO, received.getReplyTo()[0]);
		message.setSubject("Re: " + received.getSubject(), "UTF-8");
		message.setText(text, "UTF-8");
		message.setHeader("In-Reply-To", received.getMessageID());
		message.setHeader("References", received.getMessageID());
		message.saveChanges();
		Transport.send(message);
		return message.getMessageID();
	}

}
