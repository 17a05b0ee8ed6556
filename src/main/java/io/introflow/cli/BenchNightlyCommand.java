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

import io.introflow.bench.BenchInstallation;
import io.introflow.bench.NightlyBenchmark;
import io.introflow.bench.SmtpSink;
import io.introflow.bench.ThrowawayPostgres;

/**
 * {@code introflow bench nightly}: two nights of the real nightly job over a generated
 * installation, sending into an in-process SMTP sink, each step's time and the heap
 * printed per night.
 */
@Command(name = "nightly", mixinStandardHelpOptions = true,
		description = "Generate an installation in a temporary folder (--contacts clients, 50 owners, six time zones, "
				+ "partners and customers; --triggers triggers) and run two nights against an in-process SMTP sink "
				+ "(rate limit and daily cap off): the value emails, then two business days later the asks, with the "
				+ "same clients file dropped again. Prints each step's time and the heap per night. Run with "
				+ "INTROFLOW_JAVA_OPTS=-Xmx512m as docs/benchmarks.md does.")
class BenchNightlyCommand extends SpringCommand implements Callable<Integer> {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Option(names = "--contacts", defaultValue = "100000",
			description = "Clients to generate (default: ${DEFAULT-VALUE}).")
	long contacts;

	@Option(names = "--triggers", defaultValue = "20000", description = "Triggers (default: ${DEFAULT-VALUE}).")
	long triggers;

	@Option(names = "--postgres", description = "Run on a throwaway PostgreSQL 15 cluster (fsync on) started from "
			+ "/usr/lib/postgresql/15/bin, or on the server of --jdbc-url.")
	boolean postgres;

	@Option(names = "--jdbc-url", description = "A PostgreSQL database to use instead of a throwaway cluster (it "
			+ "should be empty), such as jdbc:postgresql://127.0.0.1:5432/bench.")
	String jdbcUrl;

	@Option(names = "--jdbc-user", defaultValue = "introflow", description = "User for --jdbc-url (default: "
			+ "${DEFAULT-VALUE}; the password, if any, from --set spring.datasource.password=...).")
	String jdbcUser;

	@Option(names = "--keep", description = "Keep the generated installation (its folder is printed).")
	boolean keep;

	@Override
	public Integer call() throws Exception {
		if (contacts < 1 || triggers < 0 || triggers > contacts) {
			throw new CommandLine.ParameterException(spec.commandLine(),
					"--contacts must be at least 1 and --triggers between 0 and --contacts");
		}
		PrintWriter out = spec.commandLine().getOut();
		Path dir = Files.createTempDirectory("introflow-bench-nightly-");
		BenchInstallation installation = new BenchInstallation(dir, contacts);
		installation.copyConfiguration(home());
		ThrowawayPostgres cluster = (postgres && jdbcUrl == null) ? ThrowawayPostgres.start(true) : null;
		try (SmtpSink sink = new SmtpSink();
				ConfigurableApplicationContext context = start(settings(dir, sink, cluster))) {
			NightlyBenchmark bench = new NightlyBenchmark(context, sink);
			LocalDate first = bench.firstNight(LocalDate.now());
			long generating = System.nanoTime();
			installation.dropClients();
			long written = installation.dropTriggers(triggers, first.minusDays(1));
			out.printf("generated %,d clients (%d owners) and %,d triggers in %.1f s; database: %s; max heap %,d MB%n",
					contacts, BenchInstallation.OWNERS, written, (System.nanoTime() - generating) / 1e9,
					database(context), Runtime.getRuntime().maxMemory() >> 20);
			out.flush();
			NightlyBenchmark.Night valueNight = bench.run(first);
			print(out, 1, "value emails", valueNight);
			if (!valueNight.completed()) {
				return IntroflowMain.JOB_FAILED;
			}
			installation.dropClients();
			NightlyBenchmark.Night askNight = bench.run(bench.later(first, 2));
			print(out, 2, "asks, two business days later, the same clients file again", askNight);
			return askNight.completed() ? IntroflowMain.OK : IntroflowMain.JOB_FAILED;
		}
		finally {
			if (cluster != null) {
				cluster.close();
			}
			if (keep) {
				out.println("kept: " + dir);
			}
			else {
				FileSystemUtils.deleteRecursively(dir);
			}
			out.flush();
		}
	}

	private Map<String, Object> settings(Path dir, SmtpSink sink, ThrowawayPostgres cluster) {
		Map<String, Object> settings = new LinkedHashMap<>();
		// the generated home, not the one the command was started in (only its templates
		// and batch-config are copied)
		settings.put("introflow.home", dir.toString());
		settings.put("spring.config.location", configLocation(dir));
		String url = (cluster != null) ? cluster.jdbcUrl() : jdbcUrl;
		if (url != null) {
			settings.put("spring.datasource.url", url);
			settings.put("spring.datasource.username", (cluster != null) ? cluster.user() : jdbcUser);
		}
		settings.put("introflow.smtp.host", "127.0.0.1");
		settings.put("introflow.smtp.port", String.valueOf(sink.port()));
		settings.put("introflow.smtp.starttls", "off");
		settings.put("introflow.sending.messages-per-second", "0");
		settings.put("introflow.sending.per-sender-daily-cap", "0");
		settings.put("introflow.inbound.source", "none");
		// the nights' work is exactly the generated triggers: no cadence triggers on top
		settings.put("introflow.sequences.cadence.every-days", "0");
		return settings;
	}

	private static String database(ConfigurableApplicationContext context) {
		String url = context.getEnvironment().getProperty("spring.datasource.url", "");
		return url.startsWith("jdbc:postgresql:") ? "PostgreSQL " + url : "H2 " + url;
	}

	private static void print(PrintWriter out, int n, String what, NightlyBenchmark.Night night) {
		out.printf("night %d (%s, %s): %s in %.1f s wall; heap in use at most %,d MB, at most %,d MB left after a GC%n",
				n, night.day(), what, night.completed() ? "completed" : "FAILED", night.wall().toMillis() / 1000.0,
				night.heapPeak() >> 20, night.heapPeakAfterGc() >> 20);
		for (NightlyBenchmark.Step step : night.steps()) {
			double seconds = step.elapsed().toMillis() / 1000.0;
			String counts = (step.read() > 0 || step.written() > 0)
					? String.format("%,d read (%,d rows/s): %s", step.read(),
							Math.round(step.read() / Math.max(0.001, seconds)),
							step.summary().isEmpty() ? String.format("%,d written", step.written()) : step.summary())
					: step.summary();
			out.printf("  %-24s %8.1f s   %s%n", step.name(), seconds, counts);
		}
		out.printf("  sink received: %s%n",
				night.received().isEmpty() ? "nothing"
						: night.received()
							.entrySet()
							.stream()
							.map(e -> String.format("%,d %s", e.getValue(), e.getKey()))
							.reduce((a, b) -> a + ", " + b)
							.orElse(""));
		if (!night.completed()) {
			out.println(night.failure());
		}
		out.flush();
	}

}
