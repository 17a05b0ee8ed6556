package io.introflow.batch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two 300 MB clients files that a parser would otherwise gather whole into memory: a
 * stray opening quote near the top, and a first line that never ends. The night runs in a
 * JVM of its own with a 256 MB heap: both files go to {@code failed/} with their reason,
 * and the clients and triggers files beside them import as on any night.
 */
class HugeCsvIntegrationTests {

	private static final long SIZE = 300L * 1024 * 1024;

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void hugeFilesWithAStrayQuoteOrAnEndlessFirstLineGoToFailedAndTheNightGoesOn() throws Exception {
		// given
		writeStrayQuoteFile(app.home().resolve("inbox/clients-a.csv"));
		writeEndlessFirstLine(app.home().resolve("inbox/clients-b.csv"));
		app.inbox("clients-c.csv", """
				email,name,relationship,owner_email
				alice@acme.example,Alice Archer,customer,maria@introflow.example
				bob@bolt.example,Bob Brown,partner,maria@introflow.example
				""");
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at
				alice@acme.example,praise,2026-03-01
				bob@bolt.example,go_live,2026-03-01
				""");

		// when
		Process night = app.startChild("256m", "run", "nightly", "--date=2026-03-02");
		boolean ended = night.waitFor(150, TimeUnit.SECONDS);
		if (!ended) {
			night.destroyForcibly().waitFor();
		}
		String log = Files.readString(app.home().resolve("child.log"));

		// then
		assertThat(ended).as("the night ends within 150 s:\n" + log).isTrue();
		assertThat(night.exitValue()).as(log).isZero();
		assertThat(log).doesNotContain("OutOfMemoryError");
		Path failed = app.home().resolve("failed/2026-03-02");
		assertThat(Files.size(failed.resolve("clients-a.csv"))).isGreaterThanOrEqualTo(SIZE);
		assertThat(Files.size(failed.resolve("clients-b.csv"))).isGreaterThanOrEqualTo(SIZE);
		assertThat(failed.resolve("clients-a.csv.reason.txt")).content()
			.startsWith("clients-a.csv: the row at line 3 runs on past 500000 characters (a quote that never closes, "
					+ "or no line breaks); nothing was imported from this file");
		assertThat(failed.resolve("clients-b.csv.reason.txt")).content()
			.startsWith("clients-b.csv: the row at line 1 runs on past 500000 characters");
		assertThat(log).contains("Files not imported", "  clients-a.csv: the row at line 3 runs on past",
				"  clients-b.csv: the row at line 1 runs on past");
		assertThat(app.query("SELECT email FROM contact ORDER BY email")).extracting(r -> r.get("email"))
			.containsExactly("alice@acme.example", "bob@bolt.example");
		assertThat(app.count("SELECT COUNT(*) FROM intro_trigger")).isEqualTo(2);
		assertThat(app.home().resolve("processed/2026-03-02/triggers.csv")).exists();
		assertThat(app.home().resolve("processed/2026-03-02/clients-c.csv")).exists();
		assertThat(app.home().resolve("inbox")).isEmptyDirectory();
	}

	/** A valid file of 300 MB whose third line opens a quote that never closes. */
	private static void writeStrayQuoteFile(Path file) throws IOException {
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
			out.write("""
					email,name,relationship,owner_email
					anna@a.example,Anna,customer,maria@introflow.example
					ben@b.example,"Ben,customer,maria@introflow.example
					""".getBytes(StandardCharsets.UTF_8));
			byte[] row = "cy@c.example,Cy,customer,maria@introflow.example\n".getBytes(StandardCharsets.UTF_8);
			for (long written = 0; written < SIZE; written += row.length) {
				out.write(row);
			}
		}
	}

	/** 300 MB without a single line break: a header that goes on and on. */
	private static void writeEndlessFirstLine(Path file) throws IOException {
		byte[] block = "x,".repeat(512 * 1024).getBytes(StandardCharsets.US_ASCII);
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
			out.write("email,name,relationship,owner_email,".getBytes(StandardCharsets.US_ASCII));
			for (long written = 0; written < SIZE; written += block.length) {
				out.write(block);
			}
		}
	}

}
