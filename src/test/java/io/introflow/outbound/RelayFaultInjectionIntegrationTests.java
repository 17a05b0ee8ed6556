package io.introflow.outbound;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.outbound.ScriptedSmtpServer.Fault;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 2,000 emails through a relay that, at random (seeded, per recipient and attempt), drops
 * the connection after the final {@code .}, stalls past the read timeout, drips
 * {@code 250-} lines, answers 421 or 451, or drops the connection before or in the middle
 * of the data. Nothing reaches the server twice, and every email ends delivered once
 * ({@code SENT} and received once), in doubt ({@code SENDING}, counted in the run's
 * result), or reported failed.
 */
class RelayFaultInjectionIntegrationTests {

	private static final int EMAILS = 2000;

	private static final long SEED = 20261201L;

	private static final Pattern COUNTS = Pattern.compile("^(\\d+) sent, (\\d+) failed, "
			+ "\\d+ retried, \\d+ held for the next run \\(window or daily cap\\), (\\d+) in doubt");

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	ScriptedSmtpServer smtp;

	@BeforeEach
	void install() throws Exception {
		Files.writeString(app.home().resolve("batch-config/sending.yml"), """
				introflow:
				  sending:
				    connections: 6
				    messages-per-second: 0
				    retry:
				      max-attempts: 6
				      initial-backoff: 10ms
				      max-backoff: 100ms
				""");
		// an empty installation (its schema), then the emails queued straight into the
		// outbox
		assertThat(app.run("send").out()).startsWith("0 sent");
		queue();
		smtp = new ScriptedSmtpServer(RelayFaultInjectionIntegrationTests::randomFault, Duration.ofMillis(100),
				Duration.ofMillis(700));
	}

	@AfterEach
	void stop() throws Exception {
		smtp.close();
	}

	/**
	 * About one attempt in six goes wrong; the same recipient and attempt always get the
	 * same fault.
	 */
	private static Fault randomFault(String recipient, int attempt) {
		double p = new SplittableRandom(SEED + 1_000_003L * recipient.hashCode() + attempt).nextDouble();
		if (p < 0.03) {
			return Fault.DROP_AFTER_DOT;
		}
		if (p < 0.05) {
			return Fault.STALL_AFTER_DOT;
		}
		if (p < 0.055) {
			return Fault.DRIP_AFTER_DOT;
		}
		if (p < 0.085) {
			return Fault.REPLY_451_AFTER_DOT;
		}
		if (p < 0.10) {
			return Fault.REPLY_421_AFTER_DOT;
		}
		if (p < 0.12) {
			return Fault.REPLY_421_AT_RCPT;
		}
		if (p < 0.14) {
			return Fault.DROP_AT_DATA;
		}
		if (p < 0.16) {
			return Fault.DROP_MID_DATA;
		}
		return Fault.NONE;
	}

	private void queue() throws Exception {
		String body = "Hello,\r\n\r\n"
				+ "A line of an ordinary email, long enough to be sent in several writes.\r\n".repeat(60);
		try (Connection db = DriverManager.getConnection(app.jdbcUrl(), "sa", "");
				PreparedStatement email = db.prepareStatement("INSERT INTO outbound_email (step_key, message_id, "
						+ "recipient, sender, subject, state, attempts, created_at) VALUES (?, ?, ?, ?, ?, 'QUEUED', 0, ?)");
				PreparedStatement mime = db.prepareStatement(
						"INSERT INTO outbound_mime (outbound_id, mime) SELECT id, ? FROM outbound_email WHERE message_id = ?")) {
			for (int i = 0; i < EMAILS; i++) {
				String messageId = "fault." + i + "@introflow.example";
				String recipient = "client" + i + "@clients.example";
				email.setString(1, "fault-" + i);
				email.setString(2, messageId);
				email.setString(3, recipient);
				email.setString(4, "maria@introflow.example");
				email.setString(5, "Fault injection " + i);
				email.setObject(6, OffsetDateTime.now());
				email.addBatch();
				mime.setBytes(1,
						("Message-ID: <" + messageId + ">\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000\r\n"
								+ "From: Maria <maria@introflow.example>\r\nTo: <" + recipient + ">\r\nSubject: Fault "
								+ "injection " + i
								+ "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + body)
							.getBytes(StandardCharsets.US_ASCII));
				mime.setString(2, messageId);
				mime.addBatch();
			}
			email.executeBatch();
			mime.executeBatch();
		}
	}

	@Test
	void everyEmailIsDeliveredOnceOrReportedAndNoneReachesTheServerTwice() throws Exception {
		Map<String, Object> settings = new LinkedHashMap<>(app.settings());
		settings.put("introflow.smtp.port", String.valueOf(smtp.port()));
		settings.put("introflow.smtp.read-timeout", "300ms");
		settings.put("introflow.smtp.command-deadline", "1s");
		settings.put("introflow.smtp.message-deadline", "3s");

		Installation.Run run = app.run(settings, "send");

		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		assertThat(smtp.received().values()).as("received twice").allMatch(n -> n.get() == 1);
		Map<String, Integer> byState = new HashMap<>();
		for (Map<String, Object> row : app.query("SELECT message_id, state FROM outbound_email")) {
			String state = (String) row.get("state");
			AtomicInteger received = smtp.received().get("<" + row.get("message_id") + ">");
			int copies = (received != null) ? received.get() : 0;
			switch (state) {
				case "SENT" -> assertThat(copies).as("a SENT email was received once").isOne();
				case "SENDING" -> assertThat(copies).as("an email in doubt").isLessThanOrEqualTo(1);
				case "FAILED" -> assertThat(copies).as("a FAILED email").isZero();
				default -> throw new AssertionError("left " + state + ": " + row);
			}
			byState.merge(state, 1, Integer::sum);
		}
		assertThat(byState.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(EMAILS);
		Matcher counts = COUNTS.matcher(run.out());
		assertThat(counts.find()).as(run.out()).isTrue();
		assertThat(List.of(counts.group(1), counts.group(2), counts.group(3))).containsExactly(
				String.valueOf(byState.getOrDefault("SENT", 0)), String.valueOf(byState.getOrDefault("FAILED", 0)),
				String.valueOf(byState.getOrDefault("SENDING", 0)));
		// about 5.5% of first attempts get no answer after their final '.', and some
		// retries too
		assertThat(byState.get("SENDING")).isBetween(60, 200);
		assertThat(byState.get("SENT")).isGreaterThan(1750);
		assertThat(run.out()).contains("IN DOUBT (not resent): outbound ", "introflow send --mark-sent ");
		assertThat(smtp.received().keySet()).allMatch(id -> !id.equals("?"));
	}

}
