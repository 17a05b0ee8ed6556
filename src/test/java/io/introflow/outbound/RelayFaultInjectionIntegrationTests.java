package io.introflow.outbound;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.introflow.Installation;
import io.introflow.demo.DemoMailServer;
import io.introflow.outbound.ScriptedSmtpServer.Fault;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 2,000 emails through a relay that, at random (seeded, per recipient and attempt), drops the connection after the
 * final {@code .}, stalls past the read timeout, drips {@code 250-} lines, answers 421 or 451, or drops the
 * connection before or in the middle of the data. Nothing reaches the server twice, and every email ends delivered
 * once ({@code SENT} and received once), in doubt ({@code SENDING}, counted in the run's result), or reported failed.
 */
class RelayFaultInjectionIntegrationTests {

	private static final int EMAILS = 2000;

	private static final long SEED = 20261201L;

	private static final Pattern COUNTS = Pattern.compile("sendOutbox\\s+COMPLETED\\s+(\\d+) sent, (\\d+) failed, "
			+ "\\d+ retried, \\d+ held for the next run \\(window or daily cap\\), (\\d+) in doubt");

	@TempDir
	Path home;

	DemoMailServer mail;

	Installation app;

	ScriptedSmtpServer smtp;

	@BeforeEach
	void install() throws Exception {
		mail = new DemoMailServer(Installation.REPLY_DOMAIN);
		app = new Installation(home, mail);
		Files.writeString(home.resolve("batch-config/sending.yml"), """
				introflow:
				  sending:
				    connections: 6
				    messages-per-second: 0
				    retry:
				      max-attempts: 6
				      initial-backoff: 10ms
				      max-backoff: 100ms
				""");
		StringBuilder clients = new StringBuilder("email,name,relationship,owner_email\n");
		StringBuilder triggers = new StringBuilder("contact_email,type,occurred_at\n");
		for (int i = 0; i < EMAILS; i++) {
			clients.append("client").append(i).append("@clients.example,Client ").append(i)
				.append(",customer,maria@introflow.example\n");
			triggers.append("client").append(i).append("@clients.example,praise,2026-03-01\n");
		}
		app.inbox("clients.csv", clients.toString());
		app.inbox("triggers.csv", triggers.toString());
		smtp = new ScriptedSmtpServer(RelayFaultInjectionIntegrationTests::randomFault, Duration.ofMillis(100),
				Duration.ofMillis(700));
	}

	@AfterEach
	void stop() throws Exception {
		smtp.close();
		mail.close();
	}

	/** About one attempt in six goes wrong; the same recipient and attempt always get the same fault. */
	private static Fault randomFault(String recipient, int attempt) {
		double p = new Random(SEED ^ Objects.hash(recipient, attempt)).nextDouble();
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

	@Test
	void everyEmailIsDeliveredOnceOrReportedAndNoneReachesTheServerTwice() throws Exception {
		Map<String, Object> settings = new LinkedHashMap<>(app.settings());
		settings.put("introflow.smtp.port", String.valueOf(smtp.port()));
		settings.put("introflow.smtp.read-timeout", "300ms");
		settings.put("introflow.smtp.command-deadline", "1s");
		settings.put("introflow.smtp.message-deadline", "3s");

		Installation.Run run = app.run(settings, "run", "nightly", "--date=2026-03-02");

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
		// about 5.5% of first attempts get no answer after their final '.', and some retries too
		assertThat(byState.get("SENDING")).isBetween(60, 200);
		assertThat(byState.get("SENT")).isGreaterThan(1750);
		assertThat(smtp.received().keySet()).allMatch(id -> !id.equals("?"));
	}

}
