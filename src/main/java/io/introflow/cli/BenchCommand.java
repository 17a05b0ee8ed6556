package io.introflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.introflow.batch.ImportRunner;
import io.introflow.bench.ClientsFileGenerator;

/**
 * {@code introflow bench import}: the figures in docs/benchmarks.md, reproducible with one command.
 */
@Command(name = "bench", description = "Benchmarks, as recorded in docs/benchmarks.md.",
		subcommands = BenchCommand.Import.class)
class BenchCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(spec.commandLine(), "name the benchmark, such as: bench import");
	}

	@Command(name = "import", mixinStandardHelpOptions = true,
			description = "Generate a clients file of --rows rows and import it into a fresh H2 database; print rows "
					+ "per second and peak heap. Run with INTROFLOW_JAVA_OPTS=-Xmx256m to check bounded memory.")
	static class Import extends SpringCommand implements Callable<Integer> {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Option(names = "--rows", defaultValue = "1000000", description = "Rows to generate (default: ${DEFAULT-VALUE}).")
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
				settings.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("data/introflow") + ";WRITE_DELAY=0");
				settings.put("introflow.folders.reports", dir.resolve("reports").toString());
				settings.put("introflow.folders.inbox", dir.resolve("inbox").toString());
				try (ConfigurableApplicationContext context = start(settings); HeapSampler heap = new HeapSampler()) {
					ImportRunner.Result result = context.getBean(ImportRunner.class)
						.run(file, "clients", LocalDate.now());
					out.println(result.summary());
					out.printf("import: %,d rows in %.1f s = %,d rows/s; heap in use at most %,d MB, at most "
							+ "%,d MB left after a GC, max heap %,d MB (H2 file database, chunk of 1000)%n", result.rows(),
							result.elapsed().toMillis() / 1000.0, result.rowsPerSecond(), heap.peakUsed() >> 20,
							heap.peakAfterGc() >> 20, Runtime.getRuntime().maxMemory() >> 20);
					out.flush();
					return result.completed() ? IntroflowMain.OK : IntroflowMain.JOB_FAILED;
				}
			}
			finally {
				if (keep) {
					out.println("kept: " + dir);
				}
				else {
					delete(dir);
				}
			}
		}

		/**
		 * Samples the heap every 20 ms: the most in use (live objects and garbage), and the most left in use right
		 * after a garbage collection, which is what the import really keeps.
		 */
		static final class HeapSampler implements AutoCloseable {

			private final Thread thread;

			private volatile boolean running = true;

			private volatile long peakUsed;

			private volatile long peakAfterGc;

			private final java.util.Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter(pool -> pool.getType() == MemoryType.HEAP)
				.map(MemoryPoolMXBean::getName)
				.collect(java.util.stream.Collectors.toSet());

			HeapSampler() {
				thread = new Thread(this::sample, "heap-sampler");
				thread.setDaemon(true);
				thread.start();
			}

			private void sample() {
				while (running) {
					peakUsed = Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
					for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
						if (gc instanceof com.sun.management.GarbageCollectorMXBean hotspot
								&& hotspot.getLastGcInfo() != null) {
							long after = hotspot.getLastGcInfo()
								.getMemoryUsageAfterGc()
								.entrySet()
								.stream()
								.filter(e -> heapPools.contains(e.getKey()))
								.mapToLong(e -> e.getValue().getUsed())
								.sum();
							peakAfterGc = Math.max(peakAfterGc, after);
						}
					}
					try {
						Thread.sleep(20);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}

			long peakUsed() {
				return peakUsed;
			}

			long peakAfterGc() {
				return peakAfterGc;
			}

			@Override
			public void close() {
				running = false;
				thread.interrupt();
			}

		}

		private static void delete(Path dir) throws IOException {
			try (Stream<Path> files = Files.walk(dir)) {
				for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(p);
				}
			}
		}

	}

}
