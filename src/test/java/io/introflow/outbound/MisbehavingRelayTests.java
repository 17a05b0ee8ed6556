package io.introflow.outbound;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.outbound.ScriptedSmtpServer.Fault;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay against SMTP servers that misbehave as sick relays do (a scripted raw-socket
 * server): every run ends within a stated time, nothing reaches the server twice, a
 * message whose final {@code .} got no answer is left in doubt with the command that
 * settles it, and a relay that never answers leaves the rest queued for the next run.
 * Timeouts and deadlines are short here: read timeout 500 ms, command deadline 1 s,
 * message deadline 3 s.
 */
class MisbehavingRelayTests {

	/**
	 * The nightly run's sending step, which has to wait out every fault once (or a few
	 * times).
	 */
	private static final Duration SEND_ENDS_WITHIN = Duration.ofSeconds(10);

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	ScriptedSmtpServer smtp;

	@BeforeEach
	void install() throws IOException {
		Files.writeString(app.home().resolve("batch-config/sending.yml"), """
				introflow:
				  sending:
				    connections: 2
				    messages-per-second: 0
				    retry:
				      max-attempts: 5
				      initial-backoff: 20ms
				      max-backoff: 100ms
				""");
	}

	@AfterEach
	void stop() throws IOException {
		if (smtp != null) {
			smtp.close();
		}
	}

	@Test
	void aServerThatDripsStallsOrDropsNeverHangsTheRunAndNeverGetsAMessageTwice() throws Exception {
		// given one recipient per fault, each fault played on the first attempt only
		List<String> faults = List.of("none", "drop-after-dot", "stall-after-dot", "drip-after-dot",
				"reply-451-after-dot", "reply-421-after-dot", "reply-421-at-rcpt", "drop-at-data", "drop-mid-data");
		contacts(faults.stream().map(f -> f + "@x.example").toList());
		smtp = new ScriptedSmtpServer((recipient, attempt) -> (attempt == 1) ? faultOf(recipient) : Fault.NONE,
				Duration.ofMillis(100), Duration.ofMillis(1500));

		Installation.Run run = app.run(settings(), "run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		assertThat(sendingTook()).isLessThan(SEND_ENDS_WITHIN);
		assertThat(smtp.received().values()).allMatch(n -> n.get() == 1);
		Map<String, String> states = states();
		for (String refusedOrDroppedBeforeTheDot : List.of("none", "reply-451-after-dot", "reply-421-after-dot",
				"reply-421-at-rcpt", "drop-at-data")) {
			assertThat(states).containsEntry(refusedOrDroppedBeforeTheDot + "@x.example", "SENT");
		}
		for (String noAnswerAfterTheDot : List.of("drop-after-dot", "stall-after-dot", "drip-after-dot")) {
			assertThat(states).containsEntry(noAnswerAfterTheDot + "@x.example", "SENDING");
			assertThat(error(noAnswerAfterTheDot + "@x.example")).startsWith("no answer after the final '.' of DATA");
		}
		assertThat(error("drip-after-dot@x.example")).contains("command deadline of 1 s");
		// a drop in the middle of the data may reach the client only after its final '.':
		// sent once, or in doubt
		assertThat(states.get("drop-mid-data@x.example")).isIn("SENT", "SENDING");
		long inDoubt = app.count("SELECT COUNT(*) FROM outbound_email WHERE state = 'SENDING'");
		assertThat(sentAndReceivedOnce()).isEqualTo(faults.size() - inDoubt);
		assertThat(run.out()).contains(inDoubt + " in doubt (not resent)");
		long dropped = app.count("SELECT id FROM outbound_email WHERE recipient = 'drop-after-dot@x.example'");
		assertThat(run.out()).contains("Emails in doubt (check the SMTP log for each; they are not resent)",
				"outbound " + dropped + " (", "introflow send --mark-sent " + dropped + "   (or, if it never left: "
						+ "introflow send --requeue " + dropped + ")");

		// and a later run resends none of them
		Installation.Run again = app.run(settings(), "send");
		assertThat(again.out()).contains("0 sent", inDoubt + " in doubt (not resent)",
				"introflow send --mark-sent " + dropped);
		assertThat(smtp.received().values()).allMatch(n -> n.get() == 1);
	}

	@Test
	void theResendSettingResendsAnEmailWhoseFinalDotGotNoAnswerSoTheServerMayGetItTwice() throws Exception {
		contacts(List.of("drop-after-dot@x.example"));
		smtp = new ScriptedSmtpServer((recipient, attempt) -> (attempt == 1) ? faultOf(recipient) : Fault.NONE,
				Duration.ofMillis(100), Duration.ZERO);
		Map<String, Object> settings = settings();
		settings.put("introflow.sending.retry.resend-in-doubt", "true");

		Installation.Run run = app.run(settings, "run", "nightly", "--date=2026-03-02");

		assertThat(run.out()).as(run.err()).contains("1 sent, 0 failed, 1 retried", "0 in doubt");
		assertThat(smtp.received().values()).singleElement().satisfies(n -> assertThat(n.get()).isEqualTo(2));
	}

	@Test
	void aRelayThatNeverSpeaksOpensTheBreakerAndTheNextRunSendsWhatWasLeftQueued() throws Exception {
		contacts(List.of("a@x.example", "b@x.example", "c@x.example", "d@x.example", "e@x.example"));
		smtp = new ScriptedSmtpServer(blackHole(), Duration.ofMillis(100), Duration.ZERO);

		Installation.Run run = app.run(settings(), "run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		assertThat(sendingTook()).isLessThan(SEND_ENDS_WITHIN);
		assertThat(run.out()).contains("0 sent, 0 failed", "5 emails left queued: relay unreachable: no greeting");
		assertThat(smtp.connections()).as("tried a few times, then no more").isBetween(3, 4);
		assertThat(app.query("SELECT state, attempts FROM outbound_email"))
			.allSatisfy(row -> assertThat(row).containsEntry("state", "QUEUED").containsEntry("attempts", 0));

		// when the relay is back
		smtp.script((recipient, attempt) -> Fault.NONE);
		Installation.Run next = app.run(settings(), "send");

		assertThat(next.out()).contains("5 sent, 0 failed");
		assertThat(smtp.received()).hasSize(5);
		assertThat(smtp.received().values()).allMatch(n -> n.get() == 1);
	}

	@Test
	void aGreetingDrippedForeverCountsAsNoGreeting() throws Exception {
		contacts(List.of("a@x.example", "b@x.example"));
		smtp = new ScriptedSmtpServer(drippingGreeting(), Duration.ofMillis(100), Duration.ZERO);

		Installation.Run run = app.run(settings(), "run", "nightly", "--date=2026-03-02");

		assertThat(sendingTook()).isLessThan(SEND_ENDS_WITHIN);
		assertThat(run.out()).contains("2 emails left queued: relay unreachable: no greeting from 127.0.0.1:"
				+ smtp.port() + ": no complete reply within the command deadline of 1 s");
		assertThat(smtp.received()).isEmpty();
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email WHERE state = 'QUEUED'")).isEqualTo(2);
	}

	@Test
	void aRefusedConnectionOpensTheBreakerAfterAFewTries() throws Exception {
		contacts(List.of("a@x.example", "b@x.example", "c@x.example"));
		int closedPort;
		try (ServerSocket probe = new ServerSocket(0)) {
			closedPort = probe.getLocalPort();
		}
		Map<String, Object> settings = settings();
		settings.put("introflow.smtp.port", String.valueOf(closedPort));

		Installation.Run run = app.run(settings, "run", "nightly", "--date=2026-03-02");

		assertThat(sendingTook()).isLessThan(SEND_ENDS_WITHIN);
		assertThat(run.out()).contains("3 emails left queued: relay unreachable: connection refused by 127.0.0.1:"
				+ closedPort + " (3 connection attempts in a row failed)");
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email WHERE state = 'QUEUED' AND attempts = 0"))
			.isEqualTo(3);
	}

	private static ScriptedSmtpServer.Script blackHole() {
		return new ScriptedSmtpServer.Script() {

			@Override
			public Fault onConnect(int connection) {
				return Fault.BLACK_HOLE;
			}

			@Override
			public Fault onMessage(String recipient, int attempt) {
				return Fault.NONE;
			}

		};
	}

	private static ScriptedSmtpServer.Script drippingGreeting() {
		return new ScriptedSmtpServer.Script() {

			@Override
			public Fault onConnect(int connection) {
				return Fault.DRIP_GREETING;
			}

			@Override
			public Fault onMessage(String recipient, int attempt) {
				return Fault.NONE;
			}

		};
	}

	private static Fault faultOf(String recipient) {
		String local = recipient.substring(0, recipient.indexOf('@'));
		return Fault.valueOf(local.replace('-', '_').toUpperCase(Locale.ROOT));
	}

	private Map<String, Object> settings() {
		Map<String, Object> settings = new LinkedHashMap<>(app.settings());
		settings.put("introflow.smtp.port", String.valueOf((smtp != null) ? smtp.port() : 0));
		settings.put("introflow.smtp.connect-timeout", "1s");
		settings.put("introflow.smtp.read-timeout", "500ms");
		settings.put("introflow.smtp.command-deadline", "1s");
		settings.put("introflow.smtp.message-deadline", "3s");
		settings.put("introflow.smtp.breaker-threshold", "3");
		return settings;
	}

	private void contacts(List<String> addresses) throws IOException {
		StringBuilder clients = new StringBuilder("email,name,relationship,owner_email\n");
		StringBuilder triggers = new StringBuilder("contact_email,type,occurred_at\n");
		for (String address : addresses) {
			clients.append(address).append(",Some One,customer,maria@introflow.example\n");
			triggers.append(address).append(",praise,2026-03-01\n");
		}
		app.inbox("clients.csv", clients.toString());
		app.inbox("triggers.csv", triggers.toString());
	}

	/**
	 * How long the nightly run's sending step took, as its job repository recorded it.
	 */
	private Duration sendingTook() throws Exception {
		Map<String, Object> step = app
			.query("SELECT start_time, end_time FROM batch_step_execution " + "WHERE step_name = 'sendOutbox'")
			.get(0);
		return Duration.between(((java.sql.Timestamp) step.get("start_time")).toInstant(),
				((java.sql.Timestamp) step.get("end_time")).toInstant());
	}

	/** Rows SENT whose message the server received exactly once. */
	private long sentAndReceivedOnce() throws Exception {
		return app.query("SELECT message_id FROM outbound_email WHERE state = 'SENT'").stream().filter(row -> {
			AtomicInteger n = smtp.received().get("<" + row.get("message_id") + ">");
			return n != null && n.get() == 1;
		}).count();
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
