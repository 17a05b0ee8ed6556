package io.introflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code introflow templates check} and {@code preview}, as a sales rep runs them after
 * an edit.
 */
class TemplatesCommandTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void checkExitsZeroForTheShippedTemplatesAndOneNamingFileAndLineForABrokenOne() throws IOException {
		Installation.Run good = app.run("templates", "check");
		Path file = app.home().resolve("templates/thank-you/default/a.md");
		Files.writeString(file, Files.readString(file).replace("${owner.name}", "${owner.nmae}"));
		Installation.Run broken = app.run("templates", "check");

		assertThat(good.exitCode()).as(good.err()).isZero();
		assertThat(good.out()).contains("emails checked, no problems");
		assertThat(broken.exitCode()).isEqualTo(1);
		assertThat(broken.err()).contains("templates/thank-you/default/a.md:9:3:", "${owner.nmae}",
				"the nightly run will not send until they are fixed");
	}

	@Test
	void previewWritesAnEmlAndAnHtmlFileWithSampleData() throws IOException {
		Installation.Run run = app.run("templates", "preview", "ask", "--segment=partner", "--form=optin",
				"--output=" + app.home().resolve("out"));

		assertThat(run.exitCode()).as(run.err()).isZero();
		List<String> lines = run.out().lines().toList();
		Path eml = Path.of(lines.get(1));
		Path html = Path.of(lines.get(2));
		assertThat(eml).exists().hasFileName("ask-rita.referrer@client.example.eml");
		assertThat(Files.readString(eml)).contains("Subject: An introduction, Rita?", "Message-ID: <ask.");
		assertThat(Files.readString(html)).contains("Ask whether an introduction is welcome");
	}

	@Test
	void previewWithAContactUsesTheirRealDataAndLocale() throws IOException {
		app.inbox("clients.csv", """
				email,name,company,relationship,owner_email,owner_name,locale
				jonas@weber.example,Jonas Weber,Weber IT,customer,maria@introflow.example,Maria Lopez,de
				""");
		app.run("run", "nightly", "--date=2026-03-02");

		Installation.Run run = app.run("templates", "preview", "thank-you", "--contact=JONAS@weber.example",
				"--output=" + app.home().resolve("out"));
		Installation.Run unknown = app.run("templates", "preview", "thank-you", "--contact=nobody@x.example");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).contains("Subject: Vielen Dank, Jonas");
		assertThat(Files.readString(app.home().resolve("out/thank-you-jonas@weber.example.html")))
			.contains("Hallo Jonas", "Maria Lopez");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.err()).contains("no contact with address nobody@x.example");
	}

}
