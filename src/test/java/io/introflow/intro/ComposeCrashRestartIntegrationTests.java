package io.introflow.intro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the nightly run's JVM (as {@code kill -9} would) while it composes, after some
 * chunks have committed and while another is being written, and runs it again: the chunk
 * that was cut short is done again, and every step is queued, recorded and delivered
 * exactly once.
 */
class ComposeCrashRestartIntegrationTests {

	private static final int CONTACTS = 2000;

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws Exception {
		Files.writeString(app.home().resolve("batch-config/sending.yml"),
				"introflow:\n  sending:\n    connections: 4\n    messages-per-second: 0\n");
		app.customersWithTriggers(CONTACTS);
	}

	@Test
	void queuesEachStepOnceWhenARunKilledMidComposeIsRunAgain() throws Exception {
		// given a nightly run in its own JVM, killed once composing has committed a chunk
		// and before it is done
		Process child = app.startChild("512m", "run", "nightly", "--date=2026-03-02");
		long queuedAtKill = waitUntilComposing(child);
		child.destroyForcibly().waitFor();
		assertThat(queuedAtKill).as("the kill must land in the middle of composing").isLessThan(CONTACTS);
		long queued = app.count("SELECT COUNT(*) FROM outbound_email");
		assertThat(queued).as("only whole chunks were committed")
			// H2 shows a commit to other sessions a moment before it is on disk: the
			// chunk seen last may be lost
			// with the process, but the one before it was on disk before the child went
			// on to the next chunk
			.isBetween(queuedAtKill - StepComposer.CHUNK, CONTACTS - 1L)
			.isPositive()
			.matches(n -> n % StepComposer.CHUNK == 0, "a multiple of the chunk size");
		assertThat(app.count("SELECT COUNT(*) FROM intro_event WHERE type = 'STEP_QUEUED'")).isEqualTo(queued);
		assertThat(app.count("SELECT COUNT(*) FROM introduction WHERE state = 'VALUE_SENT'")).isEqualTo(queued);
		assertThat(app.greenMail().getReceivedMessages()).isEmpty();

		// when the same command runs again
		Installation.Run again = app.run("run", "nightly", "--date=2026-03-02");

		// then each introduction has its value email once, with its MIME, its events
		// once, and each went out once
		assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email")).isEqualTo(CONTACTS);
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email o JOIN outbound_mime m ON m.outbound_id = o.id"))
			.isEqualTo(CONTACTS);
		assertThat(app.count("SELECT COUNT(*) FROM introduction WHERE state = 'VALUE_SENT' AND next_step = 'ask'"))
			.isEqualTo(CONTACTS);
		assertThat(app.count("""
				SELECT COUNT(*) FROM intro_event e JOIN outbound_email o ON e.cause = CONCAT('outbound:', o.id)
				  AND o.introduction_id = e.introduction_id WHERE e.type = 'STEP_QUEUED'""")).isEqualTo(CONTACTS);
		assertThat(app.count("SELECT COUNT(*) FROM intro_event WHERE type = 'STEP_QUEUED'")).isEqualTo(CONTACTS);
		assertThat(app.count("SELECT COUNT(*) FROM intro_event WHERE type = 'TRANSITION' AND to_state = 'VALUE_SENT'"))
			.isEqualTo(CONTACTS);
		assertThat(app.count("SELECT COUNT(*) FROM intro_event WHERE type IN ('REJECTED_TRANSITION', 'STEP_FAILED')"))
			.isZero();
		Map<String, Long> copies = messageIds(app.greenMail().getReceivedMessages()).stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(copies).hasSize(CONTACTS);
		assertThat(copies.values()).allMatch(n -> n == 1);
		assertThat(app.query("SELECT status FROM batch_job_execution ORDER BY job_execution_id")
			.stream()
			.map(row -> row.get("status"))).containsExactly("FAILED", "COMPLETED");
	}

	/**
	 * Waits until the child says it composes, then (reading the database through the
	 * child's H2 server, so that the child stays the process that holds the file) until
	 * at least one chunk is queued. @return the rows queued when the wait ended
	 */
	private long waitUntilComposing(Process child) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		String url = app.jdbcUrl() + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE";
		Path log = app.home().resolve("reports/introflow.log");
		while (true) {
			if (!child.isAlive()) {
				throw new AssertionError("the child run ended before it was killed:\n"
						+ Files.readString(app.home().resolve("child.log")));
			}
			if (Instant.now().isAfter(deadline)) {
				child.destroyForcibly();
				throw new AssertionError("the child run composed nothing in 3 minutes:\n"
						+ Files.readString(app.home().resolve("child.log")));
			}
			if (!Files.exists(log) || !Files.readString(log).contains("due steps, ")) {
				Thread.sleep(20);
				continue;
			}
			long queued = queued(url);
			if (queued >= 2L * StepComposer.CHUNK) {
				return queued;
			}
			Thread.sleep(2);
		}
	}

	private static long queued(String url) {
		try (Connection c = DriverManager.getConnection(url, "sa", "");
				// a condition, so that H2 counts committed rows only (a bare COUNT(*)
				// also sees the chunk in progress)
				ResultSet rs = c.createStatement()
					.executeQuery("SELECT COUNT(*) FROM outbound_email WHERE state = 'QUEUED'")) {
			rs.next();
			return rs.getLong(1);
		}
		catch (SQLException ex) {
			// the database is not there yet (the child is starting), or its tables are
			// not
			return 0;
		}
	}

	private static List<String> messageIds(MimeMessage[] messages) throws Exception {
		List<String> ids = new ArrayList<>();
		for (MimeMessage message : messages) {
			ids.add(message.getMessageID());
		}
		return ids;
	}

}
