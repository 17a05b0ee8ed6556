package io.introflow.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * The relay against an SMTP server that answers as real ones do on a bad day: 421 to two
 * MAIL FROMs, 451 (greylisting) to a recipient twice, 451 forever to another, 550 to an
 * unknown user, 554 to a message after DATA.
 */
class RelayRetryTests {

	private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	SMTPServer smtp;

	final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();

	final AtomicInteger mailFromCount = new AtomicInteger();

	final Map<String, AtomicInteger> rcptCount = new ConcurrentHashMap<>();

	@BeforeEach
	void install() throws IOException {
		Files.writeString(app.home().resolve("batch-config/sending.yml"), """
				introflow:
				  sending:
				    connections: 2
				    retry:
				      max-attempts: 6
				      initial-backoff: 20ms
				      max-backoff: 80ms
				""");
		StringBuilder clients = new StringBuilder("email,name,relationship,owner_email\n");
		StringBuilder triggers = new StringBuilder("contact_email,type,occurred_at\n");
		for (String address : List.of("ok1@good.example", "ok2@good.example", "ok3@good.example", "ok4@good.example",
				"ok5@good.example", "ok6@good.example", "greylist@good.example", "busy@good.example",
				"unknown@bad.example", "spam@good.example")) {
			clients.append(address).append(",Some One,customer,maria@introflow.example\n");
			triggers.append(address).append(",praise,2026-03-01\n");
		}
		app.inbox("clients.csv", clients.toString());
		app.inbox("triggers.csv", triggers.toString());
		smtp = SMTPServer.port(0).messageHandlerFactory(this::handler).build();
		smtp.start();
	}

	@AfterEach
	void stop() {
		smtp.stop();
	}

	private MessageHandler handler(MessageContext context) {
		return new MessageHandler() {

			private String recipient;

			@Override
			public void from(String from) throws RejectException {
				int n = mailFromCount.incrementAndGet();
				if (n == 2 || n == 5) {
					throw new RejectException(421, "4.3.2 Service shutting down, try later");
				}
			}

			@Override
			public void recipient(String to) throws RejectException {
				recipient = to;
				int seen = rcptCount.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
				if (to.startsWith("greylist@") && seen <= 2) {
					throw new RejectException(451, "4.7.1 Greylisted, try again later");
				}
				if (to.startsWith("busy@")) {
					throw new RejectException(451, "4.3.0 Mailbox busy");
				}
				if (to.startsWith("unknown@")) {
					throw new RejectException(550, "5.1.1 User unknown");
				}
			}

			@Override
			public String data(InputStream data) throws RejectException, IOException {
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				data.transferTo(bytes);
				if (recipient.startsWith("spam@")) {
					throw new RejectException(554, "5.7.1 Message rejected as spam");
				}
				Matcher id = MESSAGE_ID.matcher(bytes.toString(StandardCharsets.UTF_8));
				delivered.computeIfAbsent(id.find() ? id.group(1) : "?", k -> new AtomicInteger()).incrementAndGet();
				return null;
			}

			@Override
			public void done() {
			}

		};
	}

	@Test
	void retriesTemporaryFailuresFailsPermanentOnesAndSuppressesUnknownRecipients() throws Exception {
		Map<String, Object> settings = new java.util.LinkedHashMap<>(app.settings());
		settings.put("introflow.smtp.port", String.valueOf(smtp.getPortAllocated()));

		Installation.Run run = app.run(settings, "run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		assertThat(states()).containsAllEntriesOf(
				Map.of("ok1@good.example", "SENT", "ok6@good.example", "SENT", "greylist@good.example", "SENT",
						"busy@good.example", "FAILED", "unknown@bad.example", "FAILED", "spam@good.example", "FAILED"));
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email WHERE state = 'SENT'")).isEqualTo(7);
		assertThat(delivered).hasSize(7);
		assertThat(delivered.values()).allMatch(n -> n.get() == 1);
		assertThat(error("unknown@bad.example")).startsWith("550");
		assertThat(error("spam@good.example")).startsWith("554");
		assertThat(error("busy@good.example")).startsWith("gave up after 6 attempts: 4");
		// two greylisting answers, and perhaps a 421 or two from the connection
		assertThat(
				(Integer) app.query("SELECT attempts FROM outbound_email WHERE recipient = ?", "greylist@good.example")
					.get(0)
					.get("attempts"))
			.isBetween(3, 5);
		assertThat(app.query("SELECT email, reason FROM suppression")).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("email", "unknown@bad.example")
				.containsEntry("reason", "hard_bounce"));
		assertThat(run.out()).containsPattern("7 sent, 3 failed, \\d+ retried");
	}

	private Map<String, String> states() throws Exception {
		Map<String, String> states = new java.util.TreeMap<>();
		for (Map<String, Object> row : app.query("SELECT recipient, state FROM outbound_email")) {
			states.put((String) row.get("recipient"), (String) row.get("state"));
		}
		return states;
	}

	private String error(String recipient) throws Exception {
		return (String) app.query("SELECT last_error FROM outbound_email WHERE recipient = ?", recipient)
			.get(0)
			.get("last_error");
	}

}
