package io.introflow.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.introflow.Installation;
import io.introflow.IntroflowProperties;
import io.introflow.TestInstallation;
import io.introflow.cli.WebServer;
import io.introflow.outbound.Outbox;
import io.introflow.outbound.OutboxRelay;
import io.introflow.outbound.OutgoingEmail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler of {@code serve} on a real installation (H2 file, GreenMail), its clock
 * moved by the test: the scheduler is built from a started {@code serve} whose own
 * scheduler is off, and ticked by hand.
 */
class NightlySchedulerTests {

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private static final String CLIENTS = """
			email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone
			alice@acme.example,Alice Archer,Acme Corp,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			""";

	private static final String TRIGGERS = """
			contact_email,type,occurred_at,note,prospect_name,prospect_email,prospect_company
			alice@acme.example,go_live,2026-03-01,Portal live,Paul Park,paul@prospect.example,Prospect Co
			""";

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	WebServer server;

	final MovableClock clock = new MovableClock();

	NightlyScheduler scheduler;

	@BeforeEach
	void serve() throws IOException {
		server = app.serve();
		ConfigurableApplicationContext context = server.context();
		scheduler = new NightlyScheduler(clock,
				new ScheduleProperties(true, LocalTime.of(2, 0), "Europe/London", Duration.ofMinutes(15)),
				context.getBean(NightlyRunner.class), context.getBean(NightlyRuns.class),
				context.getBean(OutboxRelay.class), context.getBean(IntroflowProperties.class),
				context.getBean(RunLocks.class));
	}

	@Test
	void runsEachNightAtItsTimeNotBeforeAndNotTwice() throws Exception {
		// given the night of 1 March done (with nothing in the inbox), then the day's
		// files
		tickAt("2026-03-01T02:30");
		assertThat(executions("2026-03-01")).containsExactly("COMPLETED");
		dropFiles();

		// when the clock reaches 02:00 on 2 March, and goes on
		tickAt("2026-03-02T01:59");
		assertThat(executions("2026-03-02")).isEmpty();
		assertThat(app.inboxOf("alice@acme.example")).isEmpty();
		tickAt("2026-03-02T02:00");
		tickAt("2026-03-02T02:01");
		tickAt("2026-03-02T02:30");

		// then that night ran once, and sent once
		assertThat(executions("2026-03-02")).containsExactly("COMPLETED");
		assertThat(app.inboxOf("alice@acme.example")).hasSize(1);
		assertThat(app.home().resolve("reports/nightly-2026-03-02.txt")).exists();
	}

	@Test
	void skipsWhileACliRunHoldsTheLockAndRunsAtTheNextTick() throws Exception {
		dropFiles();
		try (RunLock cli = RunLock.acquire(RunLock.file(app.home()), "run nightly 2026-03-02 (a test's CLI run)")) {
			tickAt("2026-03-02T02:05");

			assertThat(executions("2026-03-02")).isEmpty();
			assertThat(log()).contains("skipped this minute", "run nightly 2026-03-02 (a test's CLI run)");
		}

		tickAt("2026-03-02T02:06");

		assertThat(executions("2026-03-02")).containsExactly("COMPLETED");
		assertThat(app.inboxOf("alice@acme.example")).hasSize(1);
	}

	@Test
	void catchesUpOnlyTheLatestNightMissedWhileServeWasDown() throws Exception {
		tickAt("2026-03-01T02:30");
		dropFiles();

		// serve was down from 1 March to the morning of 5 March
		tickAt("2026-03-05T09:00");

		assertThat(executions("2026-03-05")).containsExactly("COMPLETED");
		assertThat(executions("2026-03-02")).isEmpty();
		assertThat(executions("2026-03-04")).isEmpty();
		assertThat(log()).contains("nights 2026-03-02 to 2026-03-04 were missed");
		assertThat(app.inboxOf("alice@acme.example")).isNotEmpty();
	}

	@Test
	void sendsWhatIsQueuedEverySendEveryBetweenNights() throws Exception {
		tickAt("2026-03-01T02:30");
		// an email queued after the night (as one held for its recipient's sending window
		// is)
		server.context()
			.getBean(Outbox.class)
			.enqueue(null, "test",
					new OutgoingEmail("later.1@introflow.example", "maria.lopez@introflow.example", "Maria Lopez",
							"zoe@zeta.example", "Zoe", "reply+later1@" + Installation.REPLY_DOMAIN, "Later",
							"Sent later.", null, null));

		tickAt("2026-03-01T02:40");
		assertThat(app.inboxOf("zoe@zeta.example")).isEmpty();
		tickAt("2026-03-01T02:45");

		assertThat(app.inboxOf("zoe@zeta.example")).hasSize(1);
		assertThat(executions("2026-03-01")).containsExactly("COMPLETED");
	}

	private void tickAt(String londonTime) {
		clock.now = LocalDateTime.parse(londonTime).atZone(LONDON).toInstant();
		scheduler.tick();
	}

	private void dropFiles() throws IOException {
		app.inbox("clients.csv", CLIENTS);
		app.inbox("triggers.csv", TRIGGERS);
	}

	/** The statuses of the nightly job's executions for a run date, oldest first. */
	private List<String> executions(String day) {
		return server.context().getBean(JdbcClient.class).sql("""
				SELECT e.STATUS FROM BATCH_JOB_EXECUTION e
				  JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				  JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				WHERE i.JOB_NAME = 'nightly' AND p.PARAMETER_NAME = 'runDate' AND p.PARAMETER_VALUE = ?
				ORDER BY e.JOB_EXECUTION_ID""").param(day).query(String.class).list();
	}

	private String log() throws IOException {
		return Files.readString(app.home().resolve("reports/introflow.log"));
	}

	/** A clock the test moves. */
	static final class MovableClock extends Clock {

		Instant now = Instant.EPOCH;

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
