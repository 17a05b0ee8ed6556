package io.introflow.demo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.introflow.cli.IntroflowMain;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code introflow demo} as a new user runs it: every promised outcome, and the emails as files. */
class DemoTests {

	@Test
	void reachesEveryPromisedOutcomeAndWritesTheEmailsAsFiles(@TempDir Path output) throws Exception {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int code = IntroflowMain.execute(new String[] { "demo", "--home=.", "--output=" + output }, Map.of(),
				new PrintWriter(out), new PrintWriter(err));

		assertThat(code).as(out + "\n" + err).isZero();
		assertThat(out.toString()).contains("[ok] an introduction was made and thanked", "[ok] a client agreed",
				"[ok] a client declined", "[ok] an out-of-office reply postponed a step",
				"[ok] a referrer was asked again after the 14-day cool-down", "[ok] a partner got the monthly partner summary")
			.doesNotContain("MISSING")
			.contains("asked -> introduced", "asked -> agreed", "asked -> declined", "postponed");
		List<Path> emails;
		try (Stream<Path> files = Files.list(output.resolve("emails"))) {
			emails = files.sorted().toList();
		}
		assertThat(emails).extracting(p -> p.getFileName().toString())
			.anyMatch(name -> name.contains("-value-"))
			.anyMatch(name -> name.contains("-ask-"))
			.anyMatch(name -> name.contains("-thank-you-"))
			.anyMatch(name -> name.contains("-partner-summary-2026-11-isabel.moreno"));
		assertThat(Files.readString(emails.get(0))).contains("Message-ID: <value.", "Reply-To: reply+");
		// the value is delivered: a customer's value email carries the bundled checklist (batch-config/value-offers.yml)
		assertThat(emails).filteredOn(p -> p.getFileName().toString().contains("-value-anna.berg"))
			.singleElement()
			.satisfies(p -> assertThat(Files.readString(p)).contains("Content-Type: multipart/mixed",
					"filename=go-live-checklist.md"));
	}

	@Test
	void refusesTooFewDaysForTheRepliesToBeRead(@TempDir Path output) {
		int code = IntroflowMain.execute(new String[] { "demo", "--home=.", "--days=2", "--output=" + output },
				Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));

		assertThat(code).isEqualTo(2);
	}

}
