package io.introflow.outbound;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.cli.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim's journal line is written before the claim commits: a kill between the two then
 * finds the rows queued (nothing to decide) or claimed with their line (queued again),
 * never claimed without a line, which would leave a whole group of rows in doubt and
 * unsent.
 */
class ClaimJournalOrderTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void writesTheClaimLineWhileTheRowsAreStillQueued() throws Exception {
		Installation.Run migrate = app.run("status");
		assertThat(migrate.exitCode()).as(migrate.err()).isZero();
		for (int i = 0; i < 3; i++) {
			app.execute(
					"INSERT INTO outbound_email (step_key, message_id, recipient, sender, subject, state, "
							+ "attempts, created_at) VALUES (?, ?, ?, ?, ?, 'QUEUED', 0, ?)",
					"order-" + i, "order." + i + "@introflow.example", "client" + i + "@clients.example",
					"maria@introflow.example", "Order " + i, OffsetDateTime.now());
		}
		List<Long> ids = app.query("SELECT id FROM outbound_email ORDER BY id")
			.stream()
			.map(row -> ((Number) row.get("id")).longValue())
			.toList();
		ConfigurableApplicationContext context = app.serve(Map.of()).context();
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		List<String> statesAtTheLine = new ArrayList<>();
		SendJournal journal = new SendJournal() {

			@Override
			public void claimed(Collection<Long> claimed) {
				statesAtTheLine.addAll(jdbc.sql("SELECT state FROM outbound_email WHERE id IN (:ids) ORDER BY id")
					.param("ids", claimed)
					.query(String.class)
					.list());
			}

			@Override
			public void attempting(long id) {
			}

			@Override
			public void delivered(long id) {
			}

			@Override
			public void released(long id) {
			}

			@Override
			public void close() {
			}

		};

		Set<Long> claimed;
		try (GroupCommit commits = new GroupCommit(context.getBean(Outbox.class), null)) {
			claimed = new Claims(context.getBean(Outbox.class), commits, journal).claim(ids);
		}

		assertThat(statesAtTheLine).containsExactly("QUEUED", "QUEUED", "QUEUED");
		assertThat(claimed).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(app.query("SELECT state FROM outbound_email ORDER BY id")).extracting(row -> row.get("state"))
			.containsExactly("SENDING", "SENDING", "SENDING");
	}

}
