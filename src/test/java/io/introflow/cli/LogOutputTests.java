package io.introflow.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where log lines go: to reports/introflow.log in the home folder, to stderr only from
 * WARN up unless --verbose, and never to stdout, which carries only the command's output.
 */
class LogOutputTests {

	private static final String PROGRESS = "Replies: 0 forwarded to owners";

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@TempDir
	Path replies;

	PrintStream systemOut;

	PrintStream systemErr;

	ByteArrayOutputStream stdout = new ByteArrayOutputStream();

	ByteArrayOutputStream stderr = new ByteArrayOutputStream();

	@BeforeEach
	void install() throws IOException {
		systemOut = System.out;
		systemErr = System.err;
		System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restore() {
		System.setOut(systemOut);
		System.setErr(systemErr);
	}

	@Test
	void progressGoesToTheHomesLogFileAndNeitherToStdoutNorToStderr() throws IOException {
		Installation.Run run = app.run("replies", "--from-folder=" + replies);

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(app.home().resolve("reports/introflow.log")).content().contains(PROGRESS);
		assertThat(run.out()).isNotBlank().doesNotContain(PROGRESS).doesNotContain("INFO");
		assertThat(printed(stdout)).doesNotContain(PROGRESS).doesNotContain("INFO");
		assertThat(printed(stderr)).doesNotContain(PROGRESS);
	}

	@Test
	void verboseAlsoShowsProgressOnStderr() throws IOException {
		Installation.Run run = app.run("replies", "--from-folder=" + replies, "--verbose");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(printed(stderr)).contains("INFO", PROGRESS);
		assertThat(printed(stdout)).doesNotContain(PROGRESS);
		assertThat(app.home().resolve("reports/introflow.log")).content().contains(PROGRESS);
	}

	@Test
	void eachHomeGetsItsOwnLogFile(@TempDir Path otherHome) throws IOException {
		Installation other = new Installation(otherHome, app.mail());

		assertThat(other.run("replies", "--from-folder=" + replies).exitCode()).isZero();
		assertThat(app.run("replies", "--from-folder=" + replies).exitCode()).isZero();

		assertThat(otherHome.resolve("reports/introflow.log")).content().contains(PROGRESS);
		assertThat(app.home().resolve("reports/introflow.log")).content().contains(PROGRESS);
	}

	private static String printed(ByteArrayOutputStream stream) {
		return stream.toString(StandardCharsets.UTF_8);
	}

}
