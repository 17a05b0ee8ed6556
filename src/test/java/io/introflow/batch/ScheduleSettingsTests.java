package io.introflow.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.cli.IntroflowMain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code introflow.schedule.*} settings: shown by {@code config show}, refused with
 * the key when wrong.
 */
class ScheduleSettingsTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void configShowListsTheScheduleWithItsDefaults() {
		Installation.Run run = app.run("config", "show");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).containsPattern("introflow.schedule.nightly-at\\s+02:00")
			.containsPattern("introflow.schedule.send-every\\s+15m")
			.containsPattern("introflow.schedule.enabled\\s+true")
			.contains("introflow.schedule.zone");
	}

	@Test
	void aWrongScheduleSettingStopsWithItsKey() {
		assertRefused("introflow.schedule.zone=Europe/Lodnon", "introflow.schedule.zone",
				"must be a time zone such as Europe/London");
		assertRefused("introflow.schedule.nightly-at=25:00", "introflow.schedule.nightly-at", "25:00");
		assertRefused("introflow.schedule.send-every=10s", "introflow.schedule.send-every",
				"must be between 1m and 1d");
	}

	private void assertRefused(String setting, String... words) {
		Installation.Run run = app.run("config", "show", "--set", setting);

		assertThat(run.exitCode()).as(run.out()).isEqualTo(IntroflowMain.BAD_USAGE);
		assertThat(run.err()).contains(words);
	}

}
