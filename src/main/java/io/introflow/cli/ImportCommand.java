package io.introflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.introflow.batch.ImportRunner;

/**
 * {@code introflow import <file>}: imports one file now, with progress on long files and
 * a summary at the end.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
		description = "Import one CSV file (clients, triggers, outcomes or suppressions) now. The file is left "
				+ "where it is; bad rows go to the rejects file.")
class ImportCommand extends SpringCommand implements Callable<Integer> {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "FILE", description = "The CSV file.")
	Path file;

	@Option(names = "--type", description = "clients, triggers, outcomes or suppressions (default: from the "
			+ "file's name, such as clients-2026-03.csv).")
	String type;

	@Option(names = "--date", description = "The date the rejects file is named after (default: today).")
	LocalDate date;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = start(Map.of())) {
			ImportRunner.Result result;
			try {
				result = context.getBean(ImportRunner.class).run(file, type, (date != null) ? date : LocalDate.now());
			}
			catch (IllegalArgumentException ex) {
				throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
			}
			out.println(result.summary());
			out.printf("%,d rows in %.1f s (%,d rows/s)%n", result.rows(), result.elapsed().toMillis() / 1000.0,
					result.rowsPerSecond());
			out.flush();
			return result.completed() ? IntroflowMain.OK : IntroflowMain.JOB_FAILED;
		}
	}

}
