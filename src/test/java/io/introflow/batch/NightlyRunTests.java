package io.introflow.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.template.FlowedText;
import io.introflow.template.MailtoLink;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly run end to end through the CLI: CSV files in the inbox, a real H2 file
 * database, real SMTP and IMAP (GreenMail), and clients answering over SMTP between
 * nights.
 */
class NightlyRunTests {

	private static final String CLIENTS = """
			email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone
			alice@acme.example,Alice Archer,Acme Corp,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			bob@bolt.example,Bob Brown,Bolt Ltd,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			carol@cobalt.example,Carol Chen,Cobalt Partners,partner,james.okafor@introflow.example,James Okafor,partner,en,Europe/London
			dan@delta.example,Dan Diaz,Delta Inc,customer,james.okafor@introflow.example,James Okafor,customer,en,Europe/London
			""";

	private static final String TRIGGERS = """
			contact_email,type,occurred_at,note,prospect_name,prospect_email,prospect_company
			alice@acme.example,go_live,2026-03-01,Portal live,Paul Park,paul@prospect.example,Prospect Co
			bob@bolt.example,nps_promoter,2026-03-01,NPS 10,,,
			carol@cobalt.example,praise,2026-03-01,Kind words,,,
			dan@delta.example,renewal,2026-03-01,Renewed,,,
			nobody@,praise,2026-03-01,,,,
			""";

	private static final Pattern MAILTO = Pattern.compile("mailto:[^\\s<>\"]+");

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws IOException {
		app.inbox("clients.csv", CLIENTS);
		app.inbox("triggers.csv", TRIGGERS);
	}

	@Test
	void sendsTheValueEmailFromTheOwnerWithATokenReplyTo() throws Exception {
		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).contains("importTriggers", "4 new, 0 updated, 0 unchanged, 1 rejected", "4 planned",
				"4 sent");
		String token = token("alice@acme.example");
		MimeMessage value = single(app.inboxOf("alice@acme.example"));
		assertThat(value.getHeader("From")[0]).isEqualTo("Maria Lopez <maria.lopez@introflow.example>");
		assertThat(value.getHeader("To")[0]).isEqualTo("Alice Archer <alice@acme.example>");
		assertThat(value.getHeader("Reply-To")[0]).isEqualTo("reply+" + token + "@reply.introflow.example");
		assertThat(value.getMessageID()).isEqualTo("<value." + token + "@introflow.example>");
		assertThat(value.getHeader("List-Unsubscribe")[0])
			.isEqualTo("<mailto:unsubscribe+" + token + "@reply.introflow.example?subject=unsubscribe>");
		// a customer's go-live value email carries the checklist
		// (batch-config/value-offers.yml) as an attachment
		assertThat(value.isMimeType("multipart/mixed")).isTrue();
		assertThat(((Multipart) value.getContent()).getBodyPart(0).isMimeType("multipart/alternative")).isTrue();
		assertThat(app.query("SELECT state, next_step, next_step_due FROM introduction WHERE token = ?", token))
			.singleElement()
			.satisfies(row -> {
				assertThat(row.get("state")).isEqualTo("VALUE_SENT");
				assertThat(row.get("next_step")).isEqualTo("ask");
				assertThat(row.get("next_step_due")).hasToString("2026-03-04");
			});
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email WHERE state = 'SENT' AND step_key = 'value'"))
			.isEqualTo(4);
		assertThat(Files.readString(app.home().resolve("reports/rejects-2026-03-02.csv")))
			.contains("triggers.csv,6,contact_email,nobody@,is not a valid email address");
	}

	@Test
	void asksWithAPrefilledThreeWayIntroThatTheMailtoLinkCarriesExactly() throws Exception {
		nights("2026-03-02", "2026-03-04");
		String token = token("alice@acme.example");

		MimeMessage ask = app.inboxOf("alice@acme.example").get(1);

		assertThat(ask.getMessageID()).isEqualTo("<ask." + token + "@introflow.example>");
		assertThat(ask.getHeader("Reply-To")[0]).isEqualTo("reply+" + token + "@reply.introflow.example");
		String text = FlowedText.decode(textPart(ask));
		String html = htmlPart(ask);
		Matcher link = MAILTO.matcher(html);
		assertThat(link.find()).as("mailto link in the HTML part").isTrue();
		MailtoLink.Parts intro = MailtoLink.parse(link.group().replace("&amp;", "&"));
		assertThat(intro.to()).containsExactly("paul@prospect.example");
		// the tracking address in copy under the firm's name: the prospect reads it as
		// the firm's inbox
		assertThat(intro.cc()).containsExactly("maria.lopez@introflow.example",
				"\"Introflow Demo Consulting\" <intro+" + token + "@reply.introflow.example>");
		assertThat(intro.subject()).contains("Paul Park", "Maria Lopez");
		assertThat(intro.body()).startsWith("Hi Paul,").contains("Alice Archer");
		// the forwardable block carries the same subject and body as the link; the text
		// part never the link itself
		assertThat(text.replace("\r\n", "\n")).contains("Subject: " + intro.subject())
			.contains(intro.body().replace("\r\n", "\n").strip())
			.doesNotContain("mailto:");
		assertThat(ask.getContentType()).startsWith("multipart/alternative");
		assertThat(app.query("SELECT state FROM introduction WHERE token = ?", token).get(0)).containsEntry("state",
				"ASKED");
	}

	@Test
	void readsRepliesAndAdvancesEachIntroduction() throws Exception {
		nights("2026-03-02");
		replyTo(app.inboxOf("dan@delta.example").get(0), "I am out of the office until 2026-03-16.",
				Map.of("Auto-Submitted", "auto-replied"));
		nights("2026-03-04");
		// the out-of-office postponed dan's ask to his return date
		assertThat(app.inboxOf("dan@delta.example")).hasSize(1);
		assertThat(app
			.query("SELECT state, next_step, next_step_due FROM introduction WHERE referrer_email = ?",
					"dan@delta.example")
			.get(0)).containsEntry("state", "VALUE_SENT")
			.containsEntry("next_step", "ask")
			.hasEntrySatisfying("next_step_due", due -> assertThat(due).hasToString("2026-03-16"));
		// alice sends the prefilled intro exactly as the link says
		MailtoLink.Parts intro = MailtoLink.parse(mailto(app.inboxOf("alice@acme.example").get(1)));
		send("alice@acme.example", intro.to(), intro.cc(), intro.subject(), intro.body(), Map.of());
		replyTo(app.inboxOf("bob@bolt.example").get(1), "Yes, happy to help!\n\nOn Tue, Maria wrote:\n> No thanks",
				Map.of());
		replyTo(app.inboxOf("carol@cobalt.example").get(1), "No thanks, not right now.\n\nCarol", Map.of());

		Installation.Run night = app.run("run", "nightly", "--date=2026-03-05");

		assertThat(night.exitCode()).as(night.err()).isZero();
		assertThat(states()).containsExactlyInAnyOrderEntriesOf(Map.of("alice@acme.example", "INTRODUCED",
				"bob@bolt.example", "AGREED", "carol@cobalt.example", "DECLINED", "dan@delta.example", "VALUE_SENT"));
		List<MimeMessage> alice = app.inboxOf("alice@acme.example");
		assertThat(alice).hasSize(3);
		assertThat(alice.get(2).getMessageID())
			.isEqualTo("<thank-you." + token("alice@acme.example") + "@introflow.example>");
		assertThat(
				app.query("SELECT prospect_email FROM introduction WHERE referrer_email = 'alice@acme.example'").get(0))
			.containsEntry("prospect_email", "paul@prospect.example");
		assertThat(app.query("SELECT classification FROM inbound_message ORDER BY id")
			.stream()
			.map(r -> r.get("classification"))).containsExactly("AUTO_REPLY", "INTRO_MADE", "AGREED", "DECLINED");
		assertThat(app.count("SELECT COUNT(*) FROM intro_event WHERE type = 'POSTPONED'")).isOne();
		assertThat(app.count("SELECT COUNT(*) FROM inbound_message WHERE raw IS NULL OR processed_at IS NULL"))
			.isZero();

		// a later night neither thanks twice nor sends anything to those who answered
		Installation.Run later = app.run("run", "nightly", "--date=2026-03-06");
		assertThat(later.exitCode()).as(later.err()).isZero();
		assertThat(app.inboxOf("alice@acme.example")).hasSize(3);
		assertThat(app.inboxOf("bob@bolt.example")).hasSize(2);
		assertThat(app.inboxOf("carol@cobalt.example")).hasSize(2);
		assertThat(app.inboxOf("dan@delta.example")).hasSize(1);
	}

	@Test
	void observesTheDoubleOptInFormWhenTheProspectSaysYes() throws Exception {
		Path config = app.home().resolve("batch-config/introflow.yml");
		Files.writeString(config, Files.readString(config).replace("      customer: direct", "      customer: optin"));
		nights("2026-03-02", "2026-03-04");
		String token = token("alice@acme.example");
		assertThat(app.query("SELECT intro_form, variant FROM introduction WHERE token = ?", token).get(0))
			.containsEntry("intro_form", "optin");
		MailtoLink.Parts request = MailtoLink.parse(mailto(app.inboxOf("alice@acme.example").get(1)));
		assertThat(request.to()).containsExactly("paul@prospect.example");
		assertThat(request.cc())
			.containsExactly("\"Introflow Demo Consulting\" <intro+" + token + "@reply.introflow.example>");
		assertThat(request.subject()).startsWith("Would an introduction to Maria Lopez be welcome");

		// alice asks paul; a night later paul answers everyone
		send("alice@acme.example", request.to(), request.cc(), request.subject(), request.body(), Map.of());
		nights("2026-03-05");
		assertThat(app.query("SELECT state FROM introduction WHERE token = ?", token).get(0)).containsEntry("state",
				"AGREED");
		send("paul@prospect.example", List.of("alice@acme.example"), request.cc(), "Re: " + request.subject(),
				"Yes, happy to talk. Please connect us.", Map.of());
		nights("2026-03-06");

		assertThat(app.query("SELECT state FROM introduction WHERE token = ?", token).get(0)).containsEntry("state",
				"INTRODUCED");
		assertThat(app.inboxOf("alice@acme.example")).extracting(MimeMessage::getMessageID)
			.filteredOn(id -> id.endsWith("@introflow.example>"))
			.containsExactly("<value." + token + "@introflow.example>", "<ask." + token + "@introflow.example>",
					"<thank-you." + token + "@introflow.example>");
	}

	@Test
	void spreadsVariantsOverReferrersAndRecordsEachIntroductionsVariant() throws Exception {
		nights("2026-03-02");

		assertThat(app.query("SELECT referrer_email, variant FROM introduction"))
			.allSatisfy(row -> assertThat(row.get("variant"))
				.isEqualTo(List.of("a", "b").get(Math.floorMod(((String) row.get("referrer_email")).hashCode(), 2))));
		assertThat(app.query("SELECT detail FROM intro_event WHERE type = 'PLANNED'"))
			.allSatisfy(row -> assertThat((String) row.get("detail")).containsPattern("variant [ab], direct intro"));
		List<Map<String, Object>> perVariant = app
			.query("SELECT variant, COUNT(*) AS n FROM introduction GROUP BY variant ORDER BY variant");
		if (perVariant.size() > 1) {
			// every introduction is still VALUE_SENT: none asked yet
			Installation.Run status = app.run("status");
			for (Map<String, Object> row : perVariant) {
				assertThat(status.out()).containsPattern("  " + row.get("variant") + "\\s+0\\s+0\n");
			}
		}
	}

	@Test
	void sendsNothingWhenTheSameDateRunsAgain() throws Exception {
		nights("2026-03-02");
		int before = app.greenMail().getReceivedMessages().length;

		Installation.Run again = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(again.exitCode()).as(again.err()).isZero();
		assertThat(again.out()).contains("already completed");
		assertThat(app.greenMail().getReceivedMessages()).hasSize(before);
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email")).isEqualTo(4);
		assertThat(app.count("SELECT COUNT(*) FROM batch_job_execution")).isOne();
	}

	@Test
	void importingTheSameFilesOnTheNextNightPlansNothingNew() throws Exception {
		nights("2026-03-02");
		assertThat(app.home().resolve("processed/2026-03-02/clients.csv")).exists();
		assertThat(app.home().resolve("inbox/clients.csv")).doesNotExist();
		app.inbox("clients.csv", CLIENTS);
		app.inbox("triggers.csv", TRIGGERS);

		Installation.Run again = app.run("run", "nightly", "--date=2026-03-03");

		assertThat(again.out()).contains("clients.csv (4 rows): 4 rows read, 0 new, 0 updated, 4 unchanged",
				"triggers.csv (5 rows): 5 rows read, 0 new, 0 updated, 4 unchanged, 1 rejected");

		assertThat(app.count("SELECT COUNT(*) FROM contact")).isEqualTo(4);
		assertThat(app.count("SELECT COUNT(*) FROM intro_trigger")).isEqualTo(4);
		assertThat(app.count("SELECT COUNT(*) FROM introduction")).isEqualTo(4);
		assertThat(app.greenMail().getReceivedMessages()).hasSize(4);
	}

	private void nights(String... dates) {
		for (String date : dates) {
			Installation.Run run = app.run("run", "nightly", "--date=" + date);
			assertThat(run.exitCode()).as("night %s: %s", date, run.err()).isZero();
		}
	}

	private String token(String referrer) throws Exception {
		return (String) app.query("SELECT token FROM introduction WHERE referrer_email = ?", referrer)
			.get(0)
			.get("token");
	}

	private Map<String, String> states() throws Exception {
		Map<String, String> states = new java.util.TreeMap<>();
		for (Map<String, Object> row : app.query("SELECT referrer_email, state FROM introduction")) {
			states.put((String) row.get("referrer_email"), (String) row.get("state"));
		}
		return states;
	}

	private static MimeMessage single(List<MimeMessage> messages) {
		assertThat(messages).hasSize(1);
		return messages.get(0);
	}

	private void replyTo(MimeMessage received, String text, Map<String, String> extraHeaders) throws Exception {
		String from = ((InternetAddress) received.getRecipients(Message.RecipientType.TO)[0]).getAddress();
		String replyTo = ((InternetAddress) received.getReplyTo()[0]).getAddress();
		Map<String, String> headers = new java.util.LinkedHashMap<>(extraHeaders);
		headers.put("In-Reply-To", received.getMessageID());
		headers.put("References", received.getMessageID());
		String subject = (extraHeaders.isEmpty() ? "Re: " : "Automatic reply: ") + received.getSubject();
		send(from, List.of(replyTo), List.of(), subject, text, headers);
	}

	private void send(String from, List<String> to, List<String> cc, String subject, String text,
			Map<String, String> headers) throws MessagingException {
		Properties p = new Properties();
		p.put("mail.smtp.host", "127.0.0.1");
		p.put("mail.smtp.port", String.valueOf(app.mail().smtpPort()));
		MimeMessage message = new MimeMessage(Session.getInstance(p));
		message.setFrom(new InternetAddress(from));
		for (String address : to) {
			message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
		}
		for (String address : cc) {
			message.addRecipient(Message.RecipientType.CC, new InternetAddress(address));
		}
		message.setSubject(subject, "UTF-8");
		message.setText(text, "UTF-8");
		for (Map.Entry<String, String> header : headers.entrySet()) {
			message.setHeader(header.getKey(), header.getValue());
		}
		Transport.send(message);
	}

	private static String mailto(MimeMessage ask) throws Exception {
		Matcher link = MAILTO.matcher(htmlPart(ask));
		assertThat(link.find()).isTrue();
		return link.group().replace("&amp;", "&");
	}

	private static String textPart(MimeMessage message) throws Exception {
		return part(message, "text/plain");
	}

	private static String htmlPart(MimeMessage message) throws Exception {
		return part(message, "text/html");
	}

	private static String part(MimeMessage message, String type) throws Exception {
		Multipart multipart = (Multipart) message.getContent();
		if (multipart.getBodyPart(0).isMimeType("multipart/alternative")) {
			// multipart/mixed: the readable parts, then attachments
			multipart = (Multipart) multipart.getBodyPart(0).getContent();
		}
		for (int i = 0; i < multipart.getCount(); i++) {
			BodyPart part = multipart.getBodyPart(i);
			if (part.isMimeType(type)) {
				return (String) part.getContent();
			}
		}
		throw new AssertionError("no " + type + " part in " + message.getMessageID());
	}

}
