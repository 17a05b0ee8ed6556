package io.introflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exit codes as operators and schedulers see them: 0 done, 1 job failed, 2 bad usage or
 * configuration.
 */
class ExitCodeTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws IOException {
		app.inbox("clients.csv",
				"""
						email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone
						alice@acme.example,Alice Archer,Acme Corp,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,UTC
						""");
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at
				alice@acme.example,praise,2026-03-01
				""");
	}

	@Test
	void exitsZeroWhenTheNightCompletes() {
		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
		assertThat(app.greenMail().getReceivedMessages()).hasSize(1);
	}

	@Test
	void exitsTwoOnAnUnknownCommand() {
		Installation.Run run = app.run("frobnicate");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("frobnicate");
	}

	@Test
	void exitsTwoOnAMalformedDate() {
		Installation.Run run = app.run("run", "nightly", "--date=2026-13-40");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("--date", "2026-13-40");
	}

	@Test
	void exitsTwoWhenRunIsGivenNoJob() {
		assertThat(app.run("run").exitCode()).isEqualTo(2);
	}

	@Test
	void exitsTwoAndNamesTheSettingWhenTheConfigurationIsWrong() {
		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02", "--set",
				"introflow.smtp.starttls=sometimes");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("introflow.smtp.starttls", "sometimes");
		assertThat(app.greenMail().getReceivedMessages()).isEmpty();
	}

	@Test
	void exitsTwoWhenBatchConfigHasAValueOfTheWrongType() throws IOException {
		Path config = app.home().resolve("batch-config/sequences.yml");
		Files.writeString(config, Files.readString(config).replace("cool-down-days: 60", "cool-down-days: soon"));

		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("cool-down-days", "soon");
	}

	@Test
	void exitsTwoWhenASequenceStepNamesAnUnknownTemplateKind() throws IOException {
		Path config = app.home().resolve("batch-config/sequences.yml");
		Files.writeString(config, Files.readString(config)
			.replace("{ name: nudge, after: 5, when: [ASKED],", "{ name: nudge, kind: poke, after: 5, when: [ASKED],"));

		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("introflow.sequences.segments.customer.steps[2].kind", "poke");
	}

	@Test
	void exitsTwoWhenAStepFollowsAStepThatIsNotAboveIt() throws IOException {
		Path config = app.home().resolve("batch-config/sequences.yml");
		Files.writeString(config,
				Files.readString(config)
					.replace("{ name: nudge, after: 5, when: [ASKED], follows: ask }",
							"{ name: nudge, after: 5, when: [ASKED], follows: thank-you }"));

		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("introflow.sequences.segments.customer.steps[2].follows", "thank-you");
	}

	@Test
	void exitsOneAndNamesTheTemplateLineWhenATemplateIsBrokenAndSendsNothing() throws Exception {
		Path template = app.home().resolve("templates/value/customer/a.md");
		Files.writeString(template,
				Files.readString(template).replace("Hi ${referrer.firstName},", "Hi ${referrer.frist_name},"));

		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("checkTemplates", "value/customer/a.md:5:");
		assertThat(app.greenMail().getReceivedMessages()).isEmpty();
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email")).isZero();

		// once the rep fixes the template, the same command restarts the night and sends
		Files.writeString(template,
				Files.readString(template).replace("Hi ${referrer.frist_name},", "Hi ${referrer.firstName},"));
		Installation.Run again = app.run("run", "nightly", "--date=2026-03-02");
		assertThat(again.exitCode()).as(again.err()).isEqualTo(0);
		assertThat(app.greenMail().getReceivedMessages()).hasSize(1);
	}

	@Test
	void statusExitsTwoForAnUnknownIntroductionAndZeroWithTheFunnel() {
		app.run("run", "nightly", "--date=2026-03-02");

		assertThat(app.run("status", "--intro=nosuchtoken").exitCode()).isEqualTo(2);
		Installation.Run status = app.run("status");
		assertThat(status.exitCode()).isEqualTo(0);
		assertThat(status.out()).contains("value sent", "alice@acme.example");
	}

}
