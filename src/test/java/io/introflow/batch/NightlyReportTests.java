package io.introflow.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly report as people and scripts read it, from a real night: real files, H2 and
 * GreenMail.
 */
class NightlyReportTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws IOException {
		app.inbox("clients.csv",
				"""
						email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone
						alice@acme.example,Alice Archer,Acme Corp,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,UTC
						bob@bolt.example,Bob Brown,Bolt Ltd,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,UTC
						""");
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at
				alice@acme.example,praise,2026-03-01
				bob@bolt.example,praise,2026-03-01
				nobody@,praise,2026-03-01
				""");
	}

	@Test
	void printsAnAlignedTableOfStepsInPlainWordsAndTheFunnelAsTables() throws IOException {
		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).as(run.err()).isZero();
		String report = Files.readString(app.home().resolve("reports/nightly-2026-03-02.txt"));
		assertThat(run.out()).isEqualTo(report);
		List<String> rows = report.lines().filter(l -> l.matches("  (step|[a-zA-Z]+) +(status|completed) .*")).toList();
		assertThat(rows).hasSize(NightlyJobConfiguration.STEPS.size());
		// every row's status and duration start in the same columns as the header's
		int status = rows.get(0).indexOf("status");
		int took = rows.get(0).indexOf("took");
		assertThat(rows).allSatisfy(r -> {
			assertThat(r.substring(status)).startsWith(r.startsWith("  step") ? "status" : "completed");
			assertThat(r.charAt(took - 1)).isEqualTo(' ');
			assertThat(r.substring(took)).matches("\\s*[0-9.]+ (s|min) .*|took .*");
		});
		assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("  sendOutbox").contains("2 sent, 0 failed"));
		assertThat(rows).anySatisfy(
				r -> assertThat(r).startsWith("  fetchReplies").endsWith("no new messages; no replies to read"));
		assertThat(report).contains("Rejected rows: listed in " + app.home().resolve("reports/rejects-2026-03-02.csv"),
				"No email failed or is in doubt.", "Introductions by state", "value sent");
		assertThat(report).doesNotContain("{", "}", "COMPLETED", "VALUE_SENT", "=");
	}

	@Test
	void showsEachStepsDurationAndRateInItemsPerSecond() throws IOException {
		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).as(run.err()).isZero();
		List<String> rows = Files.readString(app.home().resolve("reports/nightly-2026-03-02.txt"))
			.lines()
			.filter(l -> l.matches("  (step|[a-zA-Z]+) +(status|completed) .*"))
			.toList();
		assertThat(rows.get(0)).matches("  step +status +took +rate +what it did");
		// the figures depend on the machine; the format does not
		String took = " +[0-9.]+ (s|min [0-9]+ s) +";
		assertThat(rows).anySatisfy(r -> assertThat(r).matches("  checkTemplates +completed" + took + "- +all .*"));
		for (String[] step : new String[][] { { "importClients", "rows" }, { "importTriggers", "rows" },
				{ "fetchReplies", "replies" }, { "planIntroductions", "introductions" },
				{ "composeDueSteps", "emails" }, { "sendOutbox", "emails" } }) {
			assertThat(rows).anySatisfy(r -> assertThat(r)
				.matches("  " + step[0] + " +completed" + took + "[0-9][0-9,]* " + step[1] + "/s +\\S.*"));
		}

		JsonNode night = JsonMapper.builder()
			.build()
			.readTree(app.home().resolve("reports/nightly-2026-03-02.json").toFile());
		JsonNode triggers = night.get("steps")
			.valueStream()
			.filter(s -> s.get("name").asString().equals("importTriggers"))
			.findFirst()
			.orElseThrow();
		assertThat(triggers.get("items").asLong()).isEqualTo(3);
		assertThat(triggers.get("itemUnit").asString()).isEqualTo("rows");
		assertThat(triggers.get("itemsPerSecond").isIntegralNumber()).isTrue();
		assertThat(triggers.get("durationMillis").isIntegralNumber()).isTrue();
		JsonNode check = night.get("steps")
			.valueStream()
			.filter(s -> s.get("name").asString().equals("checkTemplates"))
			.findFirst()
			.orElseThrow();
		assertThat(check.get("itemsPerSecond").isNull()).isTrue();
	}

	@Test
	void writesTheSameNightAsJsonAndPrintsItWithJson() throws IOException {
		app.run("run", "nightly", "--date=2026-03-02");

		Installation.Run again = app.run("run", "nightly", "--date=2026-03-02", "--json");

		assertThat(again.exitCode()).as(again.err()).isZero();
		String file = Files.readString(app.home().resolve("reports/nightly-2026-03-02.json"));
		assertThat(again.out()).isEqualTo(file);
		JsonNode night = JsonMapper.builder().build().readTree(file);
		assertThat(night.get("date").asString()).isEqualTo("2026-03-02");
		assertThat(night.get("steps").valueStream().map(s -> s.get("name").asString()).toList())
			.containsExactlyElementsOf(
					NightlyJobConfiguration.STEPS.subList(0, NightlyJobConfiguration.STEPS.size() - 1));
		JsonNode send = night.get("steps")
			.valueStream()
			.filter(s -> s.get("name").asString().equals("sendOutbox"))
			.findFirst()
			.orElseThrow();
		assertThat(send.get("status").asString()).isEqualTo("completed");
		assertThat(send.get("counts").get("sent").asInt()).isEqualTo(2);
		JsonNode triggers = night.get("steps")
			.valueStream()
			.filter(s -> s.get("name").asString().equals("importTriggers"))
			.findFirst()
			.orElseThrow();
		assertThat(triggers.get("counts").get("rejected").asInt()).isEqualTo(1);
		assertThat(night.get("funnel")
			.get("states")
			.valueStream()
			.filter(s -> s.get("state").asString().equals("value_sent"))
			.findFirst()
			.orElseThrow()
			.get("introductions")
			.asInt()).isEqualTo(2);
		assertThat(night.get("warnings").isArray()).isTrue();
		assertThat(night.get("failedEmails").isEmpty()).isTrue();
		assertThat(app.greenMail().getReceivedMessages()).hasSize(2);
	}

}
