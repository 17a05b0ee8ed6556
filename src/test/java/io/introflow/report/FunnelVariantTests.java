package io.introflow.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The A/B funnel counts asks actually sent, read from a real H2 database migrated with
 * the shipped migrations and filled as the nightly run leaves it.
 */
class FunnelVariantTests {

	private JdbcClient jdbc;

	private Funnel funnel;

	@BeforeEach
	void database() {
		JdbcDataSource data = new JdbcDataSource();
		data.setURL("jdbc:h2:mem:funnel" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure()
			.dataSource(data)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.load()
			.migrate();
		jdbc = JdbcClient.create(data);
		funnel = new Funnel(jdbc, null, null, null);
	}

	@Test
	void anIntroductionWhoseValueEmailBouncedIsNotCountedAsAsked() {
		long bounced = introduction("A", "BOUNCED");
		email(bounced, "value", "FAILED", "value");

		assertThat(funnel.variants()).containsExactly(new FunnelCounts.Variant("A", 0, 0));
	}

	@Test
	void anIntroductionWhoseAskWasSentIsCountedOnce() {
		long asked = introduction("B", "ASKED");
		email(asked, "value", "SENT", "value");
		email(asked, "ask", "SENT", "ask");
		email(asked, "ask-2", "SENT", "ask-2 (ask)");

		assertThat(funnel.variants()).containsExactly(new FunnelCounts.Variant("B", 1, 0));
	}

	@Test
	void anAskQueuedButNotYetSentOrRefusedIsNotCounted() {
		long queued = introduction("A", "ASKED");
		email(queued, "value", "SENT", "value");
		email(queued, "ask", "QUEUED", "ask");
		long refused = introduction("A", "BOUNCED");
		email(refused, "value", "SENT", "value");
		email(refused, "ask", "FAILED", "ask");
		long introduced = introduction("B", "INTRODUCED");
		email(introduced, "ask", "SENT", "ask");

		assertThat(funnel.variants()).containsExactly(new FunnelCounts.Variant("A", 0, 0),
				new FunnelCounts.Variant("B", 1, 1));
	}

	private long introduction(String variant, String state) {
		long id = jdbc.sql("SELECT COUNT(*) + 1 FROM introduction").query(Long.class).single();
		jdbc.sql(
				"""
						INSERT INTO introduction (id, token, referrer_email, owner_email, owner_name, segment, variant, state,
						  created_on, updated_at) VALUES (?, ?, ?, 'owner@introflow.example', 'Owner', 'customer', ?, ?, ?, ?)""")
			.params(id, "t" + id, "r" + id + "@acme.example", variant, state, LocalDate.of(2026, 3, 2),
					OffsetDateTime.now())
			.update();
		return id;
	}

	/**
	 * An outbound email in a delivery state, and the STEP_QUEUED event the composer
	 * records with it.
	 */
	private void email(long intro, String step, String state, String detail) {
		long id = jdbc.sql("SELECT COUNT(*) + 1 FROM outbound_email").query(Long.class).single();
		jdbc.sql(
				"""
						INSERT INTO outbound_email (id, introduction_id, step_key, message_id, recipient, sender, subject, state,
						  attempts, created_at) VALUES (?, ?, ?, ?, 'r@acme.example', 'owner@introflow.example', 'Hello', ?, 1, ?)""")
			.params(id, intro, step, "<" + id + "@introflow.example>", state, OffsetDateTime.now())
			.update();
		jdbc.sql("""
				INSERT INTO intro_event (introduction_id, occurred_on, recorded_at, type, cause, detail)
				VALUES (?, ?, ?, 'STEP_QUEUED', ?, ?)""")
			.params(intro, LocalDate.of(2026, 3, 2), OffsetDateTime.now(), "outbound:" + id, detail)
			.update();
	}

}
