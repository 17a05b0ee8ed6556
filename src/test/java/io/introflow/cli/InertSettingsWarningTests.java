package io.introflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A setting that leaves its feature inert is a warning at start and in the nightly
 * report, never silence.
 */
class InertSettingsWarningTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	private Path home;

	@BeforeEach
	void install() throws IOException {
		home = app.home();
		Files.createDirectories(home.resolve("config"));
	}

	@Test
	void warnsAtStartWhenAnImapHostIsConfiguredButTheInboundSourceIsNone() throws IOException {
		Files.writeString(home.resolve("config/application.yml"), """
				introflow:
				  imap:
				    host: imap.firm.example
				""");

		ConfigCommandTests.Result r = ConfigCommandTests.run("config", "show", "--home=" + home);

		assertThat(r.code()).isZero();
		assertThat(r.err()).containsOnlyOnce("introflow: warning: introflow.imap.host set, but "
				+ "introflow.inbound.source is 'none': no mailbox is read; set introflow.inbound.source=imap");
	}

	@Test
	void warnsWhenDkimKeysAreSetButDkimIsOffAndWhenAFolderIsSetForAnotherSource() {
		ConfigCommandTests.Result r = ConfigCommandTests.run("config", "show", "--home=" + home, "--set",
				"introflow.sending.dkim.domain=firm.example", "--set", "introflow.sending.dkim.selector=s1", "--set",
				"introflow.inbound.source=imap", "--set", "introflow.inbound.folder=/srv/mail-in");

		assertThat(r.err())
			.contains("introflow: warning: introflow.sending.dkim.domain, "
					+ "introflow.sending.dkim.selector set, but introflow.sending.dkim.enabled is false")
			.contains("introflow: warning: introflow.inbound.folder set, but introflow.inbound.source is 'imap'");
	}

	@Test
	void warnsNothingWithTheShippedSettings() {
		ConfigCommandTests.Result r = ConfigCommandTests.run("config", "show", "--home=" + home);

		assertThat(r.code()).isZero();
		assertThat(r.err()).doesNotContain("warning");
	}

	@Test
	void repliesSaysPlainlyThatNoInboundSourceIsConfigured() {
		ConfigCommandTests.Result r = ConfigCommandTests.run("replies", "--home=" + home);

		assertThat(r.code()).isEqualTo(2);
		assertThat(r.err()).contains("no inbound source is configured").contains("introflow.inbound.source=imap");
		assertThat(r.out()).doesNotContain("new messages stored");
	}

	@Test
	void theNightlyReportCarriesTheWarning() throws Exception {
		Map<String, Object> settings = new LinkedHashMap<>(app.settings());
		settings.put("introflow.sending.dkim.private-key", home.resolve("dkim.pem").toString());

		Installation.Run run = app.run(settings, "run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.err()).contains("introflow: warning: introflow.sending.dkim.private-key set");
		assertThat(Files.readString(home.resolve("reports/nightly-2026-03-02.txt"))).contains(
				"Warnings\n  introflow.sending.dkim.private-key set, but introflow.sending.dkim.enabled is " + "false");
	}

}
