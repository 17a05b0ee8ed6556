package io.introflow.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.introflow.report.FunnelBreakdown.Group;
import io.introflow.report.FunnelBreakdown.Grouping;
import io.introflow.report.FunnelBreakdown.Stage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The funnel per group counts the rows of a real H2 database (migrated with the shipped
 * migrations) with the stages of {@code introflow status}: asked when the ask email was
 * sent, a later stage while the state is there or further. One database, read by every
 * test.
 */
class FunnelBreakdownTests {

	private static final String MARIA = "maria.lopez@introflow.example";

	private static final String SOFIA = "sofia.rossi@introflow.example";

	private static JdbcClient jdbc;

	private static FunnelBreakdown breakdown;

	@BeforeAll
	static void database() {
		JdbcDataSource data = new JdbcDataSource();
		data.setURL("jdbc:h2:mem:breakdown" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure()
			.dataSource(data)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.load()
			.migrate();
		jdbc = JdbcClient.create(data);
		breakdown = new FunnelBreakdown(jdbc);
		// given: Maria's three introductions asked in March (won, agreed, declined), one
		// planned in April;
		// Sofia's two asked in April (one introduced without its ask sent: a person's
		// correction), one lost
		asked(introduction(MARIA, "customer", "A", "WON", "go_live", LocalDate.of(2026, 3, 4)));
		asked(introduction(MARIA, "customer", "B", "AGREED", "go_live", LocalDate.of(2026, 3, 9)));
		asked(introduction(MARIA, "customer", "A", "DECLINED", "nps_promoter", LocalDate.of(2026, 3, 20)));
		introduction(MARIA, "customer", "A", "PLANNED", null, null);
		introduction(SOFIA, "enterprise", "B", "INTRODUCED", "go_live", LocalDate.of(2026, 4, 1));
		asked(introduction(SOFIA, "enterprise", "A", "LOST", "manual", LocalDate.of(2026, 4, 2)));
	}

	@Test
	void countsEachOwnersIntroductionsAtTheStageTheirStateReached() {
		List<Group> owners = breakdown.by(Grouping.OWNER, Optional.empty());

		assertThat(owners).extracting(Group::name).containsExactly(MARIA, SOFIA);
		// asked, agreed, introduced, engaged, meeting, won
		assertThat(owners.get(0).counts()).containsExactly(3L, 2L, 1L, 1L, 1L, 1L);
		assertThat(owners.get(0).introductions()).isEqualTo(4);
		assertThat(owners.get(1).counts()).containsExactly(1L, 2L, 2L, 1L, 1L, 0L);
		assertThat(owners.get(0).percent(Stage.AGREED.ordinal())).isEqualTo(67);
		assertThat(owners.get(1).percent(Stage.WON.ordinal())).isZero();
		assertThat(owners.get(0).percent(Stage.ASKED.ordinal())).isNull();
	}

	@Test
	void groupsByTheMonthAskedTheTriggerTypeAndTheSegment() {
		assertThat(breakdown.by(Grouping.MONTH, Optional.empty())).extracting(Group::name, g -> g.at(Stage.ASKED))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("2026-03", 3L),
					org.assertj.core.groups.Tuple.tuple("2026-04", 1L));
		assertThat(breakdown.by(Grouping.TRIGGER, Optional.empty())).extracting(Group::name, Group::introductions)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("go_live", 3L),
					org.assertj.core.groups.Tuple.tuple("manual", 1L), org.assertj.core.groups.Tuple.tuple("none", 1L),
					org.assertj.core.groups.Tuple.tuple("nps_promoter", 1L));
		assertThat(breakdown.by(Grouping.SEGMENT, Optional.empty())).extracting(Group::name, g -> g.at(Stage.MEETING))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("customer", 1L),
					org.assertj.core.groups.Tuple.tuple("enterprise", 1L));
	}

	@Test
	void anOwnerSeesOnlyTheirOwnIntroductions() {
		assertThat(breakdown.by(Grouping.OWNER, Optional.of("Sofia.Rossi@introflow.example"))).extracting(Group::name)
			.containsExactly(SOFIA);
		assertThat(breakdown.all(Optional.of(SOFIA)).values())
			.allSatisfy(groups -> assertThat(FunnelBreakdown.total(groups).introductions()).isEqualTo(2));
	}

	@Test
	void theVariantsAskedAndIntroducedAreThoseOfTheStatusReport() {
		Funnel funnel = new Funnel(jdbc, null, null, null);

		assertThat(breakdown.by(Grouping.VARIANT, Optional.empty()))
			.extracting(g -> new FunnelCounts.Variant(g.name(), g.at(Stage.ASKED), g.at(Stage.INTRODUCED)))
			.containsExactlyElementsOf(funnel.variants());
	}

	private static long introduction(String owner, String segment, String variant, String state, String triggerType,
			LocalDate askedOn) {
		Long trigger = null;
		if (triggerType != null) {
			jdbc.sql("""
					INSERT INTO intro_trigger (contact_email, type, occurred_on, status, created_at)
					VALUES (?, ?, ?, 'PLANNED', ?)""")
				.params("r" + System.nanoTime() + "@acme.example", triggerType, LocalDate.of(2026, 3, 1),
						OffsetDateTime.now())
				.update();
			trigger = jdbc.sql("SELECT MAX(id) FROM intro_trigger").query(Long.class).single();
		}
		long id = jdbc.sql("SELECT COUNT(*) + 1 FROM introduction").query(Long.class).single();
		jdbc.sql("""
				INSERT INTO introduction (id, token, referrer_email, owner_email, owner_name, segment, variant, state,
				  trigger_id, asked_on, created_on, updated_at) VALUES (?, ?, ?, ?, 'Owner', ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, "t" + id, "r" + id + "@acme.example", owner, segment, variant, state, trigger, askedOn,
					LocalDate.of(2026, 4, 20), OffsetDateTime.now())
			.update();
		return id;
	}

	/** The ask email, sent, and the STEP_QUEUED event the composer records with it. */
	private static void asked(long intro) {
		long id = jdbc.sql("SELECT COUNT(*) + 1 FROM outbound_email").query(Long.class).single();
		jdbc.sql(
				"""
						INSERT INTO outbound_email (id, introduction_id, step_key, message_id, recipient, sender, subject, state,
						  attempts, created_at) VALUES (?, ?, 'ask', ?, 'r@acme.example', 'owner@introflow.example', 'Hi', 'SENT',
						  1, ?)""")
			.params(id, intro, "<" + id + "@introflow.example>", OffsetDateTime.now())
			.update();
		jdbc.sql("""
				INSERT INTO intro_event (introduction_id, occurred_on, recorded_at, type, cause, detail)
				VALUES (?, ?, ?, 'STEP_QUEUED', ?, 'ask')""")
			.params(intro, LocalDate.of(2026, 3, 2), OffsetDateTime.now(), "outbound:" + id)
			.update();
	}

}
