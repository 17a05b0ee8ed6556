package io.introflow.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.introflow.cli.IntroflowMain;

import static org.assertj.core.api.Assertions.assertThat;

class BenchNightlyTests {

	private static final List<String> STEPS = List.of("checkTemplates", "importClients", "importTriggers",
			"fetchReplies", "planIntroductions", "composeDueSteps", "sendOutbox", "report");

	@Test
	void runsTwoNightsAndPrintsEveryStepWhileTheSinkReceivesValueEmailsThenAsks() {
		// given the repository's templates and batch-config as the installation to copy
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		// when
		int code = IntroflowMain.execute(
				new String[] { "bench", "nightly", "--contacts", "200", "--triggers", "40", "--home",
						Path.of("").toAbsolutePath().toString() },
				Map.of(), new PrintWriter(out), new PrintWriter(err));

		// then
		String printed = out.toString();
		assertThat(code).as(printed + err).isZero();
		assertThat(printed).contains("generated 200 clients (50 owners) and 40 triggers");
		String first = printed.substring(printed.indexOf("night 1 ("), printed.indexOf("night 2 ("));
		String second = printed.substring(printed.indexOf("night 2 ("));
		for (String night : List.of(first, second)) {
			assertThat(night).contains("completed in").contains("heap in use at most");
			STEPS.forEach(step -> assertThat(night).containsPattern("\\n  " + step + " +\\d+\\.\\d s"));
		}
		assertThat(first).contains("importClients").contains("200 read (").contains("199 new, 0 updated, 0 unchanged");
		// the same clients file again: every row compared by its hash, none written
		assertThat(second).contains("0 new, 0 updated, 199 unchanged");
		assertThat(first).contains("sink received: 40 value\n");
		assertThat(second).contains("sink received: 40 ask\n");
	}

}
