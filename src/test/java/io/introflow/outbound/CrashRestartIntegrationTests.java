package io.introflow.outbound;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the nightly run's JVM in the middle of sending and runs it again: every message
 * is delivered, none twice, and a row that was being handed to the server at the moment
 * of the kill is reported in doubt, never resent. The relay sends over several
 * connections at once, so up to one row per connection can be in flight.
 */
class CrashRestartIntegrationTests {

	private static final int CONTACTS = 2000;

	private static final int KILL_AFTER = 400;

	private static final int CONNECTIONS = 4;

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws Exception {
		java.nio.file.Files.writeString(app.home().resolve("batch-config/sending.yml"),
				"introflow:\n  sending:\n    connections: " + CONNECTIONS + "\n    messages-per-second: 0\n");
		app.customersWithTriggers(CONTACTS);
	}

	@Test
	void sendsNoStepTwiceWhenARunKilledMidSendIsRunAgain() throws Exception {
		// given a nightly run in its own JVM, killed once it has delivered some of its
		// messages
		Process child = app.startChild("512m", "run", "nightly", "--date=2026-03-02");
		waitUntilDelivered(child, KILL_AFTER);
		child.destroyForcibly().waitFor();
		int deliveredBeforeRestart = app.greenMail().getReceivedMessages().length;
		assertThat(deliveredBeforeRestart).as("the kill must land in the middle of sending").isLessThan(CONTACTS);
		assertThat(app.count("SELECT COUNT(*) FROM batch_job_execution WHERE status = 'STARTED'")).isOne();

		// when the same command runs again
		Installation.Run again = app.run("run", "nightly", "--date=2026-03-02");

		// then the night completes and no Message-ID reached the server twice
		assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
		List<String> received = messageIds(app.greenMail().getReceivedMessages());
		Map<String, Long> copies = received.stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(copies.values()).allMatch(n -> n == 1);
		long sent = app.count("SELECT COUNT(*) FROM outbound_email WHERE state = 'SENT'");
		long inDoubt = app.count("SELECT COUNT(*) FROM outbound_email WHERE state = 'SENDING'");
		assertThat(inDoubt).as("at most the messages in flight, one per connection, are in doubt")
			.isLessThanOrEqualTo(CONNECTIONS);
		assertThat(sent + inDoubt).isEqualTo(CONTACTS);
		Set<String> sentIds = new HashSet<>();
		app.query("SELECT message_id FROM outbound_email WHERE state = 'SENT'")
			.forEach(row -> sentIds.add("<" + row.get("message_id") + ">"));
		assertThat(copies.keySet()).containsAll(sentIds);
		assertThat(received.size()).isBetween((int) sent, (int) (sent + inDoubt));
		assertThat(again.out()).contains(inDoubt + " in doubt (not resent)");
		assertThat(app.query("SELECT status FROM batch_job_execution ORDER BY job_execution_id")
			.stream()
			.map(row -> row.get("status"))).containsExactly("FAILED", "COMPLETED");
	}

	private void waitUntilDelivered(Process child, int count) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (app.greenMail().getReceivedMessages().length < count) {
			if (!child.isAlive()) {
				throw new AssertionError("the child run ended before it was killed:\n"
						+ Files.readString(app.home().resolve("child.log")));
			}
			if (Instant.now().isAfter(deadline)) {
				child.destroyForcibly();
				throw new AssertionError("the child run delivered too little in 3 minutes:\n"
						+ Files.readString(app.home().resolve("child.log")));
			}
			Thread.sleep(5);
		}
	}

	private static List<String> messageIds(MimeMessage[] messages) throws MessagingException {
		List<String> ids = new ArrayList<>();
		for (MimeMessage message : messages) {
			ids.add(message.getMessageID());
		}
		return ids;
	}

}
