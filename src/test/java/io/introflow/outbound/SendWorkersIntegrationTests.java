package io.introflow.outbound;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.PostgresCluster;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code send --worker} processes on one PostgreSQL, one of them killed
 * ({@code kill -9}) in the middle of sending: every email is delivered exactly once or
 * reported in doubt (at most one per connection of the killed worker), the surviving
 * worker sends the rest, including what the killed one had claimed but not handed over,
 * and the rate limit holds over both workers together.
 */
class SendWorkersIntegrationTests {

	@RegisterExtension
	static final PostgresCluster.PerClass postgres = new PostgresCluster.PerClass();

	private static final int CONTACTS = 150;

	private static final int CONNECTIONS = 2;

	private static final double RATE = 5;

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	Map<String, Object> settings;

	final List<Process> children = new ArrayList<>();

	/** Each test's own database in the class's cluster. */
	String url;

	@BeforeEach
	void install(TestInfo test) throws Exception {
		String database = "t_" + test.getTestMethod().orElseThrow().getName().toLowerCase(java.util.Locale.ROOT);
		try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "")) {
			c.createStatement().execute("CREATE DATABASE " + database);
		}
		url = postgres.jdbcUrl().replace("/postgres", "/" + database);
		Files.writeString(app.home().resolve("batch-config/sending.yml"), "introflow:\n  sending:\n    connections: "
				+ CONNECTIONS + "\n    messages-per-second: " + RATE + "\n    per-sender-daily-cap: 0\n");
		app.customersWithTriggers(CONTACTS);
		settings = postgres.settings(app.settings(), url);
	}

	@AfterEach
	void stop() {
		children.forEach(Process::destroyForcibly);
	}

	@Test
	void sendsEveryEmailOnceOrReportsItInDoubtWhenOneOfTwoWorkersIsKilled() throws Exception {
		// given a nightly run that queues the emails (and sends none itself: its sending
		// window is another day),
		// and two send workers on the same PostgreSQL
		Map<String, Object> holding = new LinkedHashMap<>(settings);
		DayOfWeek otherDay = ZonedDateTime.now(ZoneOffset.UTC).plusDays(2).getDayOfWeek();
		holding.put("introflow.sending.window.days[0]", otherDay);
		Installation.Run night = app.run(holding, "run", "nightly", "--date=2026-03-02");
		assertThat(night.exitCode()).as(night.out() + night.err()).isZero();
		assertThat(count("SELECT COUNT(*) FROM outbound_email WHERE state = 'QUEUED'")).isEqualTo(CONTACTS);
		Process doomed = startWorker("worker-1.log");
		Process survivor = startWorker("worker-2.log");

		// when one worker is killed while both are sending
		awaitBothSending(doomed, survivor);
		doomed.destroyForcibly().waitFor();
		int deliveredAtKill = app.greenMail().getReceivedMessages().length;
		assertThat(deliveredAtKill).as("the kill must land in the middle of sending").isLessThan(CONTACTS);

		// then the survivor settles the killed worker's rows and sends the rest
		awaitSettled(survivor, doomed);
		survivor.destroy();
		assertThat(survivor.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(app.home().resolve("worker-2.log")).content().contains("send worker stopped");

		List<MimeMessage> received = List.of(app.greenMail().getReceivedMessages());
		Map<String, Long> copies = messageIds(received).stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(copies.values()).as("no email reached the server twice").allMatch(n -> n == 1);
		long sent = count("SELECT COUNT(*) FROM outbound_email WHERE state = 'SENT'");
		long inDoubt = count("SELECT COUNT(*) FROM outbound_email WHERE state = 'SENDING' AND claimed_by IS NULL");
		assertThat(inDoubt).as("at most the messages in flight, one per connection of the killed worker")
			.isLessThanOrEqualTo(CONNECTIONS);
		assertThat(sent + inDoubt).isEqualTo(CONTACTS);
		Set<String> sentIds = new HashSet<>();
		query("SELECT message_id FROM outbound_email WHERE state = 'SENT'",
				rs -> sentIds.add("<" + rs.getString(1) + ">"));
		assertThat(copies.keySet()).containsAll(sentIds);
		assertThat(received).hasSizeBetween((int) sent, (int) (sent + inDoubt));
		if (inDoubt > 0) {
			assertThat(app.home().resolve("worker-2.log")).content().contains("IN DOUBT (not resent)");
		}
		assertThat(count("SELECT COUNT(*) FROM send_worker")).as("no worker left registered").isZero();
		assertRateHeld(received);
	}

	@Test
	void perSenderDailyCapHoldsOverTwoWorkers() throws Exception {
		// given a cap of 40 a day for the one sender, no rate limit, and the 150 emails
		// queued by a night
		Files.writeString(app.home().resolve("batch-config/sending.yml"), "introflow:\n  sending:\n    connections: "
				+ CONNECTIONS + "\n    messages-per-second: 0\n    per-sender-daily-cap: 40\n");
		Map<String, Object> holding = new LinkedHashMap<>(settings);
		DayOfWeek otherDay = ZonedDateTime.now(ZoneOffset.UTC).plusDays(2).getDayOfWeek();
		holding.put("introflow.sending.window.days[0]", otherDay);
		Installation.Run night = app.run(holding, "run", "nightly", "--date=2026-03-02");
		assertThat(night.exitCode()).as(night.out() + night.err()).isZero();

		// when two workers send at once
		Process one = startWorker("worker-1.log");
		Process two = startWorker("worker-2.log");
		await(() -> count("SELECT COUNT(*) FROM outbound_email WHERE state = 'SENT'") >= 40
				&& count("SELECT COUNT(*) FROM outbound_email WHERE state = 'SENDING'") == 0, "40 emails sent",
				Duration.ofMinutes(3));
		// both have made passes since (one pass a second when nothing was sent): nothing
		// more goes out today
		Thread.sleep(4000);
		one.destroy();
		two.destroy();
		assertThat(one.waitFor(60, TimeUnit.SECONDS) && two.waitFor(60, TimeUnit.SECONDS)).isTrue();

		// then the sender sent exactly its cap, and the rest waits for tomorrow's budget
		assertThat(count("SELECT COUNT(*) FROM outbound_email WHERE state = 'SENT'")).isEqualTo(40);
		assertThat(count("SELECT COUNT(*) FROM outbound_email WHERE state = 'QUEUED'")).isEqualTo(CONTACTS - 40);
		assertThat(app.greenMail().getReceivedMessages()).hasSize(40);
		assertThat(count("SELECT reserved FROM sender_daily_count")).isEqualTo(40);
	}

	/**
	 * No second holds more than the rate allows (give or take two messages of network
	 * jitter), nor does the run.
	 */
	private static void assertRateHeld(List<MimeMessage> received) throws MessagingException {
		List<Long> times = new ArrayList<>();
		for (MimeMessage message : received) {
			times.add(message.getReceivedDate().getTime());
		}
		times.sort(Long::compare);
		int busiest = 0;
		for (int i = 0, j = 0; i < times.size(); i++) {
			while (j < times.size() && times.get(j) < times.get(i) + 1000) {
				j++;
			}
			busiest = Math.max(busiest, j - i);
		}
		assertThat(busiest).as("messages received in the busiest second").isLessThanOrEqualTo((int) RATE + 2);
		double seconds = (times.get(times.size() - 1) - times.get(0)) / 1000.0;
		assertThat((times.size() - 1) / seconds).as("messages per second over the run")
			.isLessThanOrEqualTo(RATE * 1.05);
	}

	private Process startWorker(String log) throws Exception {
		Process worker = app.startChild("256m", settings, app.home().resolve(log), "send", "--worker",
				"--poll-seconds=1");
		children.add(worker);
		return worker;
	}

	/**
	 * Both workers hold claimed rows and have delivered some (journal {@code S}: marked
	 * SENT with the next claim).
	 */
	private void awaitBothSending(Process a, Process b) throws Exception {
		await(() -> sending(a) && sending(b), "both workers to send", Duration.ofMinutes(5));
	}

	private boolean sending(Process worker) throws SQLException {
		String pid = "%process " + worker.pid();
		return count("SELECT COUNT(*) FROM send_journal j JOIN send_worker w ON w.id = j.worker_id "
				+ "WHERE j.fate = 'S' AND w.name LIKE ?", pid) >= 1
				&& count("SELECT COUNT(*) FROM outbound_email o JOIN send_worker w ON w.id = o.claimed_by "
						+ "WHERE o.state = 'SENDING' AND w.name LIKE ?", pid) > 0;
	}

	/**
	 * Nothing queued, nothing claimed by a worker: every row is sent, failed or in doubt;
	 * and the killed worker is no longer registered.
	 */
	private void awaitSettled(Process survivor, Process killed) throws Exception {
		await(() -> {
			if (!survivor.isAlive()) {
				throw new AssertionError(
						"the surviving worker stopped:\n" + Files.readString(app.home().resolve("worker-2.log")));
			}
			return count("SELECT COUNT(*) FROM outbound_email WHERE state = 'QUEUED' "
					+ "OR (state = 'SENDING' AND claimed_by IS NOT NULL)") == 0
					&& count("SELECT COUNT(*) FROM send_worker WHERE name LIKE ?", "%process " + killed.pid()) == 0;
		}, "the surviving worker to finish the queue", Duration.ofMinutes(5));
	}

	private interface Condition {

		boolean holds() throws Exception;

	}

	private void await(Condition condition, String what, Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		while (!condition.holds()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("timed out waiting for " + what + ":\n" + logs());
			}
			Thread.sleep(20);
		}
	}

	private String logs() throws Exception {
		StringBuilder logs = new StringBuilder();
		for (String log : List.of("worker-1.log", "worker-2.log")) {
			if (Files.exists(app.home().resolve(log))) {
				logs.append(log).append(":\n").append(Files.readString(app.home().resolve(log)));
			}
		}
		return logs.toString();
	}

	private interface RowReader {

		void read(ResultSet rs) throws SQLException;

	}

	private void query(String sql, RowReader reader, Object... args) throws SQLException {
		try (Connection c = DriverManager.getConnection(url, postgres.user(), "");
				var statement = c.prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) {
				statement.setObject(i + 1, args[i]);
			}
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					reader.read(rs);
				}
			}
		}
	}

	private long count(String sql, Object... args) throws SQLException {
		long[] n = new long[1];
		query(sql, rs -> n[0] = rs.getLong(1), args);
		return n[0];
	}

	private static List<String> messageIds(List<MimeMessage> messages) throws MessagingException {
		List<String> ids = new ArrayList<>();
		for (MimeMessage message : messages) {
			ids.add(message.getMessageID());
		}
		return ids;
	}

}
