package io.introflow.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.bench.ClientsFileGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the nightly run's JVM in the middle of a large clients file and runs the night
 * again: the import goes on from the last committed chunk (it does not read the file from
 * the start), and every row ends up imported once, and every rejected row is stored and
 * listed in the rejects file once (the killed chunk's rejects rolled back with it).
 */
class ImportRestartIntegrationTests {

	private static final int ROWS = 200_000;

	/** The import steps' chunk size (introflow.intake.chunk-size). */
	private static final int CHUNK = 1000;

	/**
	 * The generator puts a line break into one company name in a thousand; those rows are
	 * rejected.
	 */
	private static final int REJECTED = ROWS / 1000;

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws Exception {
		ClientsFileGenerator.write(app.home().resolve("inbox/clients.csv"), ROWS);
	}

	@Test
	void goesOnFromTheLastCommittedChunkAfterTheProcessWasKilled() throws Exception {
		Process child = app.startChild("256m", "run", "nightly", "--date=2026-03-02", "--verbose");
		waitForProgressLine(child);
		child.destroyForcibly().waitFor();
		assertThat(app.home().resolve("inbox/clients.csv")).as("killed before the file was archived").exists();

		Installation.Run again = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
		assertThat(app.count("SELECT COUNT(*) FROM contact")).isEqualTo(ROWS - REJECTED);
		List<Map<String, Object>> steps = app.query("""
				SELECT s.read_count, s.status FROM batch_step_execution s
				WHERE s.step_name = 'importClients' ORDER BY s.step_execution_id""");
		assertThat(steps).hasSize(2);
		long firstRead = ((Number) steps.get(0).get("read_count")).longValue();
		long secondRead = ((Number) steps.get(1).get("read_count")).longValue();
		assertThat(firstRead).as("the killed run committed some chunks").isPositive();
		assertThat(secondRead).as("the restart read only what was left").isLessThan(ROWS);
		assertThat(firstRead + secondRead).isBetween((long) ROWS, (long) ROWS + 1000);
		assertThat(app.home().resolve("processed/2026-03-02/clients.csv")).exists();
		// the killed chunk's rejects rolled back with it: each rejected row is stored and
		// listed once
		assertThat(app.count("SELECT COUNT(*) FROM import_reject")).isEqualTo(REJECTED);
		assertThat(app.count("SELECT COUNT(DISTINCT line_number) FROM import_reject")).isEqualTo(REJECTED);
		List<String> rejects;
		try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
			.setHeader()
			.get()
			.parse(Files.newBufferedReader(app.home().resolve("reports/rejects-2026-03-02.csv")))) {
			rejects = parser.stream().map(r -> r.get("file") + ":" + r.get("line")).toList();
		}
		assertThat(rejects).hasSize(REJECTED).doesNotHaveDuplicates();
	}

	private static long committedRowsLogged(String log) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("importClients: (\\d+) rows read \\(").matcher(log);
		long most = 0;
		while (m.find()) {
			most = Math.max(most, Long.parseLong(m.group(1)));
		}
		return most;
	}

	private void waitForProgressLine(Process child) throws Exception {
		Path log = app.home().resolve("child.log");
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		// the line is logged while a chunk is written, before it commits: a count above
		// one chunk means at least
		// one chunk has committed (on a loaded machine the first line can come in the
		// first chunk)
		while (!Files.exists(log) || committedRowsLogged(Files.readString(log)) <= CHUNK) {
			if (!child.isAlive()) {
				throw new AssertionError("the child run ended before it was killed:\n" + Files.readString(log));
			}
			if (Instant.now().isAfter(deadline)) {
				child.destroyForcibly();
				throw new AssertionError("no progress line in 3 minutes:\n" + Files.readString(log));
			}
			Thread.sleep(50);
		}
	}

}
