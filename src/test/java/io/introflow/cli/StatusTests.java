package io.introflow.cli;

import java.io.IOException;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code introflow status} as operators and scripts read it: judged on the last completed
 * night unless --date says otherwise, as tables or JSON; real H2 database, real nightly
 * run against GreenMail.
 */
class StatusTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws IOException {
		// carol's relationship began on 20 February: too young to be asked on 2 March (30
		// days), not in December
		app.inbox("clients.csv", """
				email,name,relationship,owner_email,since
				alice@acme.example,Alice Archer,customer,maria.lopez@introflow.example,2025-01-01
				carol@cobalt.example,Carol Chen,customer,maria.lopez@introflow.example,2026-02-20
				""");
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at
				alice@acme.example,praise,2026-03-01
				""");
	}

	@Test
	void judgesAContactOnTheLastCompletedNightAndSaysSo() {
		Installation.Run night = app.run("run", "nightly", "--date=2026-03-02");
		assertThat(night.exitCode()).as(night.err()).isZero();

		Installation.Run status = app.run("status", "--contact", "carol@cobalt.example");
		Installation.Run onAnotherDay = app.run("status", "--contact", "carol@cobalt.example", "--date=2026-12-01");
		Installation.Run json = app.run("status", "--contact", "carol@cobalt.example", "--json");

		assertThat(status.exitCode()).as(status.err()).isZero();
		assertThat(status.out()).contains("Judged on 2026-03-02, the date of the last completed nightly run",
				"on 2026-03-02: not asked: relationship began on 2026-02-20; first ask from 2026-03-22");
		assertThat(onAnotherDay.out()).contains("Judged on 2026-12-01 (--date)", "on 2026-12-01: may be asked");
		JsonNode carol = JsonMapper.builder().build().readTree(json.out());
		assertThat(carol.get("date").asString()).isEqualTo("2026-03-02");
		assertThat(carol.get("dateSource").asString()).isEqualTo("last_night");
		assertThat(carol.get("mayBeAsked").asBoolean()).isFalse();
		assertThat(carol.get("notAskedBecause").asString()).startsWith("relationship began on 2026-02-20");
	}

	@Test
	void showsTheFunnelAndIntroductionsAsTablesAndAsJson() {
		app.run("run", "nightly", "--date=2026-03-02");
		String token = app.run("status", "--json").out();

		Installation.Run tables = app.run("status");
		JsonNode json = JsonMapper.builder().build().readTree(token);

		assertThat(tables.out()).contains("Last completed nightly run: 2026-03-02.", "Introductions by state",
				"Introductions\n  token ");
		JsonNode intro = json.get("introductions").get(0);
		assertThat(tables.out()).containsPattern(
				"  " + intro.get("token").asString() + "  value sent  alice@acme\\.example  ask +2026-03-04");
		assertThat(tables.out()).doesNotContain("VALUE_SENT", "{");
		assertThat(intro.get("state").asString()).isEqualTo("value_sent");
		assertThat(json.get("funnel").get("emails").get(0).get("delivery").asString()).isEqualTo("sent");
	}

	@Test
	void judgesOnTodayAndSaysSoWhenNoNightHasCompleted() {
		Installation.Run imported = app.run("import", app.home().resolve("inbox/clients.csv").toString(),
				"--type=clients", "--date=2026-03-02");
		assertThat(imported.exitCode()).as(imported.err()).isZero();

		Installation.Run status = app.run("status", "--contact", "carol@cobalt.example");

		assertThat(status.exitCode()).as(status.err()).isZero();
		assertThat(status.out()).contains("Judged on today, " + LocalDate.now() + ": no nightly run has completed yet.",
				"on " + LocalDate.now() + ": ");
	}

}
