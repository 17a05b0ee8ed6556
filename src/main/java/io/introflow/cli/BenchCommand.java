package io.introflow.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.introflow.batch.ImportRunner;
import io.introflow.bench.ClientsFileGenerator;

/**
 * {@code introflow bench import|send|nightly}: the figures in docs/benchmarks.md,
 * reproducible with one command.
 */
@Command(name = "bench", description = "Benchmarks, as recorded in docs/benchmarks.md.",
		subcommands = { BenchCommand.Import.class, BenchCommand.Send.class, BenchNightlyCommand.class })
class BenchCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(spec.commandLine(), "name the benchmark, such as: bench import");
	}

	@Command(name = "import", mixinStandardHelpOptions = true,
			description = "Generate a clients file of --rows rows and import it into a fresh H2 database (or the "
					+ "database of --set spring.datasource.url=..., which should be empty); print rows per second and "
					+ "peak heap. Run with INTROFLOW_JAVA_OPTS=-Xmx256m to check bounded memory.")
	static class Import extends SpringCommand implements Callable<Integer> {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Option(names = "--rows", defaultValue = "1000000",
				description = "Rows to generate (default: ${DEFAULT-VALUE}).")
		long rows;

		@Option(names = "--keep", description = "Keep the generated file and database (their folder is printed).")
		boolean keep;

		@Override
		public Integer call() throws Exception {
			PrintWriter out = spec.commandLine().getOut();
			Path dir = Files.createTempDirectory("introflow-bench-");
			try {
				Path file = dir.resolve("clients-bench.csv");
				long generating = System.nanoTime();
				ClientsFileGenerator.write(file, rows);
				out.printf("generated %,d rows (%,d MB) in %.1f s: %s%n", rows, Files.size(file) / (1024 * 1024),
						(System.nanoTime() - generating) / 1e9, file);
				out.flush();
				Map<String, Object> settings = new LinkedHashMap<>();
				settings.put("spring.datasource.url",
						"jdbc:h2:file:" + dir.resolve("data/introflow") + ";WRITE_DELAY=0");
				settings.put("introflow.folders.reports", dir.resolve("reports").toString());
				settings.put("introflow.folders.inbox", dir.resolve("inbox").toString());
				try (ConfigurableApplicationContext context = start(settings);
						io.introflow.bench.HeapSampler heap = new io.introflow.bench.HeapSampler()) {
					ImportRunner.Result result = context.getBean(ImportRunner.class)
						.run(file, "clients", LocalDate.now());
					out.println(result.summary());
					out.printf(
							"import: %,d rows in %.1f s = %,d rows/s; heap in use at most %,d MB, at most "
									+ "%,d MB left after a GC, max heap %,d MB (%s, chunk of %d)%n",
							result.rows(), result.elapsed().toMillis() / 1000.0, result.rowsPerSecond(),
							heap.peakUsed() >> 20, heap.peakAfterGc() >> 20, Runtime.getRuntime().maxMemory() >> 20,
							database(context), context.getBean(io.introflow.intake.IntakeProperties.class).chunkSize());
					out.flush();
					return result.completed() ? IntroflowMain.OK : IntroflowMain.JOB_FAILED;
				}
			}
			finally {
				if (keep) {
					out.println("kept: " + dir);
				}
				else {
					FileSystemUtils.deleteRecursively(dir);
				}
			}
		}

	}

	/** "H2 file database" or "PostgreSQL", as the benchmark's result line names it. */
	static String database(ConfigurableApplicationContext context) {
		String url = context.getEnvironment().getProperty("spring.datasource.url", "");
		return url.startsWith("jdbc:postgresql:") ? "PostgreSQL"
				: url.startsWith("jdbc:h2:") ? "H2 file database" : "another database";
	}

	@Command(name = "send", mixinStandardHelpOptions = true,
			description = "Queue --messages realistic emails in a fresh H2 database and relay them to the SMTP server "
					+ "at --host:--port (start smtp-sink first); print messages per second and heap.")
	static class Send extends SpringCommand implements Callable<Integer> {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Option(names = "--messages", defaultValue = "20000", description = "Messages (default: ${DEFAULT-VALUE}).")
		int messages;

		@Option(names = "--connections", defaultValue = "4",
				description = "Parallel SMTP connections (default: ${DEFAULT-VALUE}).")
		int connections;

		@Option(names = "--host", defaultValue = "127.0.0.1", description = "SMTP host (default: ${DEFAULT-VALUE}).")
		String host;

		@Option(names = "--port", defaultValue = "2525", description = "SMTP port (default: ${DEFAULT-VALUE}).")
		int port;

		@Override
		public Integer call() throws Exception {
			PrintWriter out = spec.commandLine().getOut();
			Path dir = Files.createTempDirectory("introflow-bench-send-");
			try {
				Map<String, Object> settings = new LinkedHashMap<>();
				settings.put("spring.datasource.url",
						"jdbc:h2:file:" + dir.resolve("data/introflow") + ";WRITE_DELAY=0");
				settings.put("introflow.folders.reports", dir.resolve("reports").toString());
				settings.put("introflow.smtp.host", host);
				settings.put("introflow.smtp.port", String.valueOf(port));
				settings.put("introflow.smtp.starttls", "off");
				settings.put("introflow.sending.connections", String.valueOf(connections));
				settings.put("introflow.sending.messages-per-second", "0");
				settings.put("introflow.sending.per-sender-daily-cap", "0");
				try (ConfigurableApplicationContext context = start(settings)) {
					io.introflow.bench.SendBenchmark bench = new io.introflow.bench.SendBenchmark(context);
					long size = bench.queue(messages);
					out.printf("queued %,d messages of %,d bytes each; relaying over %d connections to %s:%d%n",
							messages, size, connections, host, port);
					out.flush();
					try (io.introflow.bench.HeapSampler heap = new io.introflow.bench.HeapSampler()) {
						io.introflow.bench.SendBenchmark.Result result = bench.relay();
						out.println(result.summary());
						out.printf(
								"send: %,d messages in %.2f s = %,d messages/s; heap in use at most %,d MB, at most "
										+ "%,d MB left after a GC, max heap %,d MB%n",
								result.sent(), result.elapsed().toMillis() / 1000.0, result.perSecond(),
								heap.peakUsed() >> 20, heap.peakAfterGc() >> 20,
								Runtime.getRuntime().maxMemory() >> 20);
						out.flush();
						return (result.sent() == messages) ? IntroflowMain.OK : IntroflowMain.JOB_FAILED;
					}
				}
			}
			finally {
				FileSystemUtils.deleteRecursively(dir);
			}
		}

	}

}
