package io.introflow.cli;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.introflow.batch.NightlyRunner;

/**
 * {@code introflow run nightly [--date D]}: one nightly run, restartable and idempotent
 * per date.
 */
@Command(name = "run", description = "Run a job.", subcommands = RunCommand.Nightly.class)
class RunCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(spec.commandLine(), "name the job to run, such as: run nightly");
	}

	@Command(name = "nightly", mixinStandardHelpOptions = true,
			description = "Import, read replies, plan, compose and send everything due on the date, then report.")
	static class Nightly extends SpringCommand implements Callable<Integer> {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Option(names = "--date", description = "The run date (yyyy-MM-dd); default: today.")
		LocalDate date;

		@Option(names = "--json", description = "Print the night's report as JSON (as in reports/nightly-<date>.json).")
		boolean json;

		@Override
		public Integer call() throws Exception {
			LocalDate day = (date != null) ? date : LocalDate.now();
			try (ConfigurableApplicationContext context = start(Map.of())) {
				NightlyRunner.Outcome outcome = context.getBean(NightlyRunner.class).run(day);
				if (outcome.completed()) {
					spec.commandLine().getOut().print(json ? outcome.json() : outcome.summary());
					spec.commandLine().getOut().flush();
					return IntroflowMain.OK;
				}
				spec.commandLine().getErr().println(outcome.summary());
				return IntroflowMain.JOB_FAILED;
			}
		}

	}

}
