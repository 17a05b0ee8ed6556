package io.introflow.cli;

import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code introflow} command line. Exit codes: 0 done, 1 job failed, 2 bad usage or configuration.
 */
@Command(name = "introflow", mixinStandardHelpOptions = true, version = "Introflow 0.1.0",
		description = "Turns happy-client moments into warm three-way introductions.",
		subcommands = { DemoCommand.class, RunCommand.class, ImportCommand.class, SendCommand.class, RepliesCommand.class, IntroCommand.class,
				StatusCommand.class, DkimCommand.class, DoctorCommand.class,
				TemplatesCommand.class, BenchCommand.class, CommandLine.HelpCommand.class })
public class IntroflowMain implements Runnable {

	public static final int OK = 0;

	public static final int JOB_FAILED = 1;

	public static final int BAD_USAGE = 2;

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	static {
		// Jakarta Mail looks its stream provider up through the service loader, a scan of the whole class path, each
		// time it reads or writes a header block; naming it here turns that into a class-cache hit (measured: it had
		// been most of the CPU time spent sending, see docs/benchmarks.md)
		if (System.getProperty(StreamProvider.class.getName()) == null) {
			System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
		}
	}

	public static void main(String[] args) {
		System.exit(execute(args, Map.of()));
	}

	/**
	 * Runs one command line in this JVM. {@code overrides} are Spring properties that win over every file, for tests
	 * and for the demo.
	 */
	public static int execute(String[] args, Map<String, Object> overrides) {
		return execute(args, overrides, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
	}

	/** Runs one command line in this JVM, printing to the given writers. */
	public static int execute(String[] args, Map<String, Object> overrides, PrintWriter out, PrintWriter err) {
		CommandLine cli = new CommandLine(new IntroflowMain(), new Factory(new LinkedHashMap<>(overrides)));
		cli.setOut(out);
		cli.setErr(err);
		cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
			commandLine.getErr().println("introflow: " + ex.getMessage());
			return (ex instanceof ConfigurationProblem) ? BAD_USAGE : JOB_FAILED;
		});
		try {
			return cli.execute(args);
		}
		finally {
			out.flush();
			err.flush();
		}
	}

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

	/** Hands every command the property overrides. */
	private record Factory(Map<String, Object> overrides) implements CommandLine.IFactory {

		@Override
		public <K> K create(Class<K> type) throws Exception {
			K instance = CommandLine.defaultFactory().create(type);
			if (instance instanceof SpringCommand command) {
				command.overrides.putAll(overrides);
			}
			return instance;
		}

	}

}
