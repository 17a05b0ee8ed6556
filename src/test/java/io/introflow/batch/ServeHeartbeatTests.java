package io.introflow.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.cli.WebServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} says it is alive in {@code serve_heartbeat} and runs the due night by
 * itself; a night whose emails carry public links warns when no {@code serve} has been
 * seen for a day.
 */
class ServeHeartbeatTests {

	private static final String PUBLIC_BASE_URL = "https://intro.introflow.example";

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void aNightWarnsWhenItsPublicLinksHaveNoServer() throws Exception {
		Installation.Run run = app.run(withPublicBaseUrl(), "run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).as(run.err()).isZero();
		String text = Files.readString(app.home().resolve("reports/nightly-2026-03-02.txt"));
		assertThat(text).contains("Warnings", "introflow serve has never run on this database",
				"one-click unsubscribe links and the introduction pages in the emails have no server");
		assertThat(warningsInJson("2026-03-02")).anySatisfy(w -> assertThat(w).contains("have no server"));
		// the CLI never beats: only serve does
		assertThat(app.count("SELECT COUNT(*) FROM serve_heartbeat")).isZero();
	}

	@Test
	void serveBeatsAndRunsTheDueNightByItselfAndThenNoNightWarns() throws Exception {
		Map<String, Object> settings = withPublicBaseUrl();
		settings.put("introflow.schedule.enabled", true);
		settings.put("introflow.schedule.zone", "UTC");
		settings.put("introflow.schedule.nightly-at", "00:00");
		try (WebServer server = app.serve(settings)) {
			JdbcClient jdbc = server.context().getBean(JdbcClient.class);
			// the first tick, at start, runs today's night: its time (00:00 UTC) has
			// passed
			awaitAtMost(Duration.ofMinutes(3),
					() -> jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'")
						.query(Long.class)
						.single() > 0);
			List<Map<String, Object>> beats = jdbc.sql("SELECT instance, started_at, seen_at FROM serve_heartbeat")
				.query()
				.listOfRows();
			assertThat(beats).singleElement()
				.satisfies(beat -> assertThat((String) beat.get("INSTANCE"))
					.endsWith(":" + ProcessHandle.current().pid()));
		}

		Installation.Run run = app.run(withPublicBaseUrl(), "run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(Files.readString(app.home().resolve("reports/nightly-2026-03-02.txt"))).doesNotContain("no server");
		assertThat(warningsInJson("2026-03-02")).noneSatisfy(w -> assertThat(w).contains("no server"));
	}

	private Map<String, Object> withPublicBaseUrl() {
		Map<String, Object> settings = new HashMap<>(app.settings());
		settings.put("introflow.sending.public-base-url", PUBLIC_BASE_URL);
		return settings;
	}

	private List<String> warningsInJson(String day) throws IOException {
		JsonNode report = JsonMapper.builder()
			.build()
			.readTree(Files.readString(app.home().resolve("reports/nightly-" + day + ".json")));
		return report.get("warnings").valueStream().map(JsonNode::asString).toList();
	}

	private static void awaitAtMost(Duration limit, java.util.function.BooleanSupplier condition)
			throws InterruptedException {
		Instant until = Instant.now().plus(limit);
		while (!condition.getAsBoolean()) {
			assertThat(Instant.now()).as("waited %s", limit).isBefore(until);
			Thread.sleep(200);
		}
	}

}
