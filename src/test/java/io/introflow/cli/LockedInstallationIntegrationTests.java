package io.introflow.cli;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.batch.RunLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second process on an installation another run holds exits 1 ("job failed", try
 * later), not 2 ("bad configuration"), and names the run it waits for.
 */
class LockedInstallationIntegrationTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void secondProcessOnAnOpenH2DatabaseExitsOneAndNamesTheRun() throws Exception {
		// given: the database exists, and this JVM plays the nightly run: it holds the
		// run lock and the H2 file open
		assertThat(app.run("status").exitCode()).isZero();
		try (RunLock lock = RunLock.acquire(RunLock.file(app.home()), "run nightly 2026-12-01");
				Connection open = DriverManager.getConnection(app.jdbcUrl(), "sa", "")) {
			// when: a second process starts a run on the same installation
			Process second = app.startChild("256m", "run", "nightly", "--date=2026-12-01");
			assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();

			// then
			String printed = Files.readString(app.home().resolve("child.log"));
			assertThat(second.exitValue()).as(printed).isEqualTo(1);
			assertThat(printed).contains("in use by another Introflow process")
				.contains("run nightly 2026-12-01")
				.contains("process " + ProcessHandle.current().pid());
		}
	}

	@Test
	void commandRefusedTheRunLockExitsOneAndNamesTheRun() {
		try (RunLock lock = RunLock.acquire(RunLock.file(app.home()), "run nightly 2026-12-01")) {
			Installation.Run send = app.run("send");

			assertThat(send.exitCode()).as(send.err()).isEqualTo(1);
			assertThat(send.err()).contains("another Introflow run holds this installation")
				.contains("run nightly 2026-12-01, process " + ProcessHandle.current().pid() + ", started ");
		}
		// and once the run is over, the same command goes ahead
		assertThat(app.run("send").exitCode()).isZero();
	}

}
