package io.introflow.batch;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

import io.introflow.Installation;
import io.introflow.PostgresCluster;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production database: every Flyway migration and the nightly job (import, plan,
 * compose, send, replies) against a real PostgreSQL 15 started for this test.
 */
class PostgresIntegrationTests {

	@RegisterExtension
	static final PostgresCluster.PerClass postgres = new PostgresCluster.PerClass();

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void migratesImportsSendsAndReadsRepliesOnPostgres() throws Exception {
		app.inbox("clients.csv", """
				email,name,company,relationship,owner_email,owner_name,tier
				alice@acme.example,Alice Archer,Acme,customer,maria@introflow.example,Maria Lopez,gold
				bob@bolt.example,Bob Brown,Bolt,partner,maria@introflow.example,Maria Lopez,
				""");
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at,prospect_name,prospect_email
				alice@acme.example,go_live,2026-03-01,Paul Park,paul@prospect.example
				bob@bolt.example,praise,2026-03-01,,
				""");
		Map<String, Object> settings = postgres.settings(app.settings());

		Installation.Run first = app.run(settings, "run", "nightly", "--date=2026-03-02");
		Installation.Run again = app.run(settings, "run", "nightly", "--date=2026-03-02");
		app.inbox("clients.csv", """
				email,name,company,relationship,owner_email,owner_name,tier
				alice@acme.example,Alice Archer,Acme,customer,maria@introflow.example,Maria Lopez,gold
				nul@nul.example,"=Nu\u0000l",Nul,customer,maria@introflow.example,Maria Lopez,
				""");
		Installation.Run ask = app.run(settings, "run", "nightly", "--date=2026-03-04");

		assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
		assertThat(first.out()).contains("2 new", "2 planned", "2 sent");
		assertThat(again.out()).contains("already completed");
		assertThat(ask.exitCode()).as(ask.out() + ask.err()).isZero();
		assertThat(ask.out()).contains("2 rows read, 0 new, 0 updated, 1 unchanged, 1 rejected", "2 sent");
		// a rejected value with a NUL (which PostgreSQL's text refuses) is stored, and
		// written out safe
		assertThat(app.home().resolve("reports/rejects-2026-03-04.csv")).content()
			.contains("clients.csv,3,name,'=Nu\uFFFDl,contains a line break or control character");
		assertThat(app.greenMail().getReceivedMessages()).hasSize(4);
		try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
				ResultSet rs = c.createStatement().executeQuery("""
						SELECT (SELECT COUNT(*) FROM outbound_email WHERE state = 'SENT'),
						  (SELECT COUNT(*) FROM introduction WHERE state = 'ASKED'),
						  (SELECT attributes FROM contact WHERE email = 'alice@acme.example'),
						  (SELECT COUNT(*) FROM flyway_schema_history WHERE success),
						  (SELECT COUNT(*) FROM batch_job_execution WHERE status = 'COMPLETED')""")) {
			rs.next();
			assertThat(rs.getLong(1)).isEqualTo(4);
			assertThat(rs.getLong(2)).isEqualTo(2);
			assertThat(rs.getString(3)).isEqualTo("{\"tier\":\"gold\"}");
			assertThat(rs.getLong(4)).isGreaterThanOrEqualTo(7);
			assertThat(rs.getLong(5)).isEqualTo(2);
		}
		// the run lock and the send journal live in the database: nothing needs a local
		// data/ folder
		assertThat(app.home().resolve("data")).doesNotExist();
	}

	@Test
	void runOnAnotherHostIsRefusedWhileTheAdvisoryLockIsHeldAndGoesAheadOnceItsSessionDies() throws Exception {
		Map<String, Object> settings = postgres.settings(app.settings());
		PGSimpleDataSource otherHost = new PGSimpleDataSource();
		otherHost.setURL(postgres.jdbcUrl());
		otherHost.setUser(postgres.user());
		// a process elsewhere holds the installation's lock (no properties: on PostgreSQL
		// no file is used)
		RunLock held = new RunLocks(null, otherHost).acquire("run nightly 2026-03-01");
		try {
			// a plain send takes the run lock (the database is shared with the other
			// test: nothing new to send)
			Installation.Run refused = app.run(settings, "send");

			assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
			assertThat(refused.err()).contains("another Introflow run holds this installation",
					"run nightly 2026-03-01", "PostgreSQL session");
			// the holder dies without unlocking (kill -9 ends its session): PostgreSQL
			// frees the lock
			try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
					ResultSet rs = c.createStatement()
						.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
								+ " AND granted AND objid = " + (RunLocks.KEY & 0xffffffffL))) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getBoolean(1)).isTrue();
			}
			Installation.Run after = app.run(settings, "send");

			assertThat(after.exitCode()).as(after.out() + after.err()).isZero();
			assertThat(app.home().resolve("data")).doesNotExist();
		}
		finally {
			held.close();
		}
	}

}
