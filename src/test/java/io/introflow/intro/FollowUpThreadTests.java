package io.introflow.intro;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

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
 * Nudges and reminders go as replies in the ask's thread, as the referrer's mail program
 * receives them from a real SMTP server (GreenMail): In-Reply-To, References and "Re: "
 * with the subject that was sent. Nights run on the days the customer sequence is due:
 * value on Monday 5 January 2026, ask two business days later, nudges five after.
 */
class FollowUpThreadTests {

	private static final String SILENT = "sam@quiet.example";

	private static final String AGREEING = "yara@agree.example";

	private static final String TO_THE_OWNER = "theo@direct.example";

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws IOException {
		app.inbox("clients.csv",
				"""
						email,name,company,relationship,owner_email,owner_name,locale,since,country
						sam@quiet.example,Sam Silent,Quiet Ltd,customer,maria.lopez@introflow.example,Maria Lopez,en,2020-01-01,GB
						yara@agree.example,Yara Yes,Agree Ltd,customer,maria.lopez@introflow.example,Maria Lopez,en,2020-01-01,GB
						theo@direct.example,Theo Direct,Direct Ltd,customer,maria.lopez@introflow.example,Maria Lopez,en,2020-01-01,GB
						""");
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at
				sam@quiet.example,nps_promoter,2026-01-02
				yara@agree.example,go_live,2026-01-02
				theo@direct.example,renewal,2026-01-02
				""");
	}

	/**
	 * One installation, two referrers, six nights: Sam never answers and gets two nudges;
	 * Yara answers the first nudge with a yes (as her mail program replies: to Reply-To,
	 * in the nudge's thread) and gets the reminder; Theo writes to the owner's own
	 * address, whose mailbox passes a copy to the tracking mailbox: only the thread ties
	 * it to his introduction.
	 */
	@Test
	void nudgesAndTheReminderAnswerTheLatestEmailOfTheAsksThreadAndAReplyToANudgeStillMovesTheIntroduction()
			throws Exception {
		night("2026-01-05", "2026-01-07", "2026-01-14");
		MimeMessage ask = only(SILENT, "ask");
		MimeMessage nudge = only(SILENT, "nudge");

		// the nudge answers the ask
		assertThat(nudge.getHeader("In-Reply-To", null)).isEqualTo(ask.getMessageID());
		assertThat(ids(nudge)).containsExactly(ask.getMessageID());
		assertThat(nudge.getSubject()).isEqualTo("Re: " + ask.getSubject());

		MimeMessage yarasAsk = only(AGREEING, "ask");
		MimeMessage yarasNudge = only(AGREEING, "nudge");
		MimeMessage reply = new MimeMessage(session());
		reply.setFrom(new InternetAddress(AGREEING, "Yara Yes"));
		reply.setRecipients(MimeMessage.RecipientType.TO, yarasNudge.getReplyTo());
		reply.setSubject("Re: " + yarasNudge.getSubject());
		reply.setHeader("In-Reply-To", yarasNudge.getMessageID());
		reply.setHeader("References", yarasAsk.getMessageID() + " " + yarasNudge.getMessageID());
		reply.setText("Yes, happy to. Let me think about who fits best.\n\nYara\n");
		Transport.send(reply);
		MimeMessage theosNudge = only(TO_THE_OWNER, "nudge");
		MimeMessage direct = new MimeMessage(session());
		direct.setFrom(new InternetAddress(TO_THE_OWNER, "Theo Direct"));
		direct.setRecipients(MimeMessage.RecipientType.TO, "Maria Lopez <maria.lopez@introflow.example>");
		direct.setSubject("Re: " + theosNudge.getSubject());
		direct.setHeader("In-Reply-To", theosNudge.getMessageID());
		direct.setHeader("References", only(TO_THE_OWNER, "ask").getMessageID() + " " + theosNudge.getMessageID());
		direct.setText("Sure, I'd be glad to introduce you.\n\nTheo\n");
		Transport.send(direct, new InternetAddress[] { new InternetAddress(app.mail().trackingUser()) });
		night("2026-01-15");

		assertThat(app.query("SELECT state FROM introduction WHERE referrer_email = ?", TO_THE_OWNER))
			.containsExactly(Map.of("state", "AGREED"));
		assertThat(app.query("SELECT evidence FROM inbound_message WHERE sender = ?", TO_THE_OWNER)).singleElement()
			.satisfies(row -> assertThat((String) row.get("evidence"))
				.contains("matched via THREAD (" + theosNudge.getMessageID() + ")"));

		// the reply to the nudge moves Yara's introduction as a reply to the ask would
		assertThat(app.query("SELECT state FROM introduction WHERE referrer_email = ?", AGREEING))
			.containsExactly(Map.of("state", "AGREED"));

		night("2026-01-21", "2026-01-26");
		MimeMessage second = only(SILENT, "last-nudge");

		// the second nudge answers the first, and the thread lists both, oldest first
		assertThat(second.getHeader("In-Reply-To", null)).isEqualTo(nudge.getMessageID());
		assertThat(ids(second)).containsExactly(ask.getMessageID(), nudge.getMessageID());
		assertThat(second.getSubject()).isEqualTo("Re: " + ask.getSubject()).doesNotContain("Re: Re:");

		// the reminder (said yes, no intro after 7 business days) follows the ask's
		// thread, under the nudge
		MimeMessage reminder = only(AGREEING, "reminder");
		assertThat(reminder.getHeader("In-Reply-To", null)).isEqualTo(yarasNudge.getMessageID());
		assertThat(ids(reminder)).containsExactly(yarasAsk.getMessageID(), yarasNudge.getMessageID());
		assertThat(reminder.getSubject()).isEqualTo("Re: " + yarasAsk.getSubject());
	}

	@Test
	void aNudgeAfterAnAskThatFailedStartsANewThreadWithoutClaimingToBeAReply() throws Exception {
		night("2026-01-05");
		SMTPServer refusing = SMTPServer.port(0).messageHandlerFactory(FollowUpThreadTests::refuseEverything).build();
		refusing.start();
		try {
			Map<String, Object> settings = new LinkedHashMap<>(app.settings());
			settings.put("introflow.smtp.port", String.valueOf(refusing.getPortAllocated()));
			app.run(settings, "run", "nightly", "--date=2026-01-07");
		}
		finally {
			refusing.stop();
		}
		assertThat(app.query("SELECT state FROM outbound_email WHERE step_key = 'ask' AND recipient = ?", SILENT))
			.containsExactly(Map.of("state", "FAILED"));

		night("2026-01-14");
		MimeMessage nudge = only(SILENT, "nudge");

		assertThat(nudge.getHeader("In-Reply-To")).isNull();
		assertThat(nudge.getHeader("References")).isNull();
		assertThat(nudge.getSubject()).doesNotStartWithIgnoringCase("re:").isNotBlank();
	}

	private void night(String... dates) {
		for (String date : dates) {
			Installation.Run run = app.run("run", "nightly", "--date=" + date);
			assertThat(run.exitCode()).as(date + ": " + run.out() + run.err()).isZero();
		}
	}

	/** The one email of this step key the referrer received. */
	private MimeMessage only(String referrer, String stepKey) throws MessagingException {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage m : app.inboxOf(referrer)) {
			if (m.getMessageID().startsWith("<" + stepKey + ".")) {
				found.add(m);
			}
		}
		assertThat(found).as("emails %s received by %s", stepKey, referrer).hasSize(1);
		return found.get(0);
	}

	/** The Message-IDs in References, in order (unfolded). */
	private static List<String> ids(MimeMessage m) throws MessagingException {
		String references = m.getHeader("References", " ");
		assertThat(references).as("References of " + m.getMessageID()).isNotNull();
		return List.of(references.trim().split("\\s+"));
	}

	private Session session() {
		Properties p = new Properties();
		p.put("mail.smtp.host", "127.0.0.1");
		p.put("mail.smtp.port", String.valueOf(app.mail().smtpPort()));
		return Session.getInstance(p);
	}

	/**
	 * A relay that takes the envelope and refuses every message after DATA, as a content
	 * filter does.
	 */
	private static MessageHandler refuseEverything(MessageContext context) {
		return new MessageHandler() {

			@Override
			public void from(String from) {
			}

			@Override
			public void recipient(String to) {
			}

			@Override
			public String data(InputStream data) throws RejectException, IOException {
				data.transferTo(OutputStream.nullOutputStream());
				throw new RejectException(554, "5.7.1 Message rejected as spam");
			}

			@Override
			public void done() {
			}

		};
	}

}
